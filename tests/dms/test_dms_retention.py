"""Issue 17: the retention rules remove files from the document store too.

An anonymised visit document loses its file and what was attached to it, in
the store as in Odoo; an anonymised undertaking loses its signed copy, which
the store otherwise never lets anyone delete; an agreement keeps its own.
"""

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError

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
