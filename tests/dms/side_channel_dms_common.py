"""The side-channel world of the document store (issue 12, channel 12).

``SideChannelCase`` (tests/core/side_channel_common.py) builds a finding and
a visit document per situation; here each of them also gets its store
folder and file, with what a cleared colleague left around them: a note in
the chatter of the folder and of the file, and an activity on the file.
Findings carry a photograph (so the store makes a thumbnail of it), visit
documents their PDF file.

Roles: those of the suite, and ``documents_user``, an internal user outside
the app who is a Documents user (OCA lets them create folders and files).

Who may read a store folder or file of visit material (see
tests/dms/test_dms_access_matrix.py): cleared staff and managers all of it,
officers all but strictly confidential material, nobody outside the NPM
(portal experts read visit material in the app's portal only, never in the
store).
"""

import base64
import io

from PIL import Image

from tests.core.side_channel_common import (
    MATERIAL_KINDS,
    ROLES,
    SITUATIONS,
    SideChannelCase,
)

from .common import NpmDmsCase

# The suite's roles, and an internal user outside the app who is a Documents
# user: OCA lets them create folders and files, so they probe names too.
DMS_ROLES = (*ROLES, "documents_user")


def png(colour):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, format="PNG")
    return buffer.getvalue()


class DmsSideChannelCase(SideChannelCase, NpmDmsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.documents_user = cls._new_user("t_documents", "dms.group_dms_user")
        cls.users = {**cls.users, "documents_user": cls.documents_user}
        cls.store_files = {}
        cls.store_folders = {}
        for index, ((kind, situation), record) in enumerate(cls.material.items()):
            if kind == "finding":
                attachment = cls.attach(
                    record,
                    f"photo of {situation} cell.png",
                    content=png((index * 20 % 256, 90, 160)),
                )
            else:
                attachment = cls.file_attachment(record)
            dms_file = cls.filed(attachment)
            assert len(dms_file) == 1, (kind, situation)
            cls.store_files[kind, situation] = dms_file
            cls.store_folders[kind, situation] = dms_file.directory_id
            for item in (dms_file.directory_id, dms_file):
                item.with_user(cls.cleared).message_post(
                    body=f"Informant of {situation} {item._name}: Mr Secret",
                    message_type="comment",
                    subtype_xmlid="mail.mt_note",
                )
            dms_file.with_user(cls.cleared).activity_schedule(
                "mail.mail_activity_data_todo",
                summary=f"Call the informant of {situation}",
                user_id=cls.cleared.id,
            )
        cls.visit_folders = {
            situation: cls.folder("record", visit)
            for situation, visit in cls.visits.items()
        }

    @classmethod
    def may_read_store(cls, role, situation):
        if role in ("cleared", "manager"):
            return True
        if role == "officer":
            return situation not in ("strict", "raised")
        return False

    @classmethod
    def store_expected(cls):
        return {
            situation: "".join(
                "A" if cls.may_read_store(role, situation) else "D"
                for role in DMS_ROLES
            )
            for situation in SITUATIONS
        }

    @classmethod
    def hidden_in(cls, container, role, situation):
        """The material folders of container that ``role`` may not read,
        according to the table (not to the code under test)."""
        return [
            (kind, other)
            for kind in MATERIAL_KINDS
            for other in SITUATIONS
            if cls.store_folders[kind, other].parent_id == container
            and not cls.may_read_store(role, other)
        ]

    def expected_aggregates(self, container, role, situation):
        """What a folder's counts and size must say to ``role``: everything
        in it (as superuser) less what the table hides from them."""
        Directory = self.Directory.sudo()
        DmsFile = self.DmsFile.sudo()
        hidden = self.hidden_in(container, role, situation)
        hidden_files = [self.store_files[key] for key in hidden]
        return {
            "count_directories": Directory.search_count(
                [("parent_id", "=", container.id)]
            )
            - len(hidden),
            "count_files": DmsFile.search_count([("directory_id", "=", container.id)]),
            "count_total_files": DmsFile.search_count(
                [("directory_id", "child_of", container.id)]
            )
            - len(hidden_files),
            "size": sum(
                DmsFile.search([("directory_id", "child_of", container.id)]).mapped(
                    "size"
                )
            )
            - sum(dms_file.size for dms_file in hidden_files),
        }

    @staticmethod
    def raw(dms_file):
        return base64.b64decode(dms_file.sudo().content)
