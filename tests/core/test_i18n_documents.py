"""Issue 18: what leaves the app speaks its reader's language.

A register export follows the exporting user's language (headers, titles,
selection labels, date formats); the signed copy of a confidentiality
undertaking is written in the language of the person who signs it, whoever
renders it. The expected words are the addon's own translations (its .po
files, loaded in the database), never English.
"""

from odoo import fields
from odoo.exceptions import UserError
from odoo.tools.i18n import format_list

from tests.common import MODULE
from tests.core.export_common import HEADER_ROW, ExportCase
from tests.core.visit_common import NpmVisitCase
from tests.i18n_common import load_translations, translation

SIGNED_COPY_REPORT = "npm_cso_cooperation.npm_undertaking_signed_copy_report"


class TestDocumentsInTheirLanguage(ExportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_translations(cls.env, [MODULE])
        partnership = cls.env["npm.cso.partnership"].create(
            {"name": "Watch partnership", "partner_id": cls.cso.id}
        )
        cls.mou = cls.env["npm.cso.agreement"].create(
            {
                "name": "MoU with Watch",
                "partnership_id": partnership.id,
                "agreement_type": "mou",
                "date_start": fields.Date.today().replace(month=1, day=1),
                "state": "signed",
            }
        )

    def translated(self, lang, msgid):
        text = translation(MODULE, lang, msgid)
        self.assertTrue(text, f"{msgid!r} has no {lang} translation yet")
        self.assertNotEqual(text, msgid)
        return text

    def test_export_follows_the_exporting_users_language(self):
        self.officer.lang = "fr_FR"
        _wizard, _action, content = self._export(
            self.officer, "agreements", partner_id=self.cso.id
        )
        sheet = self._sheet(content)
        headers = self._headers(sheet)
        start = self.translated("fr_FR", "Start Date")
        self.assertIn(start, headers)
        self.assertNotIn("Start Date", headers)
        [row] = self._records(sheet)
        # selection labels: the agreement's type and state
        values = set(row.values())
        self.assertIn(self.translated("fr_FR", "Memorandum of Understanding"), values)
        self.assertIn(self.translated("fr_FR", "Signed"), values)
        self.assertFalse({"Memorandum of Understanding", "Signed"} & values)
        # title and filters line: the wizard's sentences, in French
        filters = self.translated(
            "fr_FR",
            "Filters: %(filters)s. Rows: %(count)s. Confidential NPM material: "
            "handle and share under the NPM's confidentiality rules.",
        )
        self.assertTrue(sheet["A2"].value.startswith(filters.split("%(")[0]))
        self.assertNotIn("exported by", sheet["A1"].value)
        # dates: real dates, shown day first as French writes them
        cell = sheet.cell(row=HEADER_ROW + 1, column=headers.index(start) + 1)
        self.assertTrue(cell.is_date)
        self.assertEqual(cell.number_format, "dd/mm/yyyy")

    def test_export_in_english_for_an_english_user(self):
        self.officer.lang = "en_US"
        _wizard, _action, content = self._export(
            self.officer, "agreements", partner_id=self.cso.id
        )
        sheet = self._sheet(content)
        self.assertIn("Start Date", self._headers(sheet))
        self.assertIn("exported by", sheet["A1"].value)

    def _signed_copy_html(self, lang):
        self.cso_expert.lang = lang
        undertaking = self.env["npm.confidentiality.undertaking"].create(
            {"partner_id": self.cso_expert.id, "scope": "general"}
        )
        # rendered by the server as an English-speaking user (the admin)
        html, _type = (
            self.env["ir.actions.report"]
            .with_context(lang="en_US")
            ._render_qweb_html(SIGNED_COPY_REPORT, undertaking.ids)
        )
        return html.decode()

    def test_signed_undertaking_in_the_experts_language(self):
        for lang in ("es_ES", "fr_FR"):
            with self.subTest(lang=lang):
                html = self._signed_copy_html(lang)
                self.assertIn(
                    self.translated(lang, "Confidentiality Undertaking"), html
                )
                self.assertIn(
                    self.translated(
                        lang,
                        "<strong>Given to the National Preventive Mechanism</strong>",
                    ),
                    html,
                )
                self.assertNotIn("Given to the National Preventive Mechanism", html)

    def test_signed_undertaking_in_english_for_an_english_expert(self):
        html = self._signed_copy_html("en_US")
        self.assertIn("Given to the National Preventive Mechanism", html)


class TestRefusalsInTheUsersLanguage(NpmVisitCase):
    """Refusals are whole translated sentences, lists joined the language's
    way: nothing English pasted into French."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_translations(cls.env, [MODULE])
        cls.officer.lang = "fr_FR"

    def test_no_head_of_delegation_in_french(self):
        visit = self._visit()
        visit.member_ids.filtered(lambda m: m.role == "head").role = "member"
        french = translation(
            MODULE,
            "fr_FR",
            "Cannot agree the terms of %(name)s: the team has no head of "
            "delegation on the NPM side. Add an NPM member with the role "
            "“Head of Delegation”.",
        )
        self.assertTrue(french)
        officer_visit = visit.with_user(self.officer).with_context(lang="fr_FR")
        with self.assertRaises(UserError) as refusal:
            officer_visit.action_agree_terms()
        self.assertEqual(str(refusal.exception), french % {"name": visit.name})

    def test_a_move_from_the_wrong_state_is_refused_in_french(self):
        visit = self._visit().with_context(lang="fr_FR")
        template = translation(
            MODULE,
            "fr_FR",
            "Cannot set %(name)s to %(target)s: it is %(state)s, it must be "
            "%(expected)s.",
        )
        self.assertTrue(template)
        expected = format_list(
            visit.env,
            [visit._state_label(s) for s in visit._lifecycle_transitions["done"]],
            style="or",
        )
        self.assertEqual(
            visit._lifecycle_state_message("done"),
            template
            % {
                "name": visit.name,
                "target": visit._state_label("done"),
                "state": visit._state_label(),
                "expected": expected,
            },
        )
        # the state labels are the French ones
        self.assertEqual(
            visit._state_label("done"),
            translation(MODULE, "fr_FR", "Done").lower(),
        )
