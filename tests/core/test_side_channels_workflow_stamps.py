"""Side channel 4 (issue 12): the workflow stamps of a decided agreement
cannot be emptied by hand either.

Setting who approved an agreement and when is refused to every role (the
buttons record it); emptying them would rewrite the record just as much:
an officer could erase who approved the MoU. Each cell writes ``False`` into
one stamp of an approved agreement as one role and asserts the refusal and
the stamp unchanged; the control re-sends the value the agreement holds (as
a form may), which changes nothing and passes.
"""

from odoo.exceptions import UserError

from tests.agreement_common import AgreementCase

STAMPS = ("submitted_by_id", "submitted_on", "approved_by_id", "approved_on")
STAMP_ROLES = ("officer", "cleared", "manager")


class TestWorkflowStampsEmptied(AgreementCase):
    def setUp(self):
        super().setUp()
        self.agreement = self.approved()
        self.assertTrue(all(self.agreement[stamp] for stamp in STAMPS))

    def _check_emptied(self, stamp, role):
        agreement = self.agreement.with_user(getattr(self, role))
        before = agreement[stamp]
        with self.assertRaises(UserError):
            agreement.write({stamp: False})
        self.assertEqual(agreement[stamp], before)

    def test_resending_the_stamp_held_changes_nothing(self):
        agreement = self.agreement.with_user(self.officer)
        held = agreement.approved_by_id
        agreement.write({"approved_by_id": held.id, "color": 4})
        self.assertEqual(agreement.approved_by_id, held)
        self.assertEqual(agreement.color, 4)


def _make_test(stamp, role):
    def test(self):
        self._check_emptied(stamp, role)

    test.__doc__ = f"{role} empties {stamp} of an approved agreement: refused"
    return test


for _stamp in STAMPS:
    for _role in STAMP_ROLES:
        setattr(
            TestWorkflowStampsEmptied,
            f"test_{_role}_empties_{_stamp}_refused",
            _make_test(_stamp, _role),
        )
