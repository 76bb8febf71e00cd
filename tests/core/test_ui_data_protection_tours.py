"""The acknowledgment of the data-protection notice in a real browser
(issue 17): the CSO expert follows the portal banner, reads the new version,
ticks and confirms."""

from tests.common import NpmHttpCase
from tests.core.visit_common import NpmVisitCase


class TestDataProtectionTour(NpmVisitCase, NpmHttpCase):
    def test_expert_acknowledges_the_new_notice_in_the_portal(self):
        notice = (
            self.env["npm.data.protection.notice"]
            .with_user(self.manager)
            .create(
                {
                    "name": "Tour notice",
                    "body": "<p>Tour notice, version two: what we protect.</p>",
                }
            )
        )
        notice.action_publish()
        self.start_tour("/my", "npm_expert_data_protection_tour", login="t_portal")
        ack = self.env["npm.data.protection.acknowledgment"].search(
            [("notice_id", "=", notice.id)]
        )
        self.assertEqual(ack.partner_id, self.cso_expert)
        self.assertEqual(ack.channel, "portal")
        self.assertEqual(ack.acknowledged_by, self.portal_expert)
