# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv.expression import AND

from odoo.addons.dms.tools.file import check_name, unique_name

FOLDER_TYPES = [
    ("cso", "CSO"),
    ("partnership", "Partnership"),
    ("agreements", "Agreements"),
    ("undertakings", "Undertakings"),
    ("visits", "Visits"),
    ("record", "Record"),
]
# Folders that only structure the tree: they never receive attachments.
CONTAINER_TYPES = ("cso", "partnership", "agreements", "undertakings", "visits")
# What ties a cooperation folder to its place; only the app moves them.
STRUCTURE_FIELDS = {
    "parent_id",
    "storage_id",
    "is_root_directory",
    "res_model",
    "res_id",
    "model_id",
    "npm_folder_type",
    "npm_cso_id",
}


def npm_cooperation_records(records):
    """The folders or files of records that are in the cooperation store."""
    # sudo: which store a folder or file is in is structure, not content;
    # the records are handed back with the caller's rights.
    return (
        records.sudo()
        .filtered(lambda item: item.storage_id.is_cooperation_store)
        .sudo(records.env.su)
    )


def npm_allowed_by_rules(records, operation):
    """The folders or files of records on which the current user's access
    rights and record rules allow ``operation``.

    OCA's ``filtered_domain()`` returns every record as superuser, and Odoo
    checks record rules with it: the rules are applied here by a search with
    the user's rights, as Odoo's own search applies them. The store's access
    check (dms_security_mixin.py), and through it OCA's ``permission_*``
    fields, rest on this.
    """
    if records.env.su or not records:
        return records
    Rule = records.env["ir.rule"]
    try:
        return records.with_context(active_test=False).search(
            AND(
                [
                    [("id", "in", records.ids)],
                    Rule._compute_domain(records._name, operation) or [],
                ]
            )
        )
    except AccessError:
        return records.browse()


def npm_same_record(items, res_model, res_id):
    """The folders or files of items linked to the same record."""
    return items.filtered(
        lambda item: item.res_model == res_model and item.res_id == (res_id or 0)
    )


def npm_readable_namesakes(record, siblings):
    """The siblings of a cooperation folder or file that carry its name, are
    linked to the same record, and that the user may read.

    Names are unique in the cooperation store among the siblings of one
    record, which have the same readers: a clash with a folder or file of
    another record (a strictly confidential finding's folder in a visit's)
    is no clash, so that neither a refused name nor a name the app had to
    change tells anyone about a sibling they may not read.
    """
    # sudo: which siblings exist is read to be compared, then only those the
    # user (the uid, also inside OCA's superuser create) may read count.
    namesakes = npm_same_record(
        siblings.sudo().filtered(lambda item: item.name == record.name) - record,
        record.res_model,
        record.res_id,
    )
    return npm_allowed_by_rules(namesakes.sudo(False), "read")


def npm_counted_with_rights(records):
    """The cooperation folders among records whose counts and sizes are
    computed with the user's own rights (OCA counts as superuser, or reads
    the shared cache that superuser code may have filled)."""
    if records.env.su:
        return records.browse()
    return npm_cooperation_records(records).filtered("id")


class DmsDirectory(models.Model):
    _inherit = "dms.directory"

    npm_folder_type = fields.Selection(
        FOLDER_TYPES,
        string="Cooperation Folder",
        readonly=True,
        index=True,
        help="Set on the folders the NPM–CSO Cooperation app creates in its "
        "store: one per CSO, partnership, section (agreements, undertakings, "
        "visits) and record.",
    )
    npm_cso_id = fields.Many2one(
        "res.partner",
        string="Folder of CSO",
        readonly=True,
        index=True,
        ondelete="restrict",
        help="The CSO (or, for a person outside any CSO, the person) whose "
        "root folder this is.",
    )

    def write(self, vals):
        if (
            STRUCTURE_FIELDS & vals.keys()
            and not self.env.context.get("npm_dms_sync")
            and self.filtered("npm_folder_type")
        ):
            raise UserError(
                self.env._(
                    "The folders of the NPM–CSO Cooperation store follow their "
                    "records: move or relink the agreement, undertaking or "
                    "visit instead, and its folder follows."
                )
            )
        return super().write(vals)

    # Counts and sizes of cooperation folders count what the user may read:
    # OCA sums sizes as superuser and counts the cached subfolders and files,
    # which superuser code of the same transaction may have filled with all
    # of them (a visit's folder holds its strictly confidential findings').

    def _compute_count_directories(self):
        ours = npm_counted_with_rights(self)
        res = super(DmsDirectory, self - ours)._compute_count_directories()
        counts = {
            parent.id: count
            for parent, count in self.env["dms.directory"]._read_group(
                [("parent_id", "in", ours.ids)], ["parent_id"], ["__count"]
            )
        }
        for directory in ours:
            count = counts.get(directory.id, 0)
            directory.count_directories = count
            directory.count_directories_title = self.env._(
                "%(count)s Subdirectories", count=count
            )
        return res

    def _compute_count_files(self):
        ours = npm_counted_with_rights(self)
        res = super(DmsDirectory, self - ours)._compute_count_files()
        counts = {
            directory.id: count
            for directory, count in self.env["dms.file"]._read_group(
                [("directory_id", "in", ours.ids)], ["directory_id"], ["__count"]
            )
        }
        for directory in ours:
            count = counts.get(directory.id, 0)
            directory.count_files = count
            directory.count_files_title = self.env._("%(count)s Files", count=count)
        return res

    def _compute_size(self):
        ours = npm_counted_with_rights(self)
        res = super(DmsDirectory, self - ours)._compute_size()
        DmsFile = self.env["dms.file"]
        for directory in ours:
            [(size,)] = DmsFile._read_group(
                [("directory_id", "child_of", directory.id)], [], ["size:sum"]
            )
            directory.size = size or 0
        return res

    @api.constrains("name")
    def _check_name(self):
        # OCA compares with every sibling as superuser, before it checks
        # that the user may create the folder at all: "a folder with the same
        # name already exists" confirmed hidden names to anyone.
        ours = npm_cooperation_records(self)
        res = super(DmsDirectory, self - ours)._check_name()
        for directory in ours.sudo():
            if self.env.context.get("check_name", True) and not check_name(
                directory.name
            ):
                raise ValidationError(self.env._("The directory name is invalid."))
            siblings = (
                directory.storage_id.root_directory_ids
                if directory.is_root_directory
                else directory.parent_id.child_directory_ids
            )
            if npm_readable_namesakes(directory, siblings):
                raise ValidationError(
                    self.env._("A directory with the same name already exists.")
                )
        return res

    def check_access_token(self, access_token=False):
        # A valid share link (access token) makes OCA's portal list the
        # folder's subfolders and files as superuser, those the user may not
        # read included (a visit's folder holds the folders of its strictly
        # confidential findings). In the cooperation store a link never
        # widens access: it is never valid, and OCA's portal then lists and
        # opens folders with the user's own rights, link or not.
        if not npm_cooperation_records(self):
            return super().check_access_token(access_token)
        return False

    @api.ondelete(at_uninstall=False)
    def _unlink_except_cooperation_folder_in_use(self):
        for directory in self.sudo().filtered("npm_folder_type"):
            if directory.npm_folder_type == "cso":
                in_use = directory.child_directory_ids
            else:
                # The folder goes when its record goes (OCA's cascade), not before.
                in_use = directory._npm_linked_record().exists()
            if in_use:
                raise UserError(
                    self.env._(
                        "The folder %(name)s belongs to the NPM–CSO Cooperation "
                        "store and is still in use: it is removed with the "
                        "record it belongs to, not by hand.",
                        name=directory.complete_name,
                    )
                )

    # Helpers: the tree CSO → partnership → sections → records. They work as
    # superuser because folders are structure only: reading a folder or a file
    # in this store is decided by the record it is linked to, whoever created it.

    def _npm_linked_record(self):
        self.ensure_one()
        if not self.res_model or not self.res_id or self.res_model not in self.env:
            return self.env["res.partner"]
        return self.env[self.res_model].browse(self.res_id)

    @api.model
    def _npm_find_folder(self, folder_type, res_model, res_id, cso=None):
        domain = [
            ("storage_id.is_cooperation_store", "=", True),
            ("npm_folder_type", "=", folder_type),
            ("res_model", "=", res_model),
            ("res_id", "=", res_id or False),
        ]
        if cso is not None:
            domain.append(("npm_cso_id", "=", cso.id))
        return self.sudo().search(domain, limit=1)

    @api.model
    def _npm_unique_name(self, name, siblings, owner, escape_suffix=False):
        """A name free among the siblings (folders or files) linked to the
        same record, owner = (res_model, res_id): “scan(1).pdf”.

        Siblings of other records are not dodged: a name changed because of
        them would tell those who read this folder or file that a sibling
        they may not read carries that name (see npm_readable_namesakes).
        """
        # "/" separates folders in complete names and paths.
        name = (name or "").replace("/", "-").replace("\\", "-").strip() or "-"
        siblings = npm_same_record(siblings.sudo(), *owner)
        return unique_name(name[:200], siblings.mapped("name"), escape_suffix)

    @api.model
    def _npm_create_folder(self, parent, folder_type, res_model, res_id, name, **vals):
        """Create a cooperation folder under parent (a root one if no parent)."""
        storage = self.env["dms.storage"]._npm_cooperation_store()
        siblings = parent.child_directory_ids if parent else storage.root_directory_ids
        vals.update(
            {
                "name": self._npm_unique_name(name, siblings, (res_model, res_id)),
                "npm_folder_type": folder_type,
                "res_model": res_model,
                "res_id": res_id or False,
            }
        )
        if parent:
            vals["parent_id"] = parent.id
        else:
            vals.update({"is_root_directory": True, "storage_id": storage.id})
        return (
            self.sudo()
            .with_context(
                check_name=False,
                npm_dms_sync=True,
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
            )
            .create(vals)
        )

    @api.model
    def _npm_cso_folder(self, cso):
        """The root folder of a CSO.

        It is linked to the partnership model without a record, like OCA's
        per-model root folders: only users who may read partnerships (NPM
        staff) see it; the CSO contact itself is readable far more widely.
        """
        folder = self._npm_find_folder("cso", "npm.cso.partnership", False, cso=cso)
        if not folder:
            folder = self._npm_create_folder(
                self.browse(),
                "cso",
                "npm.cso.partnership",
                False,
                cso.name,
                npm_cso_id=cso.id,
            )
        return folder

    @api.model
    def _npm_section_folder(self, section, partnership):
        """The agreements, undertakings or visits folder of a partnership."""
        folder = self._npm_find_folder(section, partnership._name, partnership.id)
        if not folder:
            # The partnership's folder comes with all its sections.
            partnership._npm_dms_ensure_directory()
            folder = self._npm_find_folder(section, partnership._name, partnership.id)
        return folder

    def _npm_sync(self, parent, name):
        """Move or rename a cooperation folder to follow its record."""
        for directory in self.sudo():
            vals = {}
            if parent and directory.parent_id != parent:
                vals["parent_id"] = parent.id
                siblings = parent.child_directory_ids
            else:
                siblings = directory.parent_id.child_directory_ids - directory
            clean = (name or "").replace("/", "-").replace("\\", "-").strip()
            if vals or directory.name != clean:
                vals["name"] = self._npm_unique_name(
                    name,
                    siblings - directory,
                    (directory.res_model, directory.res_id),
                )
            if vals:
                directory.with_context(check_name=False, npm_dms_sync=True).write(vals)
