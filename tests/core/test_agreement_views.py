from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo.tools.safe_eval import safe_eval

from tests.agreement_common import AgreementCase


class TestAgreementScreens(AgreementCase):
    def arch(self, model, view_type, user):
        views = self.env[model].with_user(user).get_views([(False, view_type)])
        return etree.fromstring(views["views"][view_type]["arch"])

    def buttons(self, model, user):
        form = self.arch(model, "form", user)
        return {b.get("name") for b in form.xpath("//header/button")}

    def test_form_buttons_follow_the_role(self):
        officer = self.buttons("npm.cso.agreement", self.officer)
        manager = self.buttons("npm.cso.agreement", self.manager)
        for name in ("action_submit", "action_sign", "action_create_amendment"):
            self.assertIn(name, officer)
        for name in ("action_approve", "action_reject", "action_terminate"):
            self.assertNotIn(name, officer)
            self.assertIn(name, manager)
        form = self.arch("npm.cso.agreement", "form", self.manager)
        approve = form.xpath("//header/button[@name='action_approve']")[0]
        self.assertEqual(approve.get("invisible"), "not can_decide")
        self.assertTrue(form.xpath("//field[@name='state'][@widget='statusbar']"))

    def test_partnership_buttons_follow_the_role(self):
        officer = self.buttons("npm.cso.partnership", self.officer)
        manager = self.buttons("npm.cso.partnership", self.manager)
        self.assertIn("action_agree", officer)
        for name in ("action_confirm_safeguards", "action_close"):
            self.assertNotIn(name, officer)
            self.assertIn(name, manager)

    def test_kanbans_are_grouped_by_state(self):
        for model in ("npm.cso.agreement", "npm.cso.partnership"):
            with self.subTest(model=model):
                kanban = self.arch(model, "kanban", self.officer)
                self.assertEqual(kanban.get("default_group_by"), "state")
        groups = self.Agreement.with_user(self.officer).read_group(
            [], ["state"], ["state"]
        )
        self.assertEqual(len(groups), 7, "every state is a column, even empty")

    def test_agreement_search_filters_and_groupbys(self):
        search = self.arch("npm.cso.agreement", "search", self.officer)
        names = {f.get("name") for f in search.xpath("//filter")}
        for name in (
            "my_agreements",
            "to_approve",
            "expiring_soon",
            "group_state",
            "group_type",
            "group_partner",
            "group_user",
        ):
            self.assertIn(name, names)

    def filter_domain(self, name):
        search = self.arch("npm.cso.agreement", "search", self.officer)
        domain = search.xpath(f"//filter[@name='{name}']")[0].get("domain")
        return safe_eval(
            domain,
            {
                "uid": self.officer.id,
                "context_today": date.today,
                "relativedelta": relativedelta,
            },
        )

    def test_my_agreements_filter(self):
        mine = self.make_agreement()
        theirs = self.make_agreement(user=self.officer2, user_id=self.officer2.id)
        found = self.Agreement.with_user(self.officer).search(
            self.filter_domain("my_agreements")
        )
        self.assertIn(mine, found)
        self.assertNotIn(theirs, found)

    def test_to_approve_filter(self):
        waiting = self.submitted()
        draft = self.make_agreement()
        found = self.Agreement.with_user(self.manager).search(
            self.filter_domain("to_approve")
        )
        self.assertIn(waiting, found)
        self.assertNotIn(draft, found)

    def test_expiring_in_30_days_filter(self):
        soon = self.signed(date_end=self.today + timedelta(days=29))
        later = self.signed(date_end=self.today + timedelta(days=31))
        unsigned = self.approved(
            self.make_agreement(date_end=self.today + timedelta(days=5))
        )
        found = self.Agreement.with_user(self.officer).search(
            self.filter_domain("expiring_soon")
        )
        self.assertIn(soon, found)
        self.assertNotIn(later, found)
        self.assertNotIn(unsigned, found)

    def test_cso_contact_form_has_cooperation_smart_buttons(self):
        officer_form = self.arch("res.partner", "form", self.officer)
        names = {b.get("name") for b in officer_form.xpath("//button")}
        self.assertIn("action_view_cso_partnerships", names)
        self.assertIn("action_view_cso_agreements", names)
        employee_form = self.arch("res.partner", "form", self.employee)
        names = {b.get("name") for b in employee_form.xpath("//button")}
        self.assertNotIn("action_view_cso_partnerships", names)

    def test_menus(self):
        officer = self.env["ir.ui.menu"].with_user(self.officer).load_menus(False)
        manager = self.env["ir.ui.menu"].with_user(self.manager).load_menus(False)
        for xmlid in ("menu_npm_cso_partnership", "menu_npm_cso_agreement"):
            self.assertIn(self.env.ref(f"npm_cso_cooperation.{xmlid}").id, officer)
        safeguards = self.env.ref("npm_cso_cooperation.menu_npm_cso_safeguard")
        self.assertNotIn(safeguards.id, officer)
        self.assertIn(safeguards.id, manager)
        root = self.env.ref("npm_cso_cooperation.menu_npm_cso_root")
        children = officer[root.id]["children"]
        registry = self.env.ref("npm_cso_cooperation.menu_npm_cso_registry")
        agreements = self.env.ref("npm_cso_cooperation.menu_npm_cso_agreement")
        self.assertLess(children.index(registry.id), children.index(agreements.id))

    def test_settings_page_for_the_app(self):
        arch = self.arch("res.config.settings", "form", self.env.ref("base.user_admin"))
        self.assertTrue(arch.xpath("//app[@name='npm_cso_cooperation']"))
        self.assertTrue(arch.xpath("//field[@name='npm_agreement_renewal_days']"))
