"""Shared world for the document-store bridge tests (issue 8).

Built on the joint-visit world of the core suite (tests/core/visit_common.py):
partnerships of ``cls.cso`` and ``cls.other_cso``, visits, findings and
undertakings made the way the app makes them.
"""

import base64

from tests.core.visit_common import NpmVisitCase

PDF = b"%PDF-1.4\n% a cooperation document\n"
SIGNED_AGREEMENT = b"%PDF-1.4 agreement signed by both parties"


class NpmDmsCase(NpmVisitCase):
    """The visit world plus helpers to look into the cooperation store."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Directory = cls.env["dms.directory"]
        cls.DmsFile = cls.env["dms.file"]
        cls.store = cls.env["dms.storage"]._npm_cooperation_store()

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
        """Attach a file to a record, as the chatter's attachment box does."""
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
    def _document(
        cls,
        visit,
        sensitivity="internal",
        shared=False,
        content=PDF,
        file_name="notes.pdf",
        user=None,
        **vals,
    ):
        """A visit document with its file, created by ``user`` (or admin)."""
        env = cls.env(user=user) if user else cls.env
        return env["npm.visit.document"].create(
            {
                "visit_id": visit.id,
                "name": f"{sensitivity} document{' (shared)' if shared else ''}",
                "sensitivity": sensitivity,
                "share_with_cso": shared,
                "file": base64.b64encode(content),
                "file_name": file_name,
                **vals,
            }
        )

    @classmethod
    def file_attachment(cls, document):
        """The attachment(s) behind a visit document's ``file``."""
        return cls.env["ir.attachment"].search(
            [
                ("res_model", "=", document._name),
                ("res_id", "=", document.id),
                ("res_field", "=", "file"),
            ]
        )

    @classmethod
    def filed(cls, attachments):
        """The store files of attachments (as superuser, archived included)."""
        return cls.DmsFile.with_context(active_test=False).search(
            [("attachment_id", "in", attachments.ids)]
        )

    @classmethod
    def signed_copy_attachment(cls, record, field="signed_copy"):
        return cls.env["ir.attachment"].search(
            [
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                ("res_field", "=", field),
            ]
        )

    @classmethod
    def _signed_agreement(cls, partnership, name="Confidentiality agreement"):
        """A confidentiality agreement taken to signed by the roles that would
        (officer drafts and signs, manager approves), with its signed copy."""
        agreement = (
            cls.env["npm.cso.agreement"]
            .with_user(cls.officer)
            .create(
                {
                    "name": name,
                    "agreement_type": "confidentiality",
                    "partnership_id": partnership.id,
                    "date_start": cls.today,
                    "terms": "<p>What the NPM shares stays confidential.</p>",
                }
            )
        )
        agreement.write(
            {
                "signed_copy": base64.b64encode(SIGNED_AGREEMENT),
                "signed_copy_name": "agreement-signed.pdf",
            }
        )
        agreement.action_submit()
        agreement.with_user(cls.manager).action_approve()
        agreement.action_sign()
        return agreement.with_user(cls.env.user)

    @staticmethod
    def b64(content=PDF):
        return base64.b64encode(content)
