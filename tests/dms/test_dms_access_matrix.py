"""Who reads what in the document store: a role × situation table.

Each cell becomes one test, run on the real server as that role. A cell says
whether the user may find and read the store file (or folder) of that
situation. Every cell also checks the rule the store must never break: what
a user reads in the store, they may read on its record.
"""

import base64

from odoo.exceptions import AccessError, UserError

from .common import NpmDmsCase

ROLES = (
    "officer",
    "cleared",
    "manager",
    "portal_expert",
    "other_portal_expert",
    "employee",
)

# situation: who may read it, in the order of ROLES
#   officer, cleared, manager, portal expert (of cls.cso), portal expert of
#   the other CSO, internal user outside the app
FILES = {
    # signed copies
    "own_cso_signed_agreement": (1, 1, 1, 1, 0, 0),
    "other_cso_signed_agreement": (1, 1, 1, 0, 1, 0),
    "own_cso_terminated_agreement": (1, 1, 1, 0, 0, 0),
    "own_undertaking": (1, 1, 1, 1, 0, 0),
    "own_revoked_undertaking": (1, 1, 1, 1, 0, 0),
    "colleague_undertaking": (1, 1, 1, 0, 0, 0),
    "other_cso_undertaking": (1, 1, 1, 0, 1, 0),
    # visit material of a visit the portal expert is a covered member of
    "visit_document": (1, 1, 1, 0, 0, 0),
    "internal_finding_document": (1, 1, 1, 0, 0, 0),
    "shared_finding_document": (1, 1, 1, 0, 0, 0),
    "strictly_confidential_finding_document": (0, 1, 1, 0, 0, 0),
    # visit documents (npm.visit.document): the file itself, and what is
    # attached to the document in its chatter. A shared document is read by
    # the covered portal expert in the app's portal, never in the store.
    "internal_visit_document_file": (1, 1, 1, 0, 0, 0),
    "shared_visit_document_file": (1, 1, 1, 0, 0, 0),
    "shared_visit_document_attachment": (1, 1, 1, 0, 0, 0),
    "strictly_confidential_visit_document_file": (0, 1, 1, 0, 0, 0),
    "strictly_confidential_visit_document_attachment": (0, 1, 1, 0, 0, 0),
}
FOLDERS = {
    "cso_folder": (1, 1, 1, 0, 0, 0),
    "partnership_folder": (1, 1, 1, 0, 0, 0),
    "undertakings_folder": (1, 1, 1, 0, 0, 0),
    "own_undertaking_folder": (1, 1, 1, 1, 0, 0),
    "own_cso_agreement_folder": (1, 1, 1, 1, 0, 0),
    "agreements_folder": (1, 1, 1, 0, 0, 0),
    "visit_folder": (1, 1, 1, 0, 0, 0),
    "strictly_confidential_finding_folder": (0, 1, 1, 0, 0, 0),
    "internal_visit_document_folder": (1, 1, 1, 0, 0, 0),
    "shared_visit_document_folder": (1, 1, 1, 0, 0, 0),
    "strictly_confidential_visit_document_folder": (0, 1, 1, 0, 0, 0),
}
# Changes: who may do it (1), who is refused (0).
CHANGES = {
    "delete_signed_copy": (0, 0, 0, 0, 0, 0),
    "delete_signed_agreement": (0, 0, 0, 0, 0, 0),
    "replace_signed_copy": (0, 0, 0, 0, 0, 0),
    "archive_signed_copy": (0, 0, 0, 0, 0, 0),
    "delete_visit_document": (0, 0, 1, 0, 0, 0),
    # A visit document's own file follows the document (replaced on it, gone
    # with it); in the store nobody deletes, replaces or archives it, even
    # those who may delete the document.
    "delete_visit_document_file": (0, 0, 0, 0, 0, 0),
    "replace_visit_document_file": (0, 0, 0, 0, 0, 0),
    "archive_visit_document_file": (0, 0, 0, 0, 0, 0),
}


class TestDmsAccessMatrix(NpmDmsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        visit = cls._confirmed_visit(start=-5, end=-4)  # portal expert covered
        own = cls.env["npm.confidentiality.undertaking"].search(
            [("partner_id", "=", cls.cso_expert.id), ("visit_id", "=", visit.id)]
        )
        revoked = cls._undertaking(cls.cso_expert)
        revoked.action_revoke(reason="Left the CSO's monitoring team")
        colleague = cls._undertaking(cls.cso_colleague)
        other_cso = cls._undertaking(cls.other_expert)
        findings = {
            sensitivity: cls._finding(visit, sensitivity, shared=shared)
            for sensitivity, shared in (
                ("internal", False),
                ("confidential", True),
                ("strictly_confidential", False),
            )
        }
        documents = {
            sensitivity: cls._document(visit, sensitivity, shared=shared)
            for sensitivity, shared in (
                ("internal", False),
                ("confidential", True),
                ("strictly_confidential", False),
            )
        }
        agreement = cls._signed_agreement(cls.partnership)
        other_agreement = cls._signed_agreement(cls.other_partnership)
        terminated = cls._signed_agreement(cls.partnership, name="Old agreement")
        terminated.with_user(cls.manager).action_terminate()
        cls.visit = visit
        cls.files = {
            "own_cso_signed_agreement": cls._copy(agreement),
            "other_cso_signed_agreement": cls._copy(other_agreement),
            "own_cso_terminated_agreement": cls._copy(terminated),
            "own_undertaking": cls._copy(own),
            "own_revoked_undertaking": cls._copy(revoked),
            "colleague_undertaking": cls._copy(colleague),
            "other_cso_undertaking": cls._copy(other_cso),
            "visit_document": cls._doc(visit),
            "internal_finding_document": cls._doc(findings["internal"]),
            "shared_finding_document": cls._doc(findings["confidential"]),
            "strictly_confidential_finding_document": cls._doc(
                findings["strictly_confidential"]
            ),
            "internal_visit_document_file": cls._file(documents["internal"]),
            "shared_visit_document_file": cls._file(documents["confidential"]),
            "shared_visit_document_attachment": cls._doc(documents["confidential"]),
            "strictly_confidential_visit_document_file": cls._file(
                documents["strictly_confidential"]
            ),
            "strictly_confidential_visit_document_attachment": cls._doc(
                documents["strictly_confidential"]
            ),
        }
        own_folder = cls.folder("record", own)
        cls.folders = {
            "cso_folder": cls.cso_folder(cls.cso),
            "partnership_folder": cls.folder("partnership", cls.partnership),
            "undertakings_folder": own_folder.parent_id,
            "own_undertaking_folder": own_folder,
            "own_cso_agreement_folder": cls.folder("record", agreement),
            "agreements_folder": cls.folder("record", agreement).parent_id,
            "visit_folder": cls.folder("record", visit),
            "strictly_confidential_finding_folder": cls.folder(
                "record", findings["strictly_confidential"]
            ),
            "internal_visit_document_folder": cls.folder(
                "record", documents["internal"]
            ),
            "shared_visit_document_folder": cls.folder(
                "record", documents["confidential"]
            ),
            "strictly_confidential_visit_document_folder": cls.folder(
                "record", documents["strictly_confidential"]
            ),
        }

    @classmethod
    def _copy(cls, record):
        dms_file = cls.filed(cls.signed_copy_attachment(record))
        assert dms_file.is_signed_copy, record.display_name
        return dms_file

    @classmethod
    def _file(cls, document):
        """The store file of a visit document's own file."""
        dms_file = cls.filed(cls.file_attachment(document))
        assert dms_file.attachment_id.res_field == "file", document.display_name
        return dms_file

    @classmethod
    def _doc(cls, record):
        return cls.filed(cls.attach(record, f"{record.display_name}.pdf"))

    def test_every_situation_is_set_up(self):
        for name, dms_file in self.files.items():
            self.assertEqual(len(dms_file), 1, name)
        for name, folder in self.folders.items():
            self.assertEqual(len(folder), 1, name)
            self.assertEqual(folder.storage_id, self.store, name)

    # --- cells ------------------------------------------------------------

    def _check_file(self, situation, role, allowed):
        user = getattr(self, role)
        dms_file = self.files[situation].with_user(user)
        found = self.DmsFile.with_user(user).search([("id", "=", dms_file.id)])
        self.assertEqual(bool(found), allowed, f"{role} finds {situation}")
        if allowed:
            self.assertTrue(dms_file.read(["name"])[0]["name"])
            self.assertTrue(dms_file.permission_read)
            if user._is_internal():
                self.assertTrue(dms_file.content, f"{role} reads {situation}")
            # (portal users download through OCA's portal route, which checks
            # permission_read: see test_dms_portal.py)
            # The store never shows what the record hides.
            record = self.env[dms_file.sudo().res_model].browse(dms_file.sudo().res_id)
            record.with_user(user).check_access("read")
        else:
            with self.assertRaises(AccessError):
                dms_file.read(["name"])
            with self.assertRaises(AccessError):
                dms_file.sudo().attachment_id.with_user(user).read(["datas"])
            # OCA's portal decides on this field
            self.assertFalse(dms_file.permission_read)
            self.assertFalse(dms_file.check_access_token(False))

    def _check_folder(self, situation, role, allowed):
        user = getattr(self, role)
        folder = self.folders[situation].with_user(user)
        found = self.Directory.with_user(user).search([("id", "=", folder.id)])
        self.assertEqual(bool(found), allowed, f"{role} finds {situation}")
        if allowed:
            self.assertTrue(folder.read(["name"])[0]["name"])
            self.assertTrue(folder.permission_read)
        else:
            with self.assertRaises(AccessError):
                folder.read(["name"])
            # OCA's portal decides on this field
            self.assertFalse(folder.permission_read)
        # A link never opens a cooperation folder (OCA would list it as
        # superuser, with the subfolders the user may not read).
        self.assertFalse(folder.sudo().check_access_token(folder.sudo().access_token))

    def _check_change(self, change, role, allowed):
        user = getattr(self, role)
        if change == "delete_signed_agreement":
            dms_file = self.files["own_cso_signed_agreement"].with_user(user)
            attachment = dms_file.sudo().attachment_id

            def do():
                dms_file.unlink()

        elif change == "delete_visit_document":
            dms_file = self.files["visit_document"].with_user(user)
            attachment = dms_file.sudo().attachment_id

            def do():
                dms_file.unlink()

        elif change.endswith("_visit_document_file"):
            dms_file = self.files["internal_visit_document_file"].with_user(user)
            attachment = dms_file.sudo().attachment_id
            do = {
                "delete_visit_document_file": lambda: dms_file.unlink(),
                "replace_visit_document_file": lambda: dms_file.write(
                    {"content": self.b64(b"%PDF-1.4 forged")}
                ),
                "archive_visit_document_file": lambda: dms_file.write(
                    {"active": False}
                ),
            }[change]
        else:
            dms_file = self.files["own_undertaking"].with_user(user)
            attachment = dms_file.sudo().attachment_id
            do = {
                "delete_signed_copy": lambda: dms_file.unlink(),
                "replace_signed_copy": lambda: dms_file.write(
                    {"content": self.b64(b"%PDF-1.4 forged")}
                ),
                "archive_signed_copy": lambda: dms_file.write({"active": False}),
            }[change]
        content = base64.b64decode(dms_file.sudo().content)
        if allowed:
            do()
            self.assertFalse(dms_file.exists())
            self.assertFalse(attachment.exists(), "the record loses it too")
        else:
            # AccessError (not allowed at all) is a UserError too.
            with self.assertRaises(UserError):
                do()
            self.assertTrue(dms_file.sudo().exists())
            self.assertTrue(dms_file.sudo().active)
            self.assertEqual(dms_file.sudo().checksum, attachment.checksum)
            self.assertEqual(base64.b64decode(dms_file.sudo().content), content)
            if attachment.res_field:
                # the record still holds the same file
                self.assertEqual(attachment.sudo().raw, content)


def _cell(check, situation, role, allowed):
    def test(self):
        getattr(self, check)(situation, role, bool(allowed))

    test.__doc__ = f"{role} {'may' if allowed else 'may not'} {situation}"
    return test


for _table, _check, _verb in (
    (FILES, "_check_file", "read"),
    (FOLDERS, "_check_folder", "read"),
    (CHANGES, "_check_change", "do"),
):
    for _situation, _row in _table.items():
        assert len(_row) == len(ROLES), _situation
        for _role, _allowed in zip(ROLES, _row, strict=True):
            _name = (
                f"test_{_role}_{_verb}_{_situation}"
                if _allowed
                else f"test_{_role}_cannot_{_verb}_{_situation}"
            )
            setattr(
                TestDmsAccessMatrix,
                _name,
                _cell(_check, _situation, _role, _allowed),
            )
