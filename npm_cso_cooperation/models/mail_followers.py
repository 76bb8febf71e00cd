# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import models

# One of the mail tables npm.mail.side.table narrows (mail_side_table.py).


class MailFollowers(models.Model):
    _name = "mail.followers"
    _inherit = ["mail.followers", "npm.mail.side.table"]
