from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form
from odoo.tools.safe_eval import safe_eval

from tests.common import NpmCase


class TestCsoRegistry(NpmCase):
    def test_expertise_areas_ship_as_data(self):
        names = set(self.env["npm.cso.expertise"].search([]).mapped("name"))
        for name in (
            "Medical",
            "Legal",
            "Psychological",
            "Gender",
            "Juvenile justice",
            "Migration",
            "Disability",
        ):
            self.assertIn(name, names)

    def test_cso_id_is_the_organisation_itself(self):
        self.assertEqual(self.cso.cso_id, self.cso)

    def test_cso_id_of_people_follows_the_parent_company(self):
        self.assertEqual(self.cso_expert.cso_id, self.cso)
        assistant = self.env["res.partner"].create(
            {"name": "Assistant", "parent_id": self.cso_expert.id}
        )
        self.assertEqual(assistant.cso_id, self.cso)

    def test_cso_id_empty_outside_cso(self):
        company = self.env["res.partner"].create(
            {"name": "Prison Catering Ltd", "is_company": True}
        )
        person = self.env["res.partner"].create(
            {"name": "Cook", "parent_id": company.id}
        )
        self.assertFalse(company.cso_id)
        self.assertFalse(person.cso_id)

    def test_cso_id_follows_changes(self):
        company = self.env["res.partner"].create(
            {"name": "Bar Association", "is_company": True}
        )
        lawyer = self.env["res.partner"].create(
            {"name": "Lawyer", "parent_id": company.id}
        )
        company.write({"is_cso": True, "cso_type": "professional_body"})
        self.assertEqual(lawyer.cso_id, company)
        lawyer.parent_id = self.other_cso
        self.assertEqual(lawyer.cso_id, self.other_cso)
        company.is_cso = False
        self.assertFalse(company.cso_id)

    def test_cso_id_is_searchable(self):
        people = self.env["res.partner"].search([("cso_id", "=", self.cso.id)])
        self.assertEqual(people, self.cso | self.cso_expert)
        members = self.env["res.partner"].search(
            [("cso_id", "!=", False), ("is_cso", "=", False)]
        )
        self.assertIn(self.cso_expert, members)
        self.assertNotIn(self.cso, members)

    def test_cso_needs_a_type(self):
        with self.assertRaisesRegex(ValidationError, "Set the type of the CSO"):
            self.env["res.partner"].create(
                {"name": "Typeless", "is_company": True, "is_cso": True}
            )
        with self.assertRaisesRegex(ValidationError, "Set the type of the CSO"):
            self.cso.cso_type = False

    def test_only_organisations_are_csos(self):
        with self.assertRaisesRegex(ValidationError, "only organisations"):
            self.env["res.partner"].create(
                {"name": "Lone Activist", "is_cso": True, "cso_type": "other"}
            )

    def test_expertise_names_are_unique_ignoring_case(self):
        with self.assertRaisesRegex(ValidationError, "already exists"):
            self.env["npm.cso.expertise"].create({"name": "medical"})

    def test_archived_expertise_name_still_taken(self):
        forensic = self.env["npm.cso.expertise"].create({"name": "Forensics"})
        forensic.active = False
        with self.assertRaisesRegex(ValidationError, "may be archived"):
            self.env["npm.cso.expertise"].create({"name": "FORENSICS"})

    def test_officer_registers_a_cso_through_the_registry_form(self):
        action = self.env.ref("npm_cso_cooperation.res_partner_action_cso")
        partners = (
            self.env["res.partner"]
            .with_user(self.officer)
            .with_context(**safe_eval(action.context))
        )
        legal = self.env.ref("npm_cso_cooperation.cso_expertise_legal")
        with Form(partners) as form:
            form.name = "Prison Reform Trust"
            form.cso_type = "ngo"
            form.cso_expertise_ids.add(legal)
            form.cso_mandate = "Penal reform."
        cso = form.record
        self.assertTrue(cso.is_cso)
        self.assertTrue(cso.is_company)
        self.assertEqual(cso.cso_expertise_ids, legal)
        self.assertIn(cso, partners.search(safe_eval(action.domain)))

    def test_officer_reads_but_cannot_change_expertise(self):
        medical = self.env.ref("npm_cso_cooperation.cso_expertise_medical")
        self.assertEqual(medical.with_user(self.officer).name, "Medical")
        with self.assertRaises(AccessError):
            medical.with_user(self.officer).write({"name": "Medicine"})
        with self.assertRaises(AccessError):
            self.env["npm.cso.expertise"].with_user(self.officer).create(
                {"name": "Forensic anthropology"}
            )

    def test_manager_maintains_expertise(self):
        area = (
            self.env["npm.cso.expertise"]
            .with_user(self.manager)
            .create({"name": "Forensic anthropology"})
        )
        area.name = "Forensic science"
        area.unlink()
        self.assertFalse(area.exists())

    def test_portal_user_cannot_read_expertise(self):
        medical = self.env.ref("npm_cso_cooperation.cso_expertise_medical")
        with self.assertRaises(AccessError):
            medical.with_user(self.portal_expert).read(["name"])

    def test_expertise_counts_its_csos(self):
        legal = self.env.ref("npm_cso_cooperation.cso_expertise_legal")
        before = legal.cso_count
        self.cso.cso_expertise_ids = legal
        legal.invalidate_recordset()
        self.assertEqual(legal.cso_count, before + 1)
