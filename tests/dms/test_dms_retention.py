"""Issue 17: the retention rules remove files from the document store too,
and a download from the store is in the access log.

An anonymised visit document loses its file and what was attached to it, in
the store as in Odoo; an anonymised undertaking loses its signed copy, which
the store otherwise never lets anyone delete; an agreement keeps its own.
"""

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase

from .common import NpmDmsCase


class TestDmsRetention(NpmDmsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.later = fields.Date.today() + relativedelta(years=12)
        visit = cls._confirmed_visit(start=-5)
        cls.document = cls._document(
            visit, "confidential", document_date=cls._days(-5), user=cls.officer
        )
        cls.annex = cls.attach(cls.document, "annex.pdf")
        cls.undertaking = cls._undertaking(cls.cso_colleague, signed=-60, expiry=-1)
        cls.agreement = cls._signed_agreement(cls.partnership)
        # (its dates are frozen once signed: set as a database of long ago)
        cls.agreement.flush_recordset()
        cls.env.cr.execute(
            "UPDATE npm_cso_agreement SET date_end = %s WHERE id = %s",
            (cls._days(-1), cls.agreement.id),
        )
        cls.agreement.invalidate_recordset(["date_end"])

    def store_files(self, record):
        return self.DmsFile.with_context(active_test=False).search(
            [("res_model", "=", record._name), ("res_id", "=", record.id)]
        )

    def test_anonymised_records_leave_their_files_in_the_store(self):
        document_files = self.store_files(self.document)
        self.assertEqual(len(document_files), 2)
        signed = self.store_files(self.undertaking).filtered("is_signed_copy")
        self.assertTrue(signed)
        # no one deletes a signed copy by hand, the superuser included
        with self.assertRaises(UserError):
            signed.sudo().unlink()
        agreement_copy = self.store_files(self.agreement).filtered("is_signed_copy")
        self.assertTrue(agreement_copy)
        with freeze_time(f"{self.later} 10:00:00"):
            self.env["npm.retention.rule"]._apply_retention()
        self.env.invalidate_all()
        self.assertTrue(self.document.anonymised_on)
        self.assertFalse(self.document.file)
        self.assertFalse(document_files.exists())
        self.assertFalse(self.annex.exists())
        self.assertTrue(self.undertaking.anonymised_on)
        self.assertFalse(self.undertaking.signed_copy)
        self.assertFalse(signed.exists())
        # an agreement's signed copy (two organisations') stays
        self.assertTrue(self.agreement.anonymised_on)
        self.assertTrue(agreement_copy.exists())
        self.assertTrue(self.agreement.signed_copy)


class TestDmsAccessLog(NpmDmsCase, HttpCase):
    """A strictly confidential document's file downloaded from the store is
    logged as it is from the document (issue 17, section 3)."""

    def test_store_download_of_a_strict_document_is_logged(self):
        visit = self._confirmed_visit(start=-5)
        document = self._document(visit, "strictly_confidential", user=self.cleared)
        dms_file = self.DmsFile.search(
            [("res_model", "=", document._name), ("res_id", "=", document.id)]
        )
        self.assertEqual(len(dms_file), 1)
        self.authenticate(self.cleared.login, self.cleared.login)
        response = self.url_open(
            f"/web/content/dms.file/{dms_file.id}/content", timeout=30
        )
        self.assertEqual(response.status_code, 200)
        line = self.env["npm.access.log"].search(
            [("user_id", "=", self.cleared.id), ("action", "=", "download")]
        )
        self.assertEqual((line.res_model, line.res_id), (document._name, document.id))
        self.assertTrue(line.ip)
