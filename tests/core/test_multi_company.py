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

    def test_new_agreement_from_the_menu_offers_the_companys_partnerships(self):
        partnership = self.safeguarded_partnership()
        draft = self.Agreement.with_user(self.officer).new({})
        # partnership_id is company-checked: its choices are those of the
        # agreement's company, which must be known before one is chosen.
        self.assertEqual(draft.company_id, self.officer.company_id)
        choices = self.Partnership.with_user(self.officer).search(
            [("company_id", "in", [draft.company_id.id, False])]
        )
        self.assertIn(partnership, choices)
        agreement = self.make_agreement(partnership=partnership)
        self.assertEqual(agreement.company_id, partnership.company_id)
