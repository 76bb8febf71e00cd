"""Issue 17, section 4: retention.

Rules keep a kind of record N years after a date, then anonymise or delete
it; a dry run says what would go and changes nothing; a manager approves a
run and the monthly scheduled action applies approved runs only; a legal
hold keeps a record; signed agreements and undertakings are never deleted;
each anonymisation or deletion writes an append-only retention log line.

Time: the records are made today, with the dates of their kind; retention
runs at ``LATER`` (freezegun), twelve years from now, when what was made
today is twelve years old. Records meant to be younger are dated (or their
``create_date`` set) nine years from now: three years old then.
"""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from tests.core.visit_common import SIGNED_COPY, NpmVisitCase

IDENTITY = "Detainee R., cell 4, born 1985"
YOUNG_DAYS = 9 * 366  # nine years from now: three years old at LATER


class RetentionCase(NpmVisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.later = fields.Date.today() + relativedelta(years=12)
        cls.Rule = cls.env["npm.retention.rule"]
        cls.RetentionLog = cls.env["npm.retention.log"]

    def _later(self):
        return freeze_time(f"{self.later} 10:00:00")

    def _rule(self, model, years, date_field, action="anonymise", **vals):
        return self.Rule.create(
            {
                "name": f"Test: {model} {action} after {years} years",
                "model_id": self.env["ir.model"]._get_id(model),
                "years": years,
                "date_field": date_field,
                "action": action,
                "sequence": 1,
                **vals,
            }
        )

    @classmethod
    def _set_create_date(cls, records, days):
        records.flush_recordset()
        cls.env.cr.execute(
            f'UPDATE "{records._table}" SET create_date = %s WHERE id IN %s',
            (fields.Datetime.now() + timedelta(days=days), tuple(records.ids)),
        )
        records.invalidate_recordset(["create_date"])

    def _log_of(self, record):
        return self.RetentionLog.search(
            [("res_model", "=", record._name), ("res_id", "=", record.id)]
        )


class TestRetentionRules(RetentionCase):
    """What a rule may say, and who may say it."""

    def test_default_rules_an_npm_starts_from(self):
        rules = self.Rule.search([])
        models = set(rules.mapped("model_id.model"))
        self.assertTrue(
            {
                "npm.visit.finding",
                "npm.visit.document",
                "npm.visit.person",
                "npm.info.use.request",
                "npm.confidentiality.undertaking",
                "npm.cso.agreement",
                "npm.cso.export.log",
                "npm.access.log",
            }
            <= models
        )
        strict = self.env.ref("npm_cso_cooperation.retention_rule_finding_strict")
        self.assertEqual(
            (strict.sensitivity, strict.years, strict.date_field, strict.action),
            ("strictly_confidential", 10, "visit_date", "anonymise"),
        )

    def test_date_field_must_be_a_date_of_the_model(self):
        with self.assertRaisesRegex(ValidationError, "is not a date"):
            self._rule("npm.visit.finding", 5, "name")
        with self.assertRaisesRegex(ValidationError, "is not a date"):
            self._rule("npm.visit.finding", 5, "no_such_field")
        self.assertTrue(self._rule("npm.visit.finding", 5, "visit_date"))
        self.assertTrue(self._rule("npm.cso.agreement", 5, "date_end"))

    def test_signed_agreements_and_undertakings_are_never_deleted_by_a_rule(self):
        for model, date_field in (
            ("npm.cso.agreement", "date_end"),
            ("npm.confidentiality.undertaking", "date_expiry"),
        ):
            with self.assertRaisesRegex(ValidationError, "never delete them"):
                self._rule(model, 30, date_field, action="delete")
            rule = self._rule(model, 30, date_field)
            with self.assertRaisesRegex(ValidationError, "never delete them"):
                rule.action = "delete"

    def test_sensitivity_only_on_kinds_that_have_one(self):
        with self.assertRaisesRegex(ValidationError, "has no sensitivity"):
            self._rule("npm.visit.person", 5, "create_date", sensitivity="internal")

    def test_a_log_is_deleted_never_anonymised(self):
        with self.assertRaisesRegex(ValidationError, "only delete"):
            self._rule("npm.access.log", 5, "create_date")
        self.assertTrue(self._rule("npm.access.log", 5, "create_date", "delete"))

    def test_at_least_one_year(self):
        with self.assertRaisesRegex(ValidationError, "at least one year"):
            self._rule("npm.visit.finding", 0, "visit_date")

    def test_only_the_kinds_the_rules_know(self):
        with self.assertRaisesRegex(ValidationError, "do not apply"):
            self._rule("npm.joint.visit", 5, "date_start")

    def test_managers_edit_rules_nobody_else_reads_them(self):
        rule = self.env.ref("npm_cso_cooperation.retention_rule_finding")
        for user in (self.officer, self.cleared, self.employee, self.portal_expert):
            with self.assertRaises(AccessError):
                rule.with_user(user).read(["years"])
            with self.assertRaises(AccessError):
                rule.with_user(user).write({"years": 1})
            with self.assertRaises(AccessError):
                self.Rule.with_user(user).create(
                    {
                        "name": "Forged",
                        "model_id": rule.model_id.id,
                        "years": 1,
                        "date_field": "visit_date",
                    }
                )
            with self.assertRaises(AccessError):
                self.Rule.with_user(user)._apply_retention(dry_run=True)
        as_manager = rule.with_user(self.manager)
        as_manager.write({"years": 25})
        self.assertEqual(rule.years, 25)
        new = self.Rule.with_user(self.manager).create(
            {
                "name": "Documents 3 years",
                "model_id": self.env["ir.model"]._get_id("npm.visit.document"),
                "years": 3,
                "date_field": "document_date",
            }
        )
        new.unlink()
        self.assertFalse(new.exists())

    def test_an_applied_rule_is_archived_not_deleted(self):
        rule = self._rule("npm.visit.finding", 1, "visit_date")
        finding = self._finding(self._confirmed_visit(start=-5), "internal")
        with self._later():
            rule._apply_retention()
        self.assertTrue(self._log_of(finding))
        with self.assertRaisesRegex(UserError, "Archive it instead"):
            rule.with_user(self.manager).unlink()
        rule.with_user(self.manager).active = False
        self.assertFalse(rule.active)


class TestLegalHold(RetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.finding = cls._finding(cls._confirmed_visit(start=-5), "confidential")

    def test_managers_only_set_a_legal_hold(self):
        for user in (self.officer, self.cleared):
            with self.assertRaises(AccessError):
                self.finding.with_user(user).write(
                    {"legal_hold": True, "legal_hold_reason": "Forged"}
                )
            with self.assertRaises(AccessError):
                self.finding.with_user(user).read(["legal_hold"])
        self.finding.with_user(self.manager).write(
            {"legal_hold": True, "legal_hold_reason": "Complaint 2026/17"}
        )
        self.assertTrue(self.finding.legal_hold)

    def test_anonymised_on_is_never_written_by_hand(self):
        for user in (self.officer, self.manager):
            with self.assertRaises(UserError):
                self.finding.with_user(user).write(
                    {"anonymised_on": fields.Datetime.now()}
                )
        self.assertFalse(self.finding.anonymised_on)


class TestRetentionWorld(RetentionCase):
    """Records of every kind and age, retention run twelve years from now."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        visit = cls._confirmed_visit(start=-5)
        young_visit = cls._visit(start=YOUNG_DAYS)
        cls.visit = visit
        # findings
        cls.old_strict = cls._finding(
            visit,
            "strictly_confidential",
            name="Beatings in block C",
            description="<p>Detainee R. said guard T. beat him.</p>",
            reprisal_risk_notes="R. fears transfer.",
        )
        cls.old_confidential = cls._finding(
            visit, "confidential", description="<p>Cold cells.</p>"
        )
        cls.held = cls._finding(
            visit,
            "strictly_confidential",
            description="<p>Kept for the court.</p>",
            legal_hold=True,
            legal_hold_reason="Criminal complaint 2026/4",
        )
        cls.young_strict = cls._finding(
            young_visit, "strictly_confidential", description="<p>Young.</p>"
        )
        # what the chatter of a finding keeps of its text
        cls.note = cls.old_strict.message_post(
            body="R. repeated it: guard T.",
            subtype_xmlid="mail.mt_note",
            attachment_ids=[],
        )
        cls.chatter_file = env["ir.attachment"].create(
            {
                "name": "photo.jpg",
                "raw": b"photo of R.",
                "res_model": cls.old_strict._name,
                "res_id": cls.old_strict.id,
            }
        )
        # documents
        cls.old_document = cls._document(
            visit,
            "confidential",
            description="Interview with R.",
            document_date=cls._days(-5),
        )
        cls.young_document = cls._document(
            visit, "confidential", document_date=cls._days(YOUNG_DAYS)
        )
        # persons met
        Person = env["npm.visit.person"]
        cls.old_person = Person.create(
            {
                "visit_id": visit.id,
                "identity": IDENTITY,
                "limited_capacity_note": "Minor, 16.",
            }
        )
        cls.young_person = Person.create(
            {"visit_id": visit.id, "identity": "Detainee Y."}
        )
        # allegations (a rule of ten years for the test)
        cls.allegation = (
            env["npm.reprisal.allegation"]
            .with_context(tracking_disable=False)
            .create(
                {
                    "visit_id": visit.id,
                    "person_id": cls.old_person.id,
                    "partner_id": cls.cso_expert.id,
                    "description": "R. moved to isolation after the visit.",
                }
            )
        )
        cls.allegation.with_context(tracking_disable=False).write(
            {"partner_id": cls.cso_colleague.id}
        )
        # requests, undertakings, agreements
        cls.request = env["npm.info.use.request"].create(
            {
                "visit_id": visit.id,
                "partner_id": cls.cso_expert.id,
                "purpose": "report",
                "description": "Quote R. in our report.",
            }
        )
        cls.undertaking = cls._undertaking(cls.cso_colleague, signed=-60, expiry=-1)
        cls.undertaking.note = "Signed at the office."
        cls.agreement = env["npm.cso.agreement"].create(
            {
                "name": "Retention agreement",
                "agreement_type": "confidentiality",
                "partnership_id": cls.partnership.id,
                "state": "signed",
                "date_end": cls._days(-1),
                "note": "<p>Negotiated with Ms K.</p>",
            }
        )
        # logs
        ExportLog = env["npm.cso.export.log"]
        cls.old_export = ExportLog.create(
            {
                "user_id": cls.manager.id,
                "company_id": env.company.id,
                "report_type": "partners",
                "filename": "old.xlsx",
            }
        )
        cls.young_export = ExportLog.create(
            {
                "user_id": cls.manager.id,
                "company_id": env.company.id,
                "report_type": "partners",
                "filename": "young.xlsx",
            }
        )
        cls._set_create_date(cls.young_export, YOUNG_DAYS)
        cls._set_create_date(cls.young_person, YOUNG_DAYS)
        cls.old_strict.with_user(cls.cleared).read(["name"])
        cls.young_strict.with_user(cls.cleared).read(["name"])
        AccessLog = env["npm.access.log"]
        cls.old_access, cls.young_access = AccessLog.search(
            [("user_id", "=", cls.cleared.id)], order="id"
        )
        cls._set_create_date(cls.young_access, YOUNG_DAYS)
        cls.allegation_rule = cls.Rule.create(
            {
                "name": "Test: allegations after 10 years",
                "model_id": env["ir.model"]._get_id("npm.reprisal.allegation"),
                "years": 10,
                "date_field": "date_reported",
            }
        )

    def _snapshot(self):
        self.env.invalidate_all()
        return {
            "finding": self.old_strict.description,
            "document": self.old_document.file,
            "identity": self.old_person.identity,
            "allegation": self.allegation.description,
            "undertaking": self.undertaking.signed_copy,
            "agreement": self.agreement.note,
            "request": self.request.description,
            "exports": self.old_export.exists(),
            "access": self.old_access.exists(),
            "log": self.RetentionLog.search_count([]),
        }

    def test_nothing_goes_today(self):
        found = self.Rule._apply_retention(dry_run=True)
        ours = (
            self.old_strict,
            self.old_document,
            self.old_person,
            self.undertaking,
            self.agreement,
            self.old_export,
        )
        for records in found.values():
            for record in ours:
                if records._name == record._name:
                    self.assertNotIn(record, records, "a record went too early")

    def test_dry_run_says_what_would_go_and_changes_nothing(self):
        before = self._snapshot()
        with self._later():
            found = self.Rule._apply_retention(dry_run=True)
        self.assertEqual(self._snapshot(), before)
        by_model = {}
        for rule, records in found.items():
            self.assertEqual(rule._name, "npm.retention.rule")
            model = rule.model
            by_model[model] = by_model.get(model, self.env[model]) | records
        findings = by_model["npm.visit.finding"]
        self.assertIn(self.old_strict, findings)
        self.assertNotIn(self.held, findings)
        self.assertNotIn(self.young_strict, findings)
        self.assertNotIn(self.old_confidential, findings)
        self.assertIn(self.old_document, by_model["npm.visit.document"])
        self.assertNotIn(self.young_document, by_model["npm.visit.document"])
        self.assertIn(self.old_person, by_model["npm.visit.person"])
        self.assertNotIn(self.young_person, by_model["npm.visit.person"])
        self.assertIn(self.old_export, by_model["npm.cso.export.log"])
        self.assertNotIn(self.young_export, by_model["npm.cso.export.log"])
        self.assertIn(self.old_access, by_model["npm.access.log"])
        self.assertIn(self.undertaking, by_model["npm.confidentiality.undertaking"])
        self.assertIn(self.agreement, by_model["npm.cso.agreement"])

    def test_retention_applied_twelve_years_later(self):
        strict_rule = self.env.ref("npm_cso_cooperation.retention_rule_finding_strict")
        undertaking_state = self.undertaking.state
        with self._later():
            self.Rule._apply_retention()
        self.env.invalidate_all()
        # findings: the strict one anonymised, its title and visit kept
        self.assertFalse(self.old_strict.description)
        self.assertFalse(self.old_strict.reprisal_risk_notes)
        self.assertEqual(self.old_strict.name, "Beatings in block C")
        self.assertEqual(self.old_strict.visit_id, self.visit)
        self.assertTrue(self.old_strict.anonymised_on)
        # ... and its chatter: the note's text and the file gone
        self.assertNotIn("guard T.", self.note.body)
        self.assertFalse(self.chatter_file.exists())
        # kept: held, young, or not yet at its rule's age
        self.assertEqual(self.held.description, "<p>Kept for the court.</p>")
        self.assertEqual(self.young_strict.description, "<p>Young.</p>")
        self.assertEqual(self.old_confidential.description, "<p>Cold cells.</p>")
        # documents: the file goes, the record stays
        self.assertTrue(self.old_document.exists())
        self.assertFalse(self.old_document.file)
        self.assertFalse(self.old_document.description)
        self.assertFalse(
            self.env["ir.attachment"].search(
                [
                    ("res_model", "=", self.old_document._name),
                    ("res_id", "=", self.old_document.id),
                ]
            )
        )
        self.assertTrue(self.young_document.file)
        # persons: the identity goes, the pseudonym stays
        self.assertFalse(self.old_person.identity)
        self.assertFalse(self.old_person.limited_capacity_note)
        self.assertTrue(self.old_person.pseudonym)
        self.assertEqual(self.young_person.identity, "Detainee Y.")
        # the allegation: what was alleged and who, and its tracking, gone
        self.assertNotIn("isolation", self.allegation.description)
        self.assertFalse(self.allegation.partner_id)
        self.assertEqual(self.allegation.person_id, self.old_person)
        tracking = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", self.allegation._name),
                ("mail_message_id.res_id", "=", self.allegation.id),
            ]
        )
        self.assertFalse(
            tracking.filtered(lambda t: t.field_id.name == "partner_id"),
            "the tracking of the removed contact still names them",
        )
        # signed undertaking and agreement: anonymised, never deleted
        self.assertTrue(self.undertaking.exists())
        self.assertEqual(self.undertaking.state, undertaking_state)
        self.assertFalse(self.undertaking.signed_copy)
        self.assertFalse(self.undertaking.note)
        self.assertTrue(self.agreement.exists())
        self.assertFalse(self.agreement.note)
        self.assertEqual(self.agreement.state, "signed")
        # request
        self.assertTrue(self.request.exists())
        self.assertNotIn("R.", self.request.description or "")
        # logs: old lines deleted, young kept
        self.assertFalse(self.old_export.exists())
        self.assertTrue(self.young_export.exists())
        self.assertFalse(self.old_access.exists())
        self.assertTrue(self.young_access.exists())
        # the retention log: one line per record, with its rule
        line = self._log_of(self.old_strict)
        self.assertEqual(
            (line.action, line.rule_id, line.record_name, line.model_name),
            ("anonymise", strict_rule, "Beatings in block C", "Joint Visit Finding"),
        )
        line = self._log_of(self.old_export)
        self.assertEqual(line.action, "delete")
        self.assertEqual(line.record_name, "old.xlsx")
        for record in (self.held, self.young_strict, self.young_person):
            self.assertFalse(self._log_of(record))
        for record in (
            self.old_document,
            self.old_person,
            self.allegation,
            self.undertaking,
            self.agreement,
            self.request,
            self.old_access,
        ):
            self.assertEqual(len(self._log_of(record)), 1, record._name)
        # a second pass finds nothing more of ours
        with self._later():
            again = self.Rule._apply_retention(dry_run=True)
        for records in again.values():
            if records._name == self.old_strict._name:
                self.assertNotIn(self.old_strict, records)

    def test_retention_log_is_append_only(self):
        with self._later():
            self.Rule._apply_retention()
        line = self._log_of(self.old_strict)
        self.assertTrue(line)
        for user in (self.manager, self.cleared):
            with self.assertRaises(AccessError):
                line.with_user(user).write({"record_name": "Forged"})
            with self.assertRaises(AccessError):
                line.with_user(user).unlink()
        with self.assertRaises(AccessError):
            line.sudo().unlink()
        self.assertTrue(line.with_user(self.manager).read(["record_name"]))
        with self.assertRaises(AccessError):
            line.with_user(self.cleared).read(["record_name"])

    def test_delete_rule_keeps_what_the_life_cycle_keeps(self):
        shared = self._finding(self.visit, "confidential", shared=True)
        rule = self._rule("npm.visit.finding", 11, "visit_date", action="delete")
        with self._later():
            found = rule._apply_retention()
        self.assertIn(self.old_confidential, found[rule])
        self.assertFalse(self.old_confidential.exists())
        self.assertTrue(shared.exists(), "a finding released to the CSO was deleted")
        self.assertEqual(self._log_of(self.old_confidential).action, "delete")


class TestRetentionRuns(RetentionCase):
    """In the app: a dry run reviewed, approved, applied by the cron."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        visit = cls._confirmed_visit(start=-5)
        cls.finding = cls._finding(
            visit, "strictly_confidential", description="<p>Names.</p>"
        )
        cls.other = cls._finding(
            visit, "strictly_confidential", description="<p>Other names.</p>"
        )
        cls.Run = cls.env["npm.retention.run"]

    def _prepare(self):
        with self._later():
            action = self.Run.with_user(self.manager).action_prepare_dry_run()
        return self.Run.browse(action["res_id"]).with_user(self.manager)

    def _line(self, run, record):
        return run.line_ids.filtered(
            lambda line: line.res_model == record._name and line.res_id == record.id
        )

    def test_manager_prepares_reviews_approves_and_the_cron_applies(self):
        run = self._prepare()
        self.assertEqual(run.state, "draft")
        self.assertTrue(self._line(run, self.finding))
        self.assertEqual(self.finding.description, "<p>Names.</p>")
        # the review: the other finding is kept this time
        self._line(run, self.other).unlink()
        run.action_approve()
        self.assertEqual((run.state, run.approved_by_id), ("approved", self.manager))
        with self.assertRaises(UserError):
            self._line(run, self.finding).unlink()  # approved: its list is settled
        with self._later():
            self.Rule._cron_apply_retention()
        self.env.invalidate_all()
        self.assertEqual(run.state, "applied")
        self.assertFalse(self.finding.description)
        self.assertEqual(self.other.description, "<p>Other names.</p>")
        self.assertEqual(self._log_of(self.finding).run_id, run)

    def test_cron_applies_only_approved_runs_and_asks_for_a_review(self):
        draft = self._prepare()
        with self._later():
            self.Rule._cron_apply_retention()
        self.assertEqual(draft.state, "draft")
        self.assertEqual(self.finding.description, "<p>Names.</p>")
        # one draft waits: the cron prepared no other
        self.assertEqual(self.Run.search_count([("state", "=", "draft")]), 1)
        draft.action_cancel()
        with self._later():
            self.Rule._cron_apply_retention()
        prepared = self.Run.search([("state", "=", "draft")])
        self.assertEqual(len(prepared), 1)
        self.assertTrue(self._line(prepared, self.finding))
        activity = prepared.activity_ids.filtered(lambda a: a.user_id == self.manager)
        self.assertTrue(activity, "the managers are not asked to review the run")

    def test_legal_hold_set_after_approval_keeps_the_record(self):
        run = self._prepare()
        run.action_approve()
        self.finding.with_user(self.manager).write(
            {"legal_hold": True, "legal_hold_reason": "Inquiry"}
        )
        with self._later():
            run.action_apply_now()
        self.assertEqual(run.state, "applied")
        self.assertEqual(self.finding.description, "<p>Names.</p>")
        self.assertFalse(self._log_of(self.finding))
        self.assertFalse(self.other.description)

    def test_officers_neither_read_nor_approve_runs(self):
        run = self._prepare()
        for user in (self.officer, self.cleared, self.employee):
            with self.assertRaises(AccessError):
                run.with_user(user).read(["name"])
            with self.assertRaises(AccessError):
                run.with_user(user).action_approve()
            with self.assertRaises(AccessError):
                self.Run.with_user(user).action_prepare_dry_run()
        self.assertEqual(run.state, "draft")
        run.action_approve()
        for user in (self.officer, self.cleared, self.employee):
            with self.assertRaises(AccessError):
                run.with_user(user).action_apply_now()
        self.assertEqual(run.state, "approved")
        self.assertEqual(self.finding.description, "<p>Names.</p>")

    def test_lines_are_written_by_the_run_only(self):
        run = self._prepare()
        line = run.line_ids[:1]
        with self.assertRaises(UserError):
            line.write({"res_id": self.other.id})
        with self.assertRaises(UserError):
            self.env["npm.retention.run.line"].with_user(self.manager).create(
                {
                    "run_id": run.id,
                    "rule_id": line.rule_id.id,
                    "res_model": "npm.visit.finding",
                    "res_id": self.other.id,
                    "action": "delete",
                }
            )

    def test_a_run_lists_what_is_nobody_elses(self):
        """The run's states move by its buttons only, stamped."""
        run = self._prepare()
        with self.assertRaises(UserError):
            run.write({"state": "approved"})
        self.assertEqual(run.state, "draft")


class TestAnonymiseFiles(RetentionCase):
    def test_signed_copy_of_an_undertaking_goes_with_its_attachment(self):
        undertaking = self._undertaking(self.cso_colleague, signed=-60, expiry=-1)
        self.assertEqual(undertaking.signed_copy, SIGNED_COPY)
        with self._later():
            self.Rule._apply_retention()
        self.assertFalse(undertaking.signed_copy)
        self.assertFalse(
            self.env["ir.attachment"].search(
                [
                    ("res_model", "=", undertaking._name),
                    ("res_id", "=", undertaking.id),
                    ("res_field", "=", "signed_copy"),
                ]
            )
        )
