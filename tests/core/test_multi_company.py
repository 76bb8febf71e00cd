from odoo.exceptions import AccessError

from tests.agreement_common import AgreementCase


class TestMultiCompany(AgreementCase):
    """An NPM running several companies keeps each one's cooperation apart."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create({"name": "Regional NPM"})
        cls.regional_manager = cls._new_user(
            "t_regional_manager", "npm_cso_cooperation.group_npm_manager"
        )
        cls.regional_manager.write(
            {
                "company_ids": [(6, 0, cls.other_company.ids)],
                "company_id": cls.other_company.id,
            }
        )

    def test_manager_of_another_company_sees_no_partnership_or_agreement(self):
        agreement = self.make_agreement()
        partnership = agreement.partnership_id
        as_regional = self.env(user=self.regional_manager)
        self.assertFalse(
            as_regional["npm.cso.partnership"].search([("id", "=", partnership.id)])
        )
        self.assertFalse(
            as_regional["npm.cso.agreement"].search([("id", "=", agreement.id)])
        )
        with self.assertRaises(AccessError):
            partnership.with_user(self.regional_manager).read(["name"])
        with self.assertRaises(AccessError):
            agreement.with_user(self.regional_manager).read(["name"])

    def test_manager_of_the_company_sees_them(self):
        agreement = self.make_agreement()
        self.assertEqual(
            agreement.with_user(self.manager).read(["name"])[0]["name"],
            agreement.name,
        )
