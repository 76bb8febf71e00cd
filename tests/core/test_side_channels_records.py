"""Side channel 0: the records themselves. The world of the side-channel
suite reads as the record rules say (``SideChannelCase.may_read``), so every
other channel is measured against the same answer."""

from odoo.exceptions import AccessError

from tests.core.side_channel_common import (
    MATERIAL_KINDS,
    SideChannelCase,
    generate_cells,
)


class TestSideChannelRecords(SideChannelCase):
    def _check_cell(self, channel, situation, role, allowed):
        kind = channel.removeprefix("record_")
        user = self.user_for(role, situation)
        record = self.material[kind, situation].with_user(user)
        try:
            found = record.search([("id", "=", record.id)])
        except AccessError:  # no access right on the model at all
            found = record.browse()
        if allowed:
            self.assertTrue(record.read(["name"]))
            self.assertEqual(found, record)
        else:
            with self.assertRaises(AccessError):
                record.read(["name"])
            self.assertFalse(found)


TABLE = {
    (f"record_{kind}", situation): outcomes
    for kind in MATERIAL_KINDS
    for situation, outcomes in SideChannelCase.expected(kind).items()
}
generate_cells(TestSideChannelRecords, TABLE)
