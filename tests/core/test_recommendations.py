"""Recommendations and their follow-up (issue 16): the life cycle as each
role, repetition, follow-ups and the implementation status, sharing with the
CSOs that follow a recommendation up (portal, release register), the
overdue reminder, the register export and the side channels of the models."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form
from odoo.tools import mute_logger

from tests.core.export_common import ExportCase
from tests.core.recommendation_common import NpmRecommendationCase

OVERDUE = "npm_cso_cooperation.mail_activity_type_recommendation_overdue"
REVIEW = "npm_cso_cooperation.mail_activity_type_recommendation_review"


class TestRecommendationLifecycle(NpmRecommendationCase):
    def test_reference_is_drawn_from_the_year_of_the_report(self):
        past = self._recommendation(issued=-800)
        year = (self.today - timedelta(days=800)).year
        self.assertTrue(past.name.startswith(f"REC/{year}/"), past.name)

    def test_officer_issues_and_the_date_is_today_only_when_empty(self):
        draft = self._recommendation().with_user(self.officer)
        draft.action_issue()
        self.assertEqual(draft.state, "issued")
        self.assertEqual(draft.date_issued, fields.Date.today())
        self.assertEqual(draft.issued_by_id, self.officer)
        past = self._recommendation(date_issued=self._days(-400))
        past.with_user(self.officer).action_issue()
        self.assertEqual(past.date_issued, self._days(-400))

    def test_issuing_twice_is_refused(self):
        issued = self._recommendation(issued=-1)
        with self.assertRaises(UserError):
            issued.with_user(self.manager).action_issue()

    def test_portal_and_employee_cannot_issue(self):
        draft = self._recommendation()
        for user in (self.portal_expert, self.other_portal_expert, self.employee):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                draft.with_user(user).action_issue()
        self.assertEqual(draft.state, "draft")

    def test_only_managers_close(self):
        issued = self._recommendation(issued=-1)
        for user in (self.officer, self.cleared):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                issued.with_user(user).action_close()
        issued.with_user(self.manager).action_close()
        self.assertEqual(issued.state, "closed")
        self.assertEqual(issued.closed_by_id, self.manager)

    def test_a_draft_cannot_be_closed(self):
        with self.assertRaises(UserError):
            self._recommendation().with_user(self.manager).action_close()

    def test_state_is_not_written_by_hand(self):
        draft = self._recommendation()
        for user in (self.officer, self.manager):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                draft.with_user(user).write({"state": "issued"})
        self.assertEqual(draft.state, "draft")

    def test_issued_text_is_frozen_for_every_role(self):
        issued = self._recommendation(issued=-1)
        for user in (self.officer, self.cleared, self.manager):
            for vals in (
                {"text": "Rewritten"},
                {"place_id": self.other_place.id},
                {"date_issued": self._days(-30)},
                {"theme_ids": [fields.Command.set(self.conditions.ids)]},
            ):
                with (
                    self.subTest(user=user.login, vals=vals),
                    self.assertRaises(UserError),
                ):
                    issued.with_user(user).write(vals)
        self.assertEqual(issued.text, "Examine every arrival within 24 hours.")
        # the follow-up side stays open
        issued.with_user(self.officer).write(
            {"due_date": self._days(30), "authority_response": "accepted"}
        )
        self.assertEqual(issued.authority_response, "accepted")

    def test_draft_text_can_change(self):
        draft = self._recommendation().with_user(self.officer)
        draft.text = "Examine every arrival within 12 hours."
        self.assertEqual(draft.text, "Examine every arrival within 12 hours.")

    def test_issued_recommendations_are_never_deleted(self):
        issued = self._recommendation(issued=-1)
        with self.assertRaises(UserError):
            issued.with_user(self.manager).unlink()
        closed = self._recommendation(issued=-1)
        closed.action_close()
        with self.assertRaises(UserError):
            closed.with_user(self.manager).unlink()
        with self.assertRaises(AccessError):
            self._recommendation().with_user(self.officer).unlink()
        draft = self._recommendation()
        draft.with_user(self.manager).unlink()
        self.assertFalse(draft.exists())

    def test_the_response_is_dated_today_by_default(self):
        issued = self._recommendation(issued=-10)
        with Form(issued.with_user(self.officer)) as form:
            form.authority_response = "partially_accepted"
        self.assertEqual(issued.authority_response_date, fields.Date.today())

    def test_authority_cannot_respond_to_a_draft(self):
        with self.assertRaises(ValidationError):
            self._recommendation().with_user(self.officer).write(
                {"authority_response": "rejected"}
            )

    def test_place_and_authority_come_from_the_visit(self):
        authority = self.env["res.partner"].create({"name": "Ministry of Justice"})
        self.place.authority_id = authority
        visit = self._confirmed_visit(start=-5)
        recommendation = self.env["npm.recommendation"].create(
            {"visit_id": visit.id, "text": "Repair the cells."}
        )
        self.assertEqual(recommendation.place_id, self.place)
        self.assertEqual(recommendation.authority_id, authority)
        with self.assertRaises(ValidationError):
            recommendation.place_id = self.other_place

    def test_stamps_and_status_are_not_written_by_hand(self):
        issued = self._recommendation(issued=-1).with_user(self.manager)
        for vals in (
            {"implementation_status": "implemented"},
            {"is_repeated": True},
            {"issued_by_id": self.officer.id},
            {"overdue_notified_on": self.today},
            {"name": "REC/1999/0001"},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                issued.write(vals)
        self.assertEqual(issued.implementation_status, "not_assessed")


class TestRecommendationSensitivity(NpmRecommendationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.strict = cls._recommendation(issued=-5, sensitivity="strictly_confidential")

    def test_strictly_confidential_only_for_cleared_staff(self):
        Recommendation = self.env["npm.recommendation"]
        self.assertFalse(
            Recommendation.with_user(self.officer).search([("id", "=", self.strict.id)])
        )
        with self.assertRaises(AccessError):
            self.strict.with_user(self.officer).read(["text"])
        for user in (self.cleared, self.manager):
            self.assertTrue(self.strict.with_user(user).read(["text"]))

    def test_employee_outside_the_app_reads_nothing(self):
        public = self._recommendation(issued=-5, sensitivity="internal")
        with self.assertRaises(AccessError):
            public.with_user(self.employee).read(["text"])
        with self.assertRaises(AccessError):
            self.env["npm.recommendation.followup"].with_user(self.employee).search([])

    def test_followups_of_a_strict_recommendation_are_hidden_from_officers(self):
        followup = self._followup(self.strict, "in_progress")
        Followup = self.env["npm.recommendation.followup"].with_user(self.officer)
        self.assertFalse(Followup.search([("id", "=", followup.id)]))
        self.assertTrue(followup.with_user(self.cleared).read(["observation"]))

    def test_place_counts_and_rate_follow_the_reader(self):
        self._followup(self.strict, "implemented")
        self._recommendation(issued=-5)
        place = self.place.with_user(self.officer)
        self.assertEqual(place.recommendation_count, 1)
        self.assertEqual(place.recommendation_implementation_rate, 0)
        self.assertNotIn(self.strict, place.recommendation_ids)
        cleared_place = self.place.with_user(self.cleared)
        self.assertEqual(cleared_place.recommendation_count, 2)
        self.assertEqual(cleared_place.recommendation_implementation_rate, 50)

    def test_officer_cannot_search_the_place_by_a_strict_recommendation(self):
        Place = self.env["npm.detention.place"].with_user(self.officer)
        self.assertFalse(
            Place.search(
                [
                    ("recommendation_ids", "in", self.strict.ids),
                    ("id", "=", self.place.id),
                ]
            )
        )
        self.assertEqual(
            self.env["npm.detention.place"]
            .with_user(self.cleared)
            .search([("recommendation_ids", "in", self.strict.ids)]),
            self.place,
        )

    def test_officer_pivot_leaves_out_strict_recommendations(self):
        groups = (
            self.env["npm.recommendation"]
            .with_user(self.officer)
            .read_group(
                [("place_id", "=", self.place.id)], ["implementation_rate:avg"], []
            )
        )
        self.assertEqual(groups[0]["__count"], 0)

    def test_officer_opens_no_attachment_of_a_strict_recommendation(self):
        attachment = self.env["ir.attachment"].create(
            {
                "name": "letter.txt",
                "raw": b"Letter of the ministry",
                "res_model": self.strict._name,
                "res_id": self.strict.id,
            }
        )
        with self.assertRaises(AccessError):
            attachment.with_user(self.officer).read(["raw"])
        self.assertTrue(attachment.with_user(self.cleared).read(["raw"]))

    def test_raising_the_sensitivity_unsubscribes_who_may_no_longer_read(self):
        recommendation = self._recommendation(issued=-5)
        recommendation.message_subscribe(
            partner_ids=(self.officer | self.cleared).partner_id.ids
        )
        recommendation.with_user(self.cleared).sensitivity = "strictly_confidential"
        followers = recommendation.message_partner_ids
        self.assertNotIn(self.officer.partner_id, followers)
        self.assertIn(self.cleared.partner_id, followers)
        recommendation.message_post(
            body="Strictly confidential detail",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        notified = self.env["mail.notification"].search(
            [("mail_message_id", "=", recommendation.message_ids[:1].id)]
        )
        self.assertNotIn(self.officer.partner_id, notified.res_partner_id)

    def test_a_strict_recommendation_cannot_be_shared(self):
        with self.assertRaises(ValidationError):
            self.strict.write(
                {
                    "partnership_ids": [fields.Command.set(self.following.ids)],
                    "share_with_cso": True,
                }
            )


class TestRecommendationRepetition(NpmRecommendationCase):
    def test_repeats_an_earlier_one_not_implemented(self):
        earlier = self._recommendation(issued=-400)
        later = self._recommendation(issued=-10)
        self.assertTrue(later.is_repeated)
        self.assertEqual(later.repeated_from_id, earlier)
        self.assertFalse(earlier.is_repeated)

    def test_a_draft_already_says_it_repeats(self):
        earlier = self._recommendation(issued=-400)
        draft = self._recommendation()
        self.assertEqual(draft.repeated_from_id, earlier)

    def test_not_repeated_once_the_earlier_one_is_implemented(self):
        earlier = self._recommendation(issued=-400)
        later = self._recommendation(issued=-10)
        self._followup(earlier, "implemented")
        self.assertFalse(later.is_repeated)
        self.assertFalse(later.repeated_from_id)
        self.assertEqual(
            self.env["npm.recommendation"].search(
                [("is_repeated", "=", True), ("id", "=", later.id)]
            ),
            self.env["npm.recommendation"],
        )

    def test_partially_implemented_still_counts(self):
        earlier = self._recommendation(issued=-400)
        self._followup(earlier, "partially_implemented")
        self.assertTrue(self._recommendation(issued=-10).is_repeated)

    def test_other_place_other_theme_or_same_report_do_not_repeat(self):
        self._recommendation(issued=-400)
        self.assertFalse(
            self._recommendation(place=self.other_place, issued=-10).is_repeated
        )
        self.assertFalse(
            self._recommendation(themes=self.conditions, issued=-10).is_repeated
        )
        same_day = self._recommendation(issued=-400)
        self.assertFalse(same_day.is_repeated)

    def test_a_common_theme_is_enough(self):
        self._recommendation(themes=self.health | self.safeguards, issued=-400)
        later = self._recommendation(themes=self.safeguards, issued=-10)
        self.assertTrue(later.is_repeated)

    def test_latest_earlier_one_is_linked(self):
        self._recommendation(issued=-800)
        middle = self._recommendation(issued=-400)
        self.assertEqual(self._recommendation(issued=-10).repeated_from_id, middle)

    def test_a_draft_earlier_one_does_not_count(self):
        self._recommendation(date_issued=self._days(-400))
        self.assertFalse(self._recommendation(issued=-10).is_repeated)

    def test_a_strict_earlier_one_is_not_named_to_officers(self):
        self._recommendation(issued=-400, sensitivity="strictly_confidential")
        self.assertFalse(self._recommendation(issued=-10).is_repeated)
        self.assertTrue(
            self._recommendation(
                issued=-10, sensitivity="strictly_confidential"
            ).is_repeated
        )


class TestRecommendationFollowup(NpmRecommendationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.recommendation = cls._recommendation(issued=-100, shared=True)

    def test_only_validated_followups_move_the_status(self):
        submitted = self._followup(self.recommendation, "implemented", validate=False)
        self.assertEqual(self.recommendation.implementation_status, "not_assessed")
        submitted.with_user(self.officer).action_dismiss(reason="Hearsay")
        self.assertEqual(self.recommendation.implementation_status, "not_assessed")
        self.assertEqual(submitted.dismiss_reason, "Hearsay")
        self.assertEqual(submitted.decided_by_id, self.officer)
        other = self._followup(self.recommendation, "in_progress", validate=False)
        other.with_user(self.officer).action_validate()
        self.assertEqual(self.recommendation.implementation_status, "in_progress")
        self.assertEqual(self.recommendation.implementation_rate, 0)

    def test_the_latest_validated_assessment_wins(self):
        self._followup(self.recommendation, "implemented", days=-5)
        self._followup(self.recommendation, "in_progress", days=-20)
        self.assertEqual(self.recommendation.implementation_status, "implemented")
        self.assertEqual(self.recommendation.implementation_rate, 100)

    def test_portal_expert_cannot_validate_or_dismiss(self):
        followup = self.env["npm.recommendation.followup"].browse(
            self.env["npm.recommendation.followup"]
            .with_user(self.portal_expert)
            .create(
                {"recommendation_id": self.recommendation.id, "observation": "Seen."}
            )
            .id
        )
        for user in (self.portal_expert, self.other_portal_expert, self.employee):
            for action in ("action_validate", "action_dismiss"):
                with (
                    self.subTest(user=user.login, action=action),
                    self.assertRaises(AccessError),
                ):
                    getattr(followup.with_user(user), action)()
        self.assertEqual(followup.state, "submitted")

    def test_a_decided_followup_is_final_and_kept(self):
        followup = self._followup(self.recommendation, "in_progress")
        with self.assertRaises(UserError):
            followup.with_user(self.manager).action_dismiss(reason="Changed my mind")
        with self.assertRaises(UserError):
            followup.with_user(self.manager).write({"observation": "Rewritten"})
        with self.assertRaises(UserError):
            followup.with_user(self.manager).unlink()
        with self.assertRaises(UserError):
            followup.with_user(self.officer).write({"decided_by_id": self.manager.id})

    def test_reason_and_state_are_not_written_by_hand(self):
        followup = self._followup(self.recommendation, "in_progress", validate=False)
        for vals in ({"state": "validated"}, {"dismiss_reason": "Because"}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                followup.with_user(self.officer).write(vals)

    def test_no_followup_on_a_draft_or_closed_recommendation(self):
        closed = self._recommendation(issued=-10)
        closed.action_close()
        for recommendation in (self._recommendation(), closed):
            with self.subTest(state=recommendation.state), self.assertRaises(UserError):
                self._followup(recommendation, "in_progress", validate=False)

    def test_a_followup_date_cannot_be_in_the_future(self):
        with self.assertRaises(ValidationError):
            self._followup(self.recommendation, "in_progress", days=3, validate=False)

    def test_wizard_dismisses_with_the_reason(self):
        followup = self._followup(self.recommendation, "implemented", validate=False)
        action = followup.with_user(self.officer).action_open_dismiss_wizard()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.officer)
            .with_context(**action["context"])
            .create({"reason": "  Not what we saw.  "})
        )
        wizard.action_dismiss()
        self.assertEqual(followup.state, "dismissed")
        self.assertEqual(followup.dismiss_reason, "Not what we saw.")

    def test_a_cso_observation_asks_the_officer_to_review_it(self):
        self.recommendation.user_id = self.officer
        Followup = self.env["npm.recommendation.followup"].with_user(self.portal_expert)
        first = Followup.create(
            {"recommendation_id": self.recommendation.id, "observation": "Seen."}
        )
        Followup.create(
            {"recommendation_id": self.recommendation.id, "observation": "Again."}
        )
        review = self.env.ref(REVIEW)
        activities = self.recommendation.activity_ids.filtered(
            lambda a: a.activity_type_id == review
        )
        self.assertEqual(activities.user_id, self.officer)
        self.assertEqual(len(activities), 1)
        first.with_user(self.officer).action_validate()
        self.assertTrue(activities.exists())
        second = self.recommendation.followup_ids.filtered(
            lambda f: f.state == "submitted"
        )
        second.with_user(self.officer).action_dismiss(reason="Duplicate")
        self.assertFalse(activities.exists())

    def test_counts_and_last_date(self):
        self._followup(self.recommendation, "in_progress", days=-9)
        self._followup(self.recommendation, "in_progress", days=-2, validate=False)
        recommendation = self.recommendation.with_user(self.officer)
        self.assertEqual(recommendation.followup_count, 2)
        self.assertEqual(recommendation.last_followup_date, self._days(-2))
        self.assertEqual(recommendation.submitted_followup_count, 1)


class TestRecommendationSharing(NpmRecommendationCase):
    def _releases(self, recommendation):
        return self.env["npm.information.release"].search(
            [
                ("res_model", "=", recommendation._name),
                ("res_id", "=", recommendation.id),
            ]
        )

    def test_a_draft_cannot_be_shared(self):
        with self.assertRaises(ValidationError):
            self._recommendation().write(
                {
                    "partnership_ids": [(6, 0, self.following.ids)],
                    "share_with_cso": True,
                }
            )

    def test_sharing_needs_a_partnership(self):
        with self.assertRaises(ValidationError):
            self._recommendation(issued=-5).write({"share_with_cso": True})

    def test_sharing_writes_one_release_line_per_cso(self):
        recommendation = self._recommendation(issued=-5)
        recommendation.with_user(self.officer).write(
            {
                "partnership_ids": [(6, 0, self.following.ids)],
                "share_with_cso": True,
            }
        )
        line = self._releases(recommendation)
        self.assertEqual(len(line), 1)
        self.assertEqual(line.partner_id, self.cso)
        self.assertEqual(line.cso_id, self.cso)
        self.assertEqual(line.release_type, "recommendation_shared")
        self.assertEqual(line.released_by_id, self.officer)
        self.assertEqual(line.record_ref, recommendation)
        # a CSO added later gets its line; the first one is not written again
        recommendation.with_user(self.officer).write(
            {"partnership_ids": [(4, self.other_following.id)]}
        )
        self.assertEqual(
            self._releases(recommendation).partner_id, self.cso | self.other_cso
        )
        recommendation.share_with_cso = False
        recommendation.share_with_cso = True
        self.assertEqual(len(self._releases(recommendation)), 2)

    def test_the_line_names_the_partnership_agreement(self):
        agreement = self.env["npm.cso.agreement"].create(
            {
                "name": "Confidentiality – follow-up",
                "agreement_type": "confidentiality",
                "partnership_id": self.following.id,
                "state": "signed",
            }
        )
        recommendation = self._recommendation(issued=-5, shared=True)
        self.assertEqual(self._releases(recommendation).agreement_id, agreement)

    def test_unshared_recommendations_write_no_line(self):
        recommendation = self._recommendation(issued=-5)
        recommendation.partnership_ids = self.following
        self.assertFalse(self._releases(recommendation))


class TestRecommendationPortal(NpmRecommendationCase):
    """Portal access, with the ORM (HTTP in test_recommendation_portal)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shared = cls._recommendation(issued=-30, shared=True)
        cls.unshared = cls._recommendation(issued=-30)
        cls.others = cls._recommendation(
            issued=-30, shared=True, partnerships=cls.other_following
        )
        cls.Recommendation = cls.env["npm.recommendation"]
        cls.Followup = cls.env["npm.recommendation.followup"]

    def _portal_ids(self, user):
        return set(self.Recommendation.with_user(user).search([]).ids)

    def test_each_expert_reads_what_is_shared_with_their_cso(self):
        self.assertEqual(self._portal_ids(self.portal_expert), {self.shared.id})
        self.assertEqual(self._portal_ids(self.other_portal_expert), {self.others.id})
        self.assertTrue(self.shared.with_user(self.portal_expert).read(["text"]))
        for record in (self.unshared, self.others):
            with self.assertRaises(AccessError):
                record.with_user(self.portal_expert).read(["text"])

    def test_no_undertaking_no_access(self):
        self.expert_undertaking.action_revoke(reason="Test")
        self.assertFalse(self._portal_ids(self.portal_expert))

    def test_a_closed_partnership_stops_the_access(self):
        self.following.action_close()
        self.assertFalse(self._portal_ids(self.portal_expert))

    def test_portal_reads_nothing_internal(self):
        record = self.shared.with_user(self.portal_expert)
        for fname in (
            "sensitivity",
            "finding_ids",
            "note",
            "partnership_ids",
            "user_id",
            "authority_response_text",
            "is_repeated",
        ):
            with self.subTest(field=fname), self.assertRaises(AccessError):
                record.read([fname])
            with self.subTest(search=fname), self.assertRaises(AccessError):
                self.Recommendation.with_user(self.portal_expert).search(
                    [(fname, "!=", False)]
                )
        values = record.read(["portal_place_name", "implementation_status"])[0]
        self.assertEqual(values["portal_place_name"], self.place.name)

    def test_portal_cannot_write_the_npm_fields(self):
        for vals in (
            {"text": "Rewritten"},
            {"due_date": self._days(300)},
            {"share_with_cso": False},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                self.shared.with_user(self.portal_expert).write(vals)
        with self.assertRaises(AccessError):
            self.Recommendation.with_user(self.portal_expert).create({"text": "Mine"})

    def test_expert_adds_an_observation_in_their_own_name_as_the_cso(self):
        followup = self.Followup.with_user(self.portal_expert).create(
            {
                "recommendation_id": self.shared.id,
                "observation": "Posters seen in the custody area.",
                "assessed_status": "in_progress",
                "source": "npm_visit",
            }
        )
        followup = followup.sudo()
        self.assertEqual(followup.source, "cso")
        self.assertEqual(followup.partner_id, self.cso_expert)
        self.assertEqual(followup.cso_id, self.cso)
        self.assertEqual(followup.state, "submitted")
        self.assertEqual(self.shared.implementation_status, "not_assessed")

    def test_expert_cannot_forge_a_decision(self):
        Followup = self.Followup.with_user(self.portal_expert)
        base = {"recommendation_id": self.shared.id, "observation": "Seen."}
        for vals in (
            {"state": "validated"},
            {"dismiss_reason": "None"},
            {"decided_by_id": self.officer.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                Followup.create({**base, **vals})
        with self.assertRaises(AccessError):
            Followup.create({**base, "partner_id": self.cso_colleague.id})

    def test_no_observation_on_what_is_not_shared_with_their_cso(self):
        for user, record in (
            (self.portal_expert, self.unshared),
            (self.portal_expert, self.others),
            (self.other_portal_expert, self.shared),
        ):
            with (
                self.subTest(user=user.login, record=record.name),
                self.assertRaises(UserError),
            ):
                self.Followup.with_user(user).create(
                    {"recommendation_id": record.id, "observation": "Seen."}
                )

    def test_expert_sees_the_fate_of_their_own_observations_only(self):
        mine = self.Followup.with_user(self.portal_expert).create(
            {"recommendation_id": self.shared.id, "observation": "Seen."}
        )
        npm = self._followup(self.shared, "in_progress", validate=False)
        mine.sudo().with_user(self.officer).action_dismiss(reason="Not confirmed")
        Followup = self.Followup.with_user(self.portal_expert)
        self.assertEqual(Followup.search([]), mine)
        values = mine.read(["state", "dismiss_reason"])[0]
        self.assertEqual(values["state"], "dismissed")
        self.assertEqual(values["dismiss_reason"], "Not confirmed")
        with self.assertRaises(AccessError):
            mine.read(["decided_by_id"])
        with self.assertRaises(AccessError):
            npm.with_user(self.portal_expert).read(["observation"])
        with self.assertRaises(AccessError):
            mine.write({"observation": "Changed"})
        with self.assertRaises(AccessError):
            mine.unlink()

    def test_portal_reads_no_chatter_note_of_the_recommendation(self):
        self.shared.message_post(body="NPM only: the director resists.")
        messages = (
            self.env["mail.message"]
            .with_user(self.portal_expert)
            .search(
                [("model", "=", self.shared._name), ("res_id", "=", self.shared.id)]
            )
        )
        self.assertNotIn("director", " ".join(messages.mapped("body")))

    def test_portal_counts_and_groups_only_what_it_reads(self):
        Recommendation = self.Recommendation.with_user(self.portal_expert)
        self.assertEqual(Recommendation.search_count([]), 1)
        groups = Recommendation.read_group([], ["__count"], ["implementation_status"])
        self.assertEqual(sum(g["implementation_status_count"] for g in groups), 1)
        with self.assertRaises(AccessError):
            Recommendation.read_group([], ["__count"], ["sensitivity"])

    def test_portal_opens_no_attachment_of_a_recommendation(self):
        attachment = self.env["ir.attachment"].create(
            {
                "name": "letter.txt",
                "raw": b"Letter of the ministry",
                "res_model": self.shared._name,
                "res_id": self.shared.id,
            }
        )
        with self.assertRaises(AccessError):
            attachment.with_user(self.portal_expert).read(["raw"])


class TestRecommendationOverdue(NpmRecommendationCase):
    def _overdue_activities(self, recommendation):
        activity_type = self.env.ref(OVERDUE)
        return recommendation.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )

    def test_the_officer_gets_one_activity_per_due_date(self):
        overdue = self._recommendation(
            issued=-100, due_date=self._days(-1), user_id=self.officer.id
        )
        on_time = self._recommendation(issued=-100, due_date=self._days(10))
        Recommendation = self.env["npm.recommendation"]
        Recommendation._cron_remind_overdue_recommendations()
        Recommendation._cron_remind_overdue_recommendations()
        self.assertEqual(self._overdue_activities(overdue).user_id, self.officer)
        self.assertEqual(len(self._overdue_activities(overdue)), 1)
        self.assertFalse(self._overdue_activities(on_time))
        # a new due date, passed again: a new reminder
        self._overdue_activities(overdue).action_feedback(feedback="Called")
        overdue.with_user(self.officer).due_date = self._days(-2)
        Recommendation._cron_remind_overdue_recommendations()
        self.assertEqual(len(self._overdue_activities(overdue)), 1)

    def test_implemented_or_closed_is_not_overdue(self):
        implemented = self._recommendation(issued=-100, due_date=self._days(-1))
        self._followup(implemented, "implemented")
        closed = self._recommendation(issued=-100, due_date=self._days(-1))
        closed.action_close()
        self.env["npm.recommendation"]._cron_remind_overdue_recommendations()
        self.assertFalse(implemented.is_overdue or closed.is_overdue)
        self.assertFalse(self._overdue_activities(implemented | closed))

    def test_a_strict_recommendation_goes_to_who_may_read_it(self):
        strict = self._recommendation(
            issued=-100,
            due_date=self._days(-1),
            sensitivity="strictly_confidential",
            user_id=self.officer.id,
        )
        self.env["npm.recommendation"]._cron_remind_overdue_recommendations()
        users = self._overdue_activities(strict).user_id
        self.assertTrue(users)
        self.assertNotIn(self.officer, users)
        self.assertIn(self.manager, users)


class TestRecommendationExport(NpmRecommendationCase, ExportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.visible = cls._recommendation(issued=-30, shared=True)
        cls._followup(cls.visible, "in_progress", days=-10)
        cls._followup(cls.visible, "in_progress", days=-3, validate=False)
        cls.strict = cls._recommendation(
            issued=-30,
            sensitivity="strictly_confidential",
            text='=HYPERLINK("http://x","click")',
        )

    def _window(self):
        # the demo data's recommendations are older
        return {"date_from": self._days(-35), "date_to": self._days(-25)}

    def test_officer_exports_what_they_read_with_followups(self):
        wizard, _action, content = self._export(
            self.officer, "recommendations", **self._window()
        )
        self.assertNoFormula(content)
        rows = self._records(self._sheet(content))
        self.assertEqual([row["Reference"] for row in rows], [self.visible.name])
        self.assertEqual(rows[0]["Follow-ups"], 2)
        self.assertIn(str(self._days(-3)), str(rows[0]["Last Follow-up"]))
        log = self.env["npm.cso.export.log"].search(
            [("user_id", "=", self.officer.id), ("report_type", "=", "recommendations")]
        )
        self.assertEqual(log.row_count, 1)
        self.assertEqual(wizard.row_count, 1)

    def test_cleared_staff_export_strict_ones_without_formulas(self):
        _wizard, _action, content = self._export(
            self.cleared, "recommendations", **self._window()
        )
        self.assertNoFormula(content)
        self.assertEqual(len(self._rows(self._sheet(content))), 2)

    def test_the_cso_filter_keeps_what_it_follows_up(self):
        _wizard, _action, content = self._export(
            self.manager, "recommendations", partner_id=self.cso.id
        )
        rows = self._records(self._sheet(content))
        self.assertEqual([row["Reference"] for row in rows], [self.visible.name])

    def test_outsiders_cannot_export(self):
        for user in (self.employee, self.portal_expert):
            with (
                self.subTest(user=user.login),
                self.assertRaises(AccessError),
                mute_logger(
                    "odoo.addons.npm_cso_cooperation.wizards.cso_export_wizard"
                ),
            ):
                self._export(user, "recommendations")


class TestRecommendationDemo(NpmRecommendationCase):
    """The demo data tells the story of the issue (when it is loaded)."""

    def test_demo_recommendations(self):
        demo = "npm_cso_cooperation.demo_rec_police_lawyer_2"
        if not self.env.ref(demo, raise_if_not_found=False):
            self.skipTest("the database has no demo data")
        recommendations = self.env["npm.recommendation"].search(
            [("id", "in", [self.env.ref(x).id for x in self._demo_xmlids()])]
        )
        self.assertEqual(len(recommendations), 12)
        self.assertEqual(len(recommendations.place_id), 2)
        self.assertEqual(
            len({r.date_issued.year for r in recommendations if r.date_issued}), 3
        )
        self.assertGreaterEqual(len(recommendations.filtered("is_repeated")), 3)
        cso_followups = recommendations.followup_ids.filtered(
            lambda f: f.source == "cso"
        )
        self.assertEqual(
            set(cso_followups.mapped("state")), {"submitted", "validated", "dismissed"}
        )
        expert = self.env.ref("npm_cso_cooperation.demo_user_expert")
        self.assertEqual(
            len(self.env["npm.recommendation"].with_user(expert).search([])), 4
        )

    def _demo_xmlids(self):
        return [
            f"npm_cso_cooperation.{data.name}"
            for data in self.env["ir.model.data"].search(
                [
                    ("module", "=", "npm_cso_cooperation"),
                    ("model", "=", "npm.recommendation"),
                    ("name", "=like", "demo_rec_%"),
                ]
            )
        ]
