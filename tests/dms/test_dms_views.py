from lxml import etree

from odoo.tools.safe_eval import safe_eval

from .common import NpmDmsCase

FORMS = (
    "npm.cso.partnership",
    "npm.cso.agreement",
    "npm.confidentiality.undertaking",
    "npm.joint.visit",
    "npm.visit.finding",
    "npm.visit.document",
)


class TestDmsViews(NpmDmsCase):
    def _form(self, model, user):
        arch = (
            self.env[model]
            .with_user(user)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        return etree.fromstring(arch)

    def test_each_record_form_has_a_documents_button_for_npm_staff(self):
        for model in FORMS:
            form = self._form(model, self.officer)
            buttons = form.xpath(
                "//div[@name='button_box']/button[@name='action_open_dms_files']"
            )
            self.assertEqual(len(buttons), 1, model)
            self.assertTrue(buttons[0].xpath(".//field[@name='dms_file_count']"))

    def test_store_file_form_offers_a_new_version_to_npm_staff_only(self):
        self.assertTrue(
            self._form("dms.file", self.officer).xpath(
                "//button[@name='action_npm_add_version']"
            )
        )
        self.assertFalse(
            self._form("dms.file", self.employee).xpath(
                "//button[@name='action_npm_add_version']"
            )
        )

    def test_app_menu_lists_the_store(self):
        menu = self.env.ref("npm_cso_cooperation_dms.menu_npm_cso_documents")
        self.assertEqual(
            menu.parent_id, self.env.ref("npm_cso_cooperation.menu_npm_cso_root")
        )
        action = self.env.ref("npm_cso_cooperation_dms.dms_file_action_cooperation")
        self.assertEqual(menu.action, action)
        ours = self.filed(
            self.attach(self._visit(start=3))
            | self.attach(self._visit(start=4, partnership=self.other_partnership))
        )
        files = self.DmsFile.with_user(self.officer).search(safe_eval(action.domain))
        self.assertLessEqual(ours, files)
        self.assertEqual(set(files.mapped("storage_id")), {self.store})
