from tests.common import NpmHttpCase


class TestUiTours(NpmHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = cls.env["res.users"].create(
            {
                "name": "Tour Officer",
                "login": "tour_officer",
                "password": "tour_officer",
                "groups_id": [
                    (6, 0, [cls.env.ref("npm_cso_cooperation.group_npm_user").id])
                ],
            }
        )

    def test_officer_registers_a_cso_in_the_browser(self):
        self.start_tour("/odoo", "npm_cso_registry_tour", login="tour_officer")
        cso = self.env["res.partner"].search([("name", "=", "Prison Reform Tour NGO")])
        self.assertTrue(cso.is_cso)
        self.assertEqual(cso.cso_type, "ngo")
        self.assertEqual(cso.cso_mandate, "Monitoring of prison conditions.")
