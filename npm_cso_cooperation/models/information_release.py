# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, fields, models


class NpmInformationRelease(models.Model):
    """The information release register: what NPM material reached a CSO.

    Append-only. Lines are written by the code paths that release material
    (``_register_release``: a finding shared, a request to use information
    approved, …); nobody, managers and the superuser included, can edit or
    delete them, and no group has the create right through the ORM.
    """

    _name = "npm.information.release"
    _description = "Information Release Register Line"
    _inherit = ["npm.lifecycle.mixin"]
    _lifecycle_append_only = True
    _order = "date desc, id desc"
    _rec_name = "description"

    date = fields.Datetime(
        required=True, readonly=True, default=fields.Datetime.now, index=True
    )
    res_model = fields.Char(
        string="Released Record Model", required=True, readonly=True, index=True
    )
    res_id = fields.Many2oneReference(
        string="Released Record ID",
        model_field="res_model",
        required=True,
        readonly=True,
        index=True,
    )
    record_ref = fields.Reference(
        selection="_selection_record_ref",
        string="Released Record",
        compute="_compute_record_ref",
    )
    record_name = fields.Char(
        string="What", readonly=True, help="Name of the record when released."
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Released To",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        help="The CSO or the CSO's expert who received access.",
    )
    cso_id = fields.Many2one(
        "res.partner",
        string="CSO",
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    released_by_id = fields.Many2one(
        "res.users",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    visit_id = fields.Many2one(
        "npm.joint.visit",
        string="Joint Visit",
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    agreement_id = fields.Many2one(
        "npm.cso.agreement",
        string="Under Agreement",
        readonly=True,
        index=True,
        ondelete="restrict",
        help="The signed confidentiality or data-sharing agreement of the "
        "partnership the release falls under, if any.",
    )
    release_type = fields.Selection(
        [
            ("finding_shared", "Finding Shared"),
            ("document_shared", "Document Shared"),
            ("info_use_approved", "Use of Information Approved"),
            ("sharing_ended", "Sharing Ended (Consent Withdrawn)"),
            ("recommendation_shared", "Recommendation Shared"),
            ("other", "Other"),
        ],
        string="Kind of Release",
        required=True,
        readonly=True,
        default="other",
        index=True,
    )
    description = fields.Text(required=True, readonly=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.company,
    )

    @api.model
    def _selection_record_ref(self):
        """Models whose records can be released; other modules extend it."""
        return [
            ("npm.visit.finding", self.env._("Finding")),
            ("npm.visit.document", self.env._("Visit Document")),
            ("npm.info.use.request", self.env._("Request to Use Information")),
            ("npm.recommendation", self.env._("Recommendation")),
        ]

    @api.depends("res_model", "res_id")
    def _compute_record_ref(self):
        known = {model for model, _label in self._selection_record_ref()}
        for line in self:
            if line.res_model in known and line.res_id:
                line.record_ref = f"{line.res_model},{line.res_id}"
            else:
                line.record_ref = False

    def _lifecycle_append_only_message(self, operation):
        if operation == "copy":
            return self.env._(
                "Lines of the information release register cannot be copied."
            )
        if operation == "unlink":
            return self.env._(
                "The information release register is append-only: its lines "
                "cannot be deleted."
            )
        return self.env._(
            "The information release register is append-only: its lines cannot "
            "be changed."
        )

    @api.model
    def _register_release(
        self,
        record,
        partners,
        release_type=None,
        visit=None,
        description="",
        agreement=None,
        company=None,
    ):
        """Write one line per partner for the release of ``record``.

        Call it from the code path that makes the material available, after
        the caller's own access was checked: the register is written with
        sudo() because nobody holds the create right on it (so that lines
        only come from here), which neither shows nor grants anything to the
        caller. ``released_by_id`` is the real user (sudo keeps it).
        """
        record.ensure_one()
        user = self.env.user
        if release_type is None:
            release_type = {
                "npm.visit.finding": "finding_shared",
                "npm.visit.document": "document_shared",
                "npm.info.use.request": "info_use_approved",
            }.get(record._name, "other")
        if agreement is None and visit:
            agreement = visit.sudo()._get_signed_agreement()
        vals_list = [
            {
                "res_model": record._name,
                "res_id": record.id,
                "record_name": record.display_name,
                "partner_id": partner.id,
                "cso_id": partner.cso_id.id or (visit and visit.cso_id.id) or False,
                "released_by_id": user.id,
                "visit_id": visit.id if visit else False,
                "agreement_id": agreement.id if agreement else False,
                "release_type": release_type,
                "description": description or record.display_name,
                "company_id": (
                    company or (visit.company_id if visit else self.env.company)
                ).id,
            }
            for partner in partners
        ]
        return self.sudo().create(vals_list)
