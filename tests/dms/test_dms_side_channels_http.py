"""Side channel 12 over HTTP: the routes that open store files and folders
(``/web/content``, ``/web/image``, OCA's portal ``/my/dms/...`` with or
without a share link, JSON-RPC on folders) tell nobody what the record rules
hide. Same world and letters as test_dms_side_channels.py."""

import base64

from odoo.tests import HttpCase
from odoo.tests.common import JsonRpcException

from tests.core.side_channel_common import generate_cells

from .side_channel_dms_common import DMS_ROLES, DmsSideChannelCase

EVERYONE_DENIED = "D" * len(DMS_ROLES)


class TestDmsSideChannelsHttp(DmsSideChannelCase, HttpCase):
    def _check_cell(self, channel, situation, role, allowed):
        kind, channel = channel.split("_", 1)
        user = self.user_for(role, situation)
        self.authenticate(user.login, user.login)
        getattr(self, f"_check_{channel}")(kind, situation, role, allowed)

    def _get(self, url):
        return self.url_open(url, timeout=30)

    def _check_web_content(self, kind, situation, role, allowed):
        dms_file = self.store_files[kind, situation]
        raw = self.raw(dms_file)
        response = self._get(f"/web/content/dms.file/{dms_file.id}/content")
        if allowed:
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response.content, raw)
        else:
            self.assertNotIn(raw, response.content)
            self.assertNotEqual(response.status_code, 200)

    def _check_web_image(self, kind, situation, role, allowed):
        """The store's thumbnail of a photograph: the photograph itself."""
        dms_file = self.store_files[kind, situation]
        for field in ("image_1920", "image_128"):
            thumbnail = base64.b64decode(dms_file.sudo()[field])
            self.assertTrue(thumbnail)
            response = self._get(f"/web/image/dms.file/{dms_file.id}/{field}")
            if allowed:
                self.assertEqual(response.content, thumbnail, field)
            else:
                self.assertNotEqual(response.content, thumbnail, field)
                self.assertNotIn(thumbnail, response.content, field)

    def _check_store_download(self, kind, situation, role, allowed):
        """OCA's portal download route, which decides on permission_read."""
        dms_file = self.store_files[kind, situation]
        raw = self.raw(dms_file)
        response = self._get(f"/my/dms/file/{dms_file.id}/download")
        if allowed:
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response.content, raw)
        else:
            self.assertNotIn(raw, response.content)

    def _check_share_link(self, kind, situation, role, allowed):
        """Share links (access tokens) of the file and of its folder read as
        superuser in OCA: in the cooperation store they open nothing, for
        nobody (those who may read use the links above, with their rights)."""
        dms_file = self.store_files[kind, situation]
        folder = self.store_folders[kind, situation]
        raw = self.raw(dms_file)
        file_token = dms_file.sudo()._portal_ensure_token()
        folder_token = folder.sudo()._portal_ensure_token()
        visit_token = folder.parent_id.sudo()._portal_ensure_token()
        for token in (file_token, folder_token, visit_token):
            response = self._get(
                f"/my/dms/file/{dms_file.id}/download?access_token={token}"
            )
            self.assertNotIn(raw, response.content)
        for directory, token in (
            (folder, folder_token),
            (folder.parent_id, visit_token),
        ):
            page = self._get(
                f"/my/dms/directory/{directory.id}?access_token={token}"
            ).text
            self.assertNotIn(f"/my/dms/file/{dms_file.id}/", page)
            self.assertNotIn(f"/my/dms/directory/{folder.id}?", page)
            self.assertNotIn(folder.name, page)

    def _check_mail_routes(self, kind, situation, role, allowed):
        """The chatter of a store folder and file, as the web client (and
        Discuss) loads it."""
        for item in (
            self.store_folders[kind, situation],
            self.store_files[kind, situation],
        ):
            thread = {"thread_model": item._name, "thread_id": item.id}
            try:
                messages = self.make_jsonrpc_request("/mail/thread/messages", thread)
            except JsonRpcException:
                messages = {}
            data = self.make_jsonrpc_request(
                "/mail/thread/data",
                {**thread, "request_list": ["activities", "attachments", "followers"]},
            )
            self.assertEqual("Mr Secret" in str(messages), allowed, item._name)
            if item._name == "dms.file":
                self.assertEqual("Call the informant" in str(data), allowed)
            if not allowed:
                self.assertNotIn(item.sudo().name, str(data) + str(messages))
                self.assertNotIn("T Cleared", str(data), "followers")

    def _call_kw(self, model, method, args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )

    def _check_rpc_folder(self, kind, situation, role, allowed):
        """The folder form of the visit, and a search on its subfolders, as
        the web client asks for them."""
        folder = self.store_folders[kind, situation]
        container = folder.parent_id
        fields = ["count_directories", "count_files", "count_total_files", "size"]
        found = self._call_kw(
            "dms.directory",
            "search_read",
            [[("child_directory_ids", "in", folder.ids)]],
            fields=["id"],
        )
        self.assertEqual(container.id in [row["id"] for row in found], allowed)
        if not self.may_read_store(role, "shared"):
            with self.assertRaises(JsonRpcException):
                self._call_kw("dms.directory", "read", [container.ids, fields])
            return
        [values] = self._call_kw(
            "dms.directory",
            "web_read",
            [container.ids],
            specification={
                **{field: {} for field in fields},
                "child_directory_ids": {"fields": {"display_name": {}}},
                "file_ids": {"fields": {"display_name": {}}},
            },
        )
        expected = self.expected_aggregates(container, role, situation)
        self.assertEqual({field: values[field] for field in fields}, expected)
        children = {
            row["id"]: row["display_name"] for row in values["child_directory_ids"]
        }
        self.assertEqual(folder.id in children, allowed)
        self.assertEqual(folder.name in str(children), allowed)


TABLE = {}
for _situation, _outcomes in DmsSideChannelCase.store_expected().items():
    for _kind in ("finding", "document"):
        TABLE[f"{_kind}_web_content", _situation] = _outcomes
        TABLE[f"{_kind}_store_download", _situation] = _outcomes
        TABLE[f"{_kind}_rpc_folder", _situation] = _outcomes
        TABLE[f"{_kind}_mail_routes", _situation] = _outcomes
    TABLE["finding_web_image", _situation] = _outcomes
    TABLE["document_share_link", _situation] = EVERYONE_DENIED
generate_cells(TestDmsSideChannelsHttp, TABLE, roles=DMS_ROLES)
