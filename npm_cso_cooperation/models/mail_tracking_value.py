# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import models

# One of the mail tables npm.mail.side.table narrows (mail_side_table.py).


class MailTrackingValue(models.Model):
    _name = "mail.tracking.value"
    _inherit = ["mail.tracking.value", "npm.mail.side.table"]
    _npm_message_column = "mail_message_id"
