from odoo.exceptions import AccessError, UserError

from tests.core.visit_common import NpmVisitCase


class TestReleaseRegister(NpmVisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.visit = cls._confirmed_visit(
            start=-5, cso_partners=cls.cso_expert | cls.cso_colleague
        )
        cls.agreement = cls.env["npm.cso.agreement"].create(
            {
                "name": "Confidentiality agreement",
                "agreement_type": "confidentiality",
                "partnership_id": cls.partnership.id,
                "state": "signed",
            }
        )
        cls.Release = cls.env["npm.information.release"]

    def _lines(self, record):
        return self.Release.search(
            [("res_model", "=", record._name), ("res_id", "=", record.id)]
        )

    def test_sharing_a_finding_writes_one_line_per_covered_cso_member(self):
        finding = self._finding(self.visit, "confidential")
        self.assertFalse(self._lines(finding))
        finding.with_user(self.officer).share_with_cso = True
        lines = self._lines(finding)
        self.assertEqual(lines.partner_id, self.cso_expert | self.cso_colleague)
        for line in lines:
            self.assertEqual(line.release_type, "finding_shared")
            self.assertEqual(line.released_by_id, self.officer)
            self.assertEqual(line.cso_id, self.cso)
            self.assertEqual(line.visit_id, self.visit)
            self.assertEqual(line.agreement_id, self.agreement)
            self.assertEqual(line.record_ref, finding)
            self.assertTrue(line.date)

    def test_uncovered_member_is_not_a_recipient(self):
        undertaking = self.env["npm.confidentiality.undertaking"].search(
            [("partner_id", "=", self.cso_colleague.id)]
        )
        undertaking.action_revoke(reason="Left")
        finding = self._finding(self.visit, "internal", shared=True)
        self.assertEqual(self._lines(finding).partner_id, self.cso_expert)

    def test_sharing_again_after_unsharing_writes_new_lines(self):
        finding = self._finding(self.visit, "internal", shared=True)
        finding.share_with_cso = False
        finding.share_with_cso = True
        self.assertEqual(len(self._lines(finding)), 4)

    def test_editing_a_shared_finding_writes_no_line(self):
        finding = self._finding(self.visit, "internal", shared=True)
        finding.name = "Renamed"
        self.assertEqual(len(self._lines(finding)), 2)

    def test_lines_are_never_changed_nor_deleted(self):
        line = self._lines(self._finding(self.visit, "internal", shared=True))[0]
        # managers hold no write nor unlink right on the register...
        manager_line = line.with_user(self.manager)
        with self.assertRaises(AccessError):
            manager_line.write({"description": "rewritten"})
        with self.assertRaises(AccessError):
            manager_line.unlink()
        # ...and even the superuser is refused
        with self.assertRaisesRegex(UserError, "append-only"):
            line.sudo().write({"description": "rewritten"})
        with self.assertRaisesRegex(UserError, "append-only"):
            line.sudo().unlink()
        with self.assertRaisesRegex(UserError, "cannot be copied"):
            line.sudo().copy()
        self.assertTrue(line.exists())

    def test_nobody_creates_lines_by_hand(self):
        vals = {
            "res_model": "npm.visit.finding",
            "res_id": 1,
            "partner_id": self.cso.id,
            "released_by_id": self.manager.id,
            "description": "forged",
        }
        for user in (self.officer, self.cleared, self.manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Release.with_user(user).create(vals)

    def test_managers_list_filter_group_and_export_the_register(self):
        finding = self._finding(self.visit, "internal", shared=True)
        Release = self.Release.with_user(self.manager)
        lines = Release.search([("cso_id", "=", self.cso.id)])
        self.assertEqual(lines, self._lines(finding))
        groups = Release.read_group(
            [("visit_id", "=", self.visit.id)], ["partner_id"], ["partner_id"]
        )
        self.assertEqual(len(groups), 2)
        exported = lines.export_data(
            ["date", "partner_id/name", "released_by_id/name", "record_name"]
        )["datas"]
        self.assertEqual(len(exported), 2)
        self.assertIn(self.cso_expert.name, {row[1] for row in exported})

    def test_register_is_for_managers_only(self):
        line = self._lines(self._finding(self.visit, "internal", shared=True))[0]
        for user in (
            self.officer,
            self.cleared,
            self.employee,
            self.portal_expert,
        ):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                line.with_user(user).read(["description"])
        menu = self.env.ref("npm_cso_cooperation.menu_npm_information_release")
        self.assertNotIn(
            menu.id, self.env["ir.ui.menu"].with_user(self.officer).load_menus(False)
        )
        self.assertIn(
            menu.id, self.env["ir.ui.menu"].with_user(self.manager).load_menus(False)
        )

    def test_shared_finding_cannot_be_deleted(self):
        finding = self._finding(self.visit, "internal", shared=True)
        with self.assertRaisesRegex(UserError, "release\\s+register refers to it"):
            finding.with_user(self.manager).unlink()
        draft = self._finding(self.visit, "internal")
        draft.with_user(self.officer).unlink()
        self.assertFalse(draft.exists())
