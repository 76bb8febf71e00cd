from odoo import Command
from odoo.exceptions import AccessError, UserError

from tests.agreement_common import AgreementCase


class TestIndependenceSafeguards(AgreementCase):
    def test_default_safeguards_ship_as_data(self):
        names = " ".join(self.env["npm.cso.safeguard"].search([]).mapped("name"))
        for words in (
            "places, dates and methods of its visits",
            "no veto over the NPM's findings",
            "end the cooperation",
            "Confidentiality survives the end",
            "No payment or benefit",
        ):
            self.assertIn(words, names)

    def test_new_partnership_gets_a_line_per_active_safeguard(self):
        retired = self.env["npm.cso.safeguard"].create(
            {"name": "A retired safeguard", "active": False}
        )
        active = self.env["npm.cso.safeguard"].search([])
        partnership = self.make_partnership()
        lines = partnership.safeguard_line_ids
        self.assertEqual(lines.safeguard_id, active)
        self.assertNotIn(retired, lines.safeguard_id)
        self.assertEqual(sorted(lines.mapped("name")), sorted(active.mapped("name")))
        self.assertFalse(any(lines.mapped("is_confirmed")))
        self.assertFalse(partnership.is_safeguarded)

    def test_rewording_the_master_keeps_what_was_confirmed(self):
        partnership = self.safeguarded_partnership()
        line = partnership.safeguard_line_ids[0]
        original = line.name
        line.safeguard_id.with_user(self.manager).name = "Reworded"
        self.assertEqual(line.name, original)

    def test_officer_reads_but_cannot_maintain_the_checklist(self):
        safeguard = self.env.ref("npm_cso_cooperation.safeguard_findings")
        self.assertTrue(safeguard.with_user(self.officer).name)
        with self.assertRaises(AccessError):
            safeguard.with_user(self.officer).write({"name": "Softer"})
        with self.assertRaises(AccessError):
            self.env["npm.cso.safeguard"].with_user(self.officer).create(
                {"name": "Mine"}
            )
        with self.assertRaises(AccessError):
            safeguard.with_user(self.portal_expert).read(["name"])

    def test_manager_maintains_the_checklist(self):
        safeguard = (
            self.env["npm.cso.safeguard"]
            .with_user(self.manager)
            .create({"name": "The CSO does not fund the NPM.", "sequence": 99})
        )
        self.assertIn(
            "The CSO does not fund the NPM.",
            self.make_partnership().safeguard_line_ids.mapped("name"),
        )
        safeguard.action_archive()
        self.assertNotIn(
            "The CSO does not fund the NPM.",
            self.make_partnership().safeguard_line_ids.mapped("name"),
        )

    def test_officer_cannot_confirm_safeguards(self):
        partnership = self.make_partnership()
        line = partnership.safeguard_line_ids[0]
        for user in (self.officer, self.officer2, self.cleared):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(AccessError, "Only an NPM manager"):
                    partnership.with_user(user).action_confirm_safeguards()
                with self.assertRaisesRegex(AccessError, "Only an NPM manager"):
                    line.with_user(user).action_confirm()
                with self.assertRaisesRegex(AccessError, "Only an NPM manager"):
                    line.with_user(user).write({"is_confirmed": True})
                with self.assertRaisesRegex(AccessError, "Only an NPM manager"):
                    partnership.with_user(user).write(
                        {
                            "safeguard_line_ids": [
                                Command.create({"name": "Extra", "is_confirmed": True})
                            ]
                        }
                    )
        self.assertFalse(line.is_confirmed)

    def test_portal_user_cannot_confirm_safeguards(self):
        partnership = self.make_partnership()
        with self.assertRaises(AccessError):
            partnership.with_user(self.portal_expert).action_confirm_safeguards()
        with self.assertRaises(AccessError):
            partnership.safeguard_line_ids[0].with_user(
                self.portal_expert
            ).action_confirm()

    def test_manager_confirms_all_at_once_recording_who_and_when(self):
        partnership = self.make_partnership()
        partnership.with_user(self.manager).action_confirm_safeguards()
        lines = partnership.safeguard_line_ids
        self.assertTrue(all(lines.mapped("is_confirmed")))
        self.assertEqual(lines.confirmed_by_id, self.manager)
        self.assertTrue(all(lines.mapped("confirmed_on")))
        self.assertTrue(partnership.is_safeguarded)
        self.assertIn("Independence safeguards confirmed", self.notes(partnership)[0])

    def test_confirming_twice_is_refused(self):
        partnership = self.make_partnership()
        partnership.with_user(self.manager).action_confirm_safeguards()
        with self.assertRaisesRegex(UserError, "already confirmed"):
            partnership.with_user(self.manager2).action_confirm_safeguards()
        self.assertEqual(partnership.safeguard_line_ids.confirmed_by_id, self.manager)

    def test_manager_confirms_line_by_line_and_withdraws(self):
        partnership = self.make_partnership()
        line = partnership.safeguard_line_ids[0]
        line.with_user(self.manager).action_confirm()
        self.assertTrue(line.is_confirmed)
        self.assertEqual(line.confirmed_by_id, self.manager)
        self.assertEqual(partnership.safeguard_confirmed_count, 1)
        self.assertFalse(partnership.is_safeguarded)
        with self.assertRaisesRegex(AccessError, "Only an NPM manager"):
            line.with_user(self.officer).action_unconfirm()
        line.with_user(self.manager2).action_unconfirm()
        self.assertFalse(line.is_confirmed)
        self.assertFalse(line.confirmed_by_id)
        self.assertIn("Confirmation withdrawn", self.notes(partnership)[0])

    def test_confirmed_text_is_locked(self):
        partnership = self.make_partnership()
        line = partnership.safeguard_line_ids[0]
        line.with_user(self.officer).name = "Clarified before confirmation"
        line.with_user(self.manager).action_confirm()
        with self.assertRaisesRegex(UserError, "withdraw the confirmation"):
            line.with_user(self.officer).name = "Softened after confirmation"
        with self.assertRaisesRegex(UserError, "withdraw the confirmation"):
            line.with_user(self.manager).unlink()

    def test_officer_adds_a_partnership_specific_safeguard(self):
        partnership = self.make_partnership()
        partnership.with_user(self.officer).write(
            {"safeguard_line_ids": [Command.create({"name": "No joint logo."})]}
        )
        self.assertIn("No joint logo.", partnership.safeguard_line_ids.mapped("name"))
        with self.assertRaises(AccessError):
            partnership.safeguard_line_ids[0].with_user(self.officer).unlink()

    def test_safeguards_are_settled_once_agreed(self):
        partnership = self.safeguarded_partnership()
        partnership.with_user(self.officer).action_agree()
        line = partnership.safeguard_line_ids[0]
        with self.assertRaisesRegex(UserError, "Reopen the negotiation"):
            line.with_user(self.manager).action_unconfirm()
        with self.assertRaisesRegex(UserError, "Reopen the negotiation"):
            partnership.with_user(self.officer).write(
                {"safeguard_line_ids": [Command.create({"name": "Late addition"})]}
            )
        self.assertTrue(partnership.is_safeguarded)
