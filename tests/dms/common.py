"""Shared world for the document-store bridge tests."""

import base64

from tests.common import NpmCase

PDF = b"%PDF-1.4\n% signed copy\n"


class NpmDmsCase(NpmCase):
    """NpmCase plus a partnership of each CSO, and store helpers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Directory = cls.env["dms.directory"]
        cls.DmsFile = cls.env["dms.file"]
        cls.store = cls.env["dms.storage"]._npm_cooperation_store()
        cls.partnership = cls.env["npm.cso.partnership"].create(
            {"name": "Watch cooperation", "partner_id": cls.cso.id}
        )
        cls.other_partnership = cls.env["npm.cso.partnership"].create(
            {"name": "Other cooperation", "partner_id": cls.other_cso.id}
        )

    @classmethod
    def folder(cls, folder_type, record):
        """The cooperation folder of a record (as superuser)."""
        return cls.Directory._npm_find_folder(folder_type, record._name, record.id)

    @classmethod
    def cso_folder(cls, cso):
        return cls.Directory._npm_find_folder(
            "cso", "npm.cso.partnership", False, cso=cso
        )

    @classmethod
    def attach(cls, record, name="document.pdf", content=PDF, user=None):
        """Attach a file to a record, as the user would from the chatter."""
        env = cls.env(user=user) if user else cls.env
        return env["ir.attachment"].create(
            {
                "name": name,
                "raw": content,
                "res_model": record._name,
                "res_id": record.id,
            }
        )

    @classmethod
    def filed(cls, attachment):
        """The store file(s) of an attachment (as superuser)."""
        return cls.DmsFile.with_context(active_test=False).search(
            [("attachment_id", "in", attachment.ids)]
        )

    @staticmethod
    def b64(content=PDF):
        return base64.b64encode(content)
