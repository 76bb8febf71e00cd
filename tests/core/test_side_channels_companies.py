"""Side channel 9 (issue 12): companies. Every model of the app keeps one
company's records from the users of another, and escalations go only to the
managers of the record's company.

The table is ``{(channel, "company_b"): outcomes}`` over COMPANY_ROLES: the
NPM staff of the main company (officer, cleared officer, manager) against the
officer and the manager of a second NPM company, who read their own records
(the control cells).
"""

import base64

from odoo import Command
from odoo.exceptions import AccessError

from odoo.addons.npm_cso_cooperation.tools import npm_managers

from tests.core.side_channel_common import generate_cells
from tests.core.visit_common import NpmVisitCase

COMPANY_ROLES = ("officer", "cleared", "manager", "b_officer", "b_manager")
URGENT = "npm_cso_cooperation.mail_activity_type_urgent_action"


class TestSideChannelCompanies(NpmVisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Regional NPM"})
        in_b = {
            "company_ids": [Command.set(cls.company_b.ids)],
            "company_id": cls.company_b.id,
        }
        cls.b_officer = cls._new_user(
            "t_b_officer", "npm_cso_cooperation.group_npm_user"
        )
        cls.b_manager = cls._new_user(
            "t_b_manager", "npm_cso_cooperation.group_npm_manager"
        )
        (cls.b_officer | cls.b_manager).write(in_b)
        env_b = cls.env(context={"allowed_company_ids": cls.company_b.ids})
        cls.place_b = env_b["npm.detention.place"].create(
            {"name": "Regional Jail", "place_type": "prison"}
        )
        cls.partnership_b = env_b["npm.cso.partnership"].create(
            {"name": "Regional NPM – Test Watch", "partner_id": cls.cso.id}
        )
        cls.safeguard_b = env_b["npm.cso.safeguard"].create(
            {"name": "Regional safeguard", "company_id": cls.company_b.id}
        )
        cls.safeguard_line_b = env_b["npm.cso.partnership.safeguard"].create(
            {"partnership_id": cls.partnership_b.id, "name": "Regional line"}
        )
        cls.expertise_b = env_b["npm.cso.expertise"].create(
            {"name": "Regional expertise", "company_id": cls.company_b.id}
        )
        cls.visit_b = cls._confirmed_visit(
            start=-5,
            partnership=cls.partnership_b,
            cso_partners=cls.cso_expert,
            place_id=cls.place_b.id,
            company_id=cls.company_b.id,
        )
        cls.finding_b = cls._finding(cls.visit_b, shared=True)
        cls.document_b = cls._document(cls.visit_b, shared=True)
        cls.request_b = cls.env["npm.info.use.request"].create(
            {
                "visit_id": cls.visit_b.id,
                "partner_id": cls.cso_expert.id,
                "purpose": "report",
                "description": "Regional figures.",
            }
        )
        cls.agreement_b = env_b["npm.cso.agreement"].create(
            {
                "name": "Regional visit terms",
                "agreement_type": "visit_terms",
                "partnership_id": cls.partnership_b.id,
            }
        )
        cls.export_log_b = env_b["npm.cso.export.log"].create(
            {
                "user_id": cls.b_manager.id,
                "company_id": cls.company_b.id,
                "report_type": "partners",
                "filename": "regional.xlsx",
            }
        )
        undertaking_b = cls.env["npm.confidentiality.undertaking"].search(
            [("visit_id", "=", cls.visit_b.id)]
        )
        cls.records = {
            "visit": cls.visit_b,
            "team": cls.visit_b.member_ids,
            "undertaking": undertaking_b,
            "finding": cls.finding_b,
            "document": cls.document_b,
            "request": cls.request_b,
            "release": cls.env["npm.information.release"].search(
                [("visit_id", "=", cls.visit_b.id)]
            ),
            "partnership": cls.partnership_b,
            "safeguard_line": cls.safeguard_line_b,
            "agreement": cls.agreement_b,
            "place": cls.place_b,
            "safeguard": cls.safeguard_b,
            "expertise": cls.expertise_b,
            "export_log": cls.export_log_b,
            "allegation": cls.env["npm.reprisal.allegation"].create(
                {
                    "visit_id": cls.visit_b.id,
                    "partner_id": cls.cso_expert.id,
                    "description": "Regional allegation of reprisals.",
                }
            ),
            "revoke_wizard": env_b["npm.undertaking.revoke.wizard"].create(
                {
                    "undertaking_ids": [Command.set(undertaking_b.ids)],
                    "reason": "Regional reason",
                }
            ),
            "reject_wizard": env_b["npm.cso.agreement.reject.wizard"].create(
                {
                    "agreement_ids": [Command.set(cls.agreement_b.ids)],
                    "reason": "Regional reason",
                }
            ),
        }
        cls.users = {
            "officer": cls.officer,
            "cleared": cls.cleared,
            "manager": cls.manager,
            "b_officer": cls.b_officer,
            "b_manager": cls.b_manager,
        }

    def _check_cell(self, channel, situation, role, allowed):
        records = self.records[channel]
        self.assertTrue(records)
        user = self.users[role]
        # the user works in every company they may: nothing is hidden by a
        # company switch only
        env = self.env(user=user, context={"allowed_company_ids": user.company_ids.ids})
        found = env[records._name].search([("id", "in", records.ids)])
        if allowed:
            self.assertEqual(found, records)
            self.assertTrue(records.with_env(env).read(["display_name"]))
        else:
            self.assertFalse(found)
            with self.assertRaises(AccessError):
                records.with_env(env).read(["display_name"])

    # Every model has its rule --------------------------------------------

    def test_every_model_of_the_app_has_a_company_rule(self):
        models = [
            name
            for name, model in self.env.registry.items()
            if name.startswith("npm.") and not model._abstract
        ]
        self.assertIn("npm.joint.visit.member", models)
        for name in models:
            with self.subTest(model=name):
                self.assertIn("company_id", self.env[name]._fields)
                rules = self.env["ir.rule"].search(
                    [("model_id.model", "=", name), ("global", "=", True)]
                )
                self.assertTrue(
                    any("company_ids" in rule.domain_force for rule in rules),
                    f"{name} has no multi-company rule",
                )

    def test_company_of_team_lines_and_safeguards_follows_their_parent(self):
        for table, parent in (
            (
                "npm_joint_visit_member",
                "npm_joint_visit ON npm_joint_visit.id = t.visit_id",
            ),
            (
                "npm_cso_partnership_safeguard",
                "npm_cso_partnership ON npm_cso_partnership.id = t.partnership_id",
            ),
        ):
            parent_table = parent.split(" ", 1)[0]
            self.env.flush_all()
            self.env.cr.execute(
                f"SELECT count(*) FROM {table} t JOIN {parent} "
                f"WHERE t.company_id IS DISTINCT FROM {parent_table}.company_id"
            )
            self.assertEqual(self.env.cr.fetchone()[0], 0, table)
        self.assertEqual(self.visit_b.member_ids.company_id, self.company_b)
        self.assertEqual(self.records["undertaking"].company_id, self.company_b)

    def test_undertaking_of_one_company_does_not_cover_another(self):
        # a general undertaking given to the main NPM does not open the
        # regional NPM's visits
        expert = self.env["res.partner"].create(
            {"name": "Expert of two NPMs", "parent_id": self.cso.id}
        )
        self._undertaking(expert, signed=-30)
        visit = self._visit(
            start=-5,
            partnership=self.partnership_b,
            cso_partners=expert,
            place_id=self.place_b.id,
            company_id=self.company_b.id,
        )
        line = visit.member_ids.filtered(lambda m: m.partner_id == expert)
        self.assertFalse(line.is_covered)
        undertaking = self.env["npm.confidentiality.undertaking"].create(
            {
                "partner_id": expert.id,
                "company_id": self.company_b.id,
                "date_signed": self._days(-30),
                "signed_copy": base64.b64encode(b"%PDF regional"),
                "signed_copy_filename": "u.pdf",
            }
        )
        undertaking.action_sign()
        self.assertTrue(line.is_covered)

    # Escalations ----------------------------------------------------------

    def test_managers_helper_names_the_companys_managers_only(self):
        self.assertEqual(npm_managers(self.company_b), self.b_manager)
        main = npm_managers(self.env.company)
        self.assertIn(self.manager, main)
        self.assertNotIn(self.b_manager, main)

    def test_urgent_action_escalates_to_the_findings_company_managers(self):
        finding = self._finding(self.visit_b, "confidential")
        finding._escalate_urgent_action()
        asked = finding.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(URGENT)
        ).user_id
        self.assertEqual(asked, self.b_manager)
        # control: the main company's finding escalates to its managers
        visit = self._confirmed_visit(start=-5)
        main = self._finding(visit, "confidential")
        main._escalate_urgent_action()
        asked = main.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(URGENT)
        ).user_id
        self.assertIn(self.manager, asked)
        self.assertNotIn(self.b_manager, asked)

    def test_urgent_finding_without_reader_escalates_within_its_company(self):
        # The head of delegation (main company) cannot read the regional
        # finding: nobody of the main company is asked instead.
        finding = self._finding(self.visit_b, "confidential", is_urgent=True)
        users = finding.activity_ids.user_id
        self.assertTrue(users)
        self.assertFalse(users - self.b_manager)

    def test_agreement_approvers_are_the_agreements_company_managers(self):
        self.assertEqual(self.agreement_b._get_approvers(), self.b_manager)


ALL_ROLES = "DDDAA"
MANAGERS_ONLY = "..D.A"
TABLE = {
    (channel, "company_b"): ALL_ROLES
    for channel in (
        "visit",
        "team",
        "undertaking",
        "finding",
        "document",
        "request",
        "partnership",
        "safeguard_line",
        "agreement",
        "place",
        "safeguard",
        "expertise",
        "revoke_wizard",
    )
}
TABLE.update(
    {
        (channel, "company_b"): MANAGERS_ONLY
        for channel in ("release", "export_log", "reject_wizard")
    }
)
# Strictly confidential: the regional NPM's cleared staff only (its manager);
# officers have no access right at all (test_reprisal_allegations.py).
TABLE["allegation", "company_b"] = ".DD.A"
generate_cells(TestSideChannelCompanies, TABLE, roles=COMPANY_ROLES)
