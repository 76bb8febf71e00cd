"""Side channel 12: the document store tells nobody what its record rules
hide (issue 12), over the ORM. The HTTP routes are in
test_dms_side_channels_http.py.

A table of role × channel × situation (see tests/core/side_channel_common.py
for the letters). ``A`` cells are the controls: someone who may read the
store folder or file learns about it through the channel.
"""

from odoo.exceptions import AccessError, UserError

from tests.core.side_channel_common import MATERIAL_KINDS, generate_cells

from .side_channel_dms_common import DMS_ROLES, DmsSideChannelCase

# Non-column fields: Odoo reads them without a query on the table, trusting
# check_access() (which OCA's filtered_domain() hack defeats).
FILE_COMPUTED = [
    "path_names",
    "path_json",
    "image_128",
    "tag_ids",
    "message_ids",
    "message_follower_ids",
    "activity_ids",
    "permission_read",
]
FOLDER_COMPUTED = [
    "size",
    "human_size",
    "count_files",
    "count_total_files",
    "message_ids",
    "message_follower_ids",
]
EVERYONE_DENIED = "D" * len(DMS_ROLES)
# (only NPM staff may create folders and material of a visit)
STAFF_DENIED = "...DDD."
assert DMS_ROLES[3:6] == ("officer", "cleared", "manager")


class TestDmsSideChannels(DmsSideChannelCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A tag per piece of material: the store's search panel counts them.
        category = cls.env["dms.category"].create({"name": "Evidence"})
        cls.tags = {}
        for key, dms_file in cls.store_files.items():
            tag = cls.env["dms.tag"].create(
                {"name": " ".join(key), "category_id": category.id}
            )
            dms_file.tag_ids = tag
            cls.tags[key] = tag

    def _check_cell(self, channel, situation, role, allowed):
        kind, channel = channel.split("_", 1)
        user = self.user_for(role, situation)
        getattr(self, f"_check_{channel}")(kind, situation, role, user, allowed)

    # --- a folder's counts and size ------------------------------------------

    def _check_counts(self, kind, situation, role, user, allowed):
        """The counts and size of the visit folder that holds the material's
        folder, as the folder form and OCA's portal show them."""
        container = self.store_folders[kind, situation].parent_id
        self.assertEqual(container, self.visit_folders[situation])
        # Superuser code earlier in the same transaction (the filing, OCA's
        # name checks) fills the shared cache with every subfolder and file.
        self.env.invalidate_all()
        container.sudo().child_directory_ids.file_ids.mapped("size")
        container.sudo().file_ids.mapped("size")
        folder = container.with_user(user)
        fields = ["count_directories", "count_files", "count_total_files", "size"]
        if not self.may_read_store(role, "shared"):
            # not even the visit's folder: nothing of it is read
            for field in fields:
                with self.assertRaises(AccessError):
                    folder.read([field])
            return
        values = folder.read(fields)[0]
        expected = self.expected_aggregates(container, role, situation)
        self.assertEqual({field: values[field] for field in fields}, expected)
        self.assertEqual(
            folder.count_elements,
            expected["count_directories"] + expected["count_files"],
        )

    # --- non-column fields of the folder and file -------------------------------

    def _check_computed(self, kind, situation, role, user, allowed):
        dms_file = self.store_files[kind, situation].with_user(user)
        folder = self.store_folders[kind, situation].with_user(user)
        self.env.invalidate_all()
        if allowed:
            values = dms_file.read(FILE_COMPUTED)[0]
            self.assertIn(dms_file.sudo().name, values["path_names"])
            self.assertTrue(values["message_ids"])
            self.assertTrue(values["activity_ids"])
            values = folder.read(FOLDER_COMPUTED)[0]
            self.assertEqual(values["count_files"], 1)
            self.assertEqual(values["size"], dms_file.sudo().size)
            return
        for record, fields in ((dms_file, FILE_COMPUTED), (folder, FOLDER_COMPUTED)):
            for field in fields:
                self.env.invalidate_all()
                with self.assertRaises(AccessError, msg=field):
                    record.read([field])

    # --- searches ---------------------------------------------------------------

    def _search_probes(self, kind, situation):
        """(model, domain, record the domain points at) of searches that
        would confirm a folder or file exists, where, and under which name."""
        folder = self.store_folders[kind, situation]
        dms_file = self.store_files[kind, situation]
        record = self.material[kind, situation]
        container = folder.parent_id
        return [
            ("dms.directory", [("child_directory_ids", "in", folder.ids)], container),
            ("dms.directory", [("child_directory_ids", "=", folder.id)], container),
            (
                "dms.directory",
                [("child_directory_ids.name", "=", folder.name)],
                container,
            ),
            ("dms.directory", [("file_ids", "in", dms_file.ids)], folder),
            ("dms.directory", [("file_ids", "!=", False)], folder),
            ("dms.directory", [("name", "=", folder.name)], folder),
            (
                "dms.directory",
                [("res_model", "=", record._name), ("res_id", "=", record.id)],
                folder,
            ),
            ("dms.directory", [("parent_id", "=", container.id)], folder),
            ("dms.file", [("name", "=", dms_file.name)], dms_file),
            (
                "dms.file",
                [("res_model", "=", record._name), ("res_id", "=", record.id)],
                dms_file,
            ),
            ("dms.file", [("directory_id", "=", folder.id)], dms_file),
            ("dms.file", [("size", "=", dms_file.size)], dms_file),
            ("dms.file", [("directory_id.name", "=", folder.name)], dms_file),
        ]

    def _check_search(self, kind, situation, role, user, allowed):
        for model, domain, target in self._search_probes(kind, situation):
            Model = self.env[model].with_user(user)
            found = Model.search(domain)
            self.assertEqual(target in found, allowed, f"{model} {domain}")
            self.assertEqual(
                bool(Model.search_count(domain + [("id", "=", target.id)])),
                allowed,
                f"{model} {domain}",
            )

    def _check_group(self, kind, situation, role, user, allowed):
        """Grouped lists and name searches (the store's list views, the
        search panel, a many2one's autocompletion)."""
        folder = self.store_folders[kind, situation]
        dms_file = self.store_files[kind, situation]
        groups = self.DmsFile.with_user(user).read_group(
            [], ["size:sum"], ["directory_id"]
        )
        self.assertEqual(
            any(group["directory_id"][0] == folder.id for group in groups), allowed
        )
        groups = self.Directory.with_user(user).read_group([], [], ["parent_id"])
        counted = sum(
            group["parent_id_count"]
            for group in groups
            if group["parent_id"] and group["parent_id"][0] == folder.parent_id.id
        )
        hidden = self.hidden_in(folder.parent_id, role, situation)
        if self.may_read_store(role, "shared"):
            total = self.Directory.search_count(
                [("parent_id", "=", folder.parent_id.id)]
            )
            self.assertEqual(counted, total - len(hidden))
        else:
            self.assertFalse(counted)
        panel = self.DmsFile.with_user(user).search_panel_select_range(
            "directory_id", enable_counters=True
        )
        self.assertEqual(
            folder.id in [value["id"] for value in panel["values"]], allowed
        )
        tag = self.tags[kind, situation]
        for kwargs in ({}, {"search_domain": [("directory_id", "=", folder.id)]}):
            rows = self.DmsFile.with_user(user).search_panel_select_multi_range(
                "tag_ids", **kwargs
            )
            count = sum(row["count"] for row in rows if row["id"] == tag.id)
            self.assertEqual(count, 1 if allowed else 0, kwargs)
        for Model, name, target in (
            (self.DmsFile, dms_file.name, dms_file),
            (self.Directory, folder.name, folder),
        ):
            found = [
                item_id for item_id, _label in Model.with_user(user).name_search(name)
            ]
            self.assertEqual(target.id in found, allowed)

    # --- the chatter and activities of folders and files -------------------------

    def _check_chatter(self, kind, situation, role, user, allowed):
        Message = self.env["mail.message"].with_user(user)
        for item in (
            self.store_folders[kind, situation],
            self.store_files[kind, situation],
        ):
            note = self.env["mail.message"].search(
                [
                    ("model", "=", item._name),
                    ("res_id", "=", item.id),
                    ("body", "ilike", "Mr Secret"),
                ]
            )
            self.assertEqual(len(note), 1)
            found = Message.search(
                [("model", "=", item._name), ("res_id", "=", item.id)]
            )
            self.assertEqual(note in found, allowed)
            self.assertEqual(
                bool(
                    Message.search(
                        [("body", "ilike", f"Informant of {situation} {item._name}")]
                    )
                ),
                allowed,
            )
            if allowed:
                self.assertIn(
                    "Mr Secret", note.with_user(user).read(["body"])[0]["body"]
                )
            else:
                with self.assertRaises(AccessError):
                    note.with_user(user).read(["body"])

    def _check_activities(self, kind, situation, role, user, allowed):
        dms_file = self.store_files[kind, situation]
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "dms.file"), ("res_id", "=", dms_file.id)]
        )
        self.assertEqual(len(activity), 1)
        Activity = self.env["mail.activity"].with_user(user)
        try:
            found = Activity.search(
                [("res_model", "=", "dms.file"), ("res_id", "=", dms_file.id)]
            )
        except AccessError:  # portal users have no activities at all
            found = Activity.browse()
        self.assertEqual(activity in found, allowed)
        if allowed:
            self.assertIn("informant", activity.with_user(user).summary)
        else:
            with self.assertRaises(AccessError):
                activity.with_user(user).read(["summary", "res_name"])

    def _check_followers(self, kind, situation, role, user, allowed):
        """Follower rows name who follows a folder or file: searched or read
        by id, they exist only for those who may read it."""
        Followers = self.env["mail.followers"]
        for item in (
            self.store_folders[kind, situation],
            self.store_files[kind, situation],
        ):
            item.message_subscribe(partner_ids=self.cleared.partner_id.ids)
            domain = [("res_model", "=", item._name), ("res_id", "=", item.id)]
            rows = Followers.search(domain)
            self.assertTrue(rows)
            try:
                found = Followers.with_user(user).search(domain)
            except AccessError:
                found = Followers.browse()
            self.assertEqual(bool(found), allowed)
            if allowed:
                self.assertTrue(rows.with_user(user).read(["partner_id"]))
            else:
                with self.assertRaises(AccessError):
                    rows.with_user(user).read(["partner_id"])

    def _check_debug_error(self, kind, situation, role, user, allowed):
        """In debug mode Odoo's refusals list the refused records by name:
        a store folder or file is named after the material it holds."""
        user.groups_id = [(4, self.env.ref("base.group_no_one").id)]
        for item in (
            self.store_folders[kind, situation],
            self.store_files[kind, situation],
        ):
            as_user = item.with_user(user)
            if allowed:
                self.assertTrue(as_user.read(["name"]))
                continue
            with self.assertRaises(AccessError) as caught:
                as_user.read(["name"])
            self.assertNotIn(item.sudo().name, str(caught.exception))
            self.assertNotIn(self.material[kind, situation].name, str(caught.exception))

    # --- names: refusals and the names the app chooses ---------------------------

    def _folder_vals(self, name, parent, record):
        return {
            "name": name,
            "parent_id": parent.id,
            "res_model": record._name,
            "res_id": record.id,
            "model_id": self.env["ir.model"]._get_id(record._name),
        }

    def _check_namesake_folder(self, kind, situation, role, user, allowed):
        """A folder of the same record under the same name: refused as a
        duplicate only to someone who may read the one already there."""
        folder = self.store_folders[kind, situation]
        record = self.material[kind, situation]
        vals = self._folder_vals(folder.name, folder.parent_id, record)
        with (
            self.assertRaises(UserError) as caught,
            self.env.cr.savepoint(),
        ):
            self.Directory.with_user(user).create(vals)
        clash = "same name" in str(caught.exception)
        self.assertEqual(clash, allowed, str(caught.exception))
        if not allowed:
            self.assertIsInstance(caught.exception, AccessError)

    def _check_namesake_file(self, kind, situation, role, user, allowed):
        dms_file = self.store_files[kind, situation]
        vals = {
            "name": dms_file.name,
            "directory_id": dms_file.directory_id.id,
            "content": self.b64(b"%PDF-1.4 probe"),
        }
        with (
            self.assertRaises(UserError) as caught,
            self.env.cr.savepoint(),
        ):
            self.DmsFile.with_user(user).create(vals)
        clash = "same name" in str(caught.exception)
        self.assertEqual(clash, allowed, str(caught.exception))
        if not allowed:
            self.assertIsInstance(caught.exception, AccessError)

    def _check_name_beside(self, kind, situation, role, user, allowed):
        """A folder of the visit, beside the material's, under its name: the
        name is free (it belongs to another record), whoever asks, so that the
        answer tells nothing."""
        folder = self.store_folders[kind, situation]
        visit = self.visits[situation]
        vals = self._folder_vals(folder.name, folder.parent_id, visit)
        with self.env.cr.savepoint() as savepoint:
            created = self.Directory.with_user(user).create(vals)
            self.assertEqual(created.name, folder.name)
            savepoint.rollback()
        # renaming a folder of the visit into that name: free as well
        with self.env.cr.savepoint() as savepoint:
            other = self.Directory.with_user(user).create(
                self._folder_vals("Photographs", folder.parent_id, visit)
            )
            other.name = folder.sudo().name
            self.assertEqual(other.name, folder.sudo().name)
            savepoint.rollback()

    def _check_name_given(self, kind, situation, role, user, allowed):
        """The folder the app makes for new material named like the hidden
        one keeps that name: a changed name (“…(1)”) would tell that the
        visit holds material of that title."""
        record = self.material[kind, situation]
        visit = self.visits[situation]
        with self.env.cr.savepoint() as savepoint:
            if kind == "finding":
                namesake = (
                    self.env["npm.visit.finding"]
                    .with_user(user)
                    .create(
                        {
                            "visit_id": visit.id,
                            "name": record.sudo().name,
                            "sensitivity": "internal",
                        }
                    )
                )
                self.attach(namesake, "notes.pdf", user=user)
            else:
                namesake = self._document(
                    visit, "internal", user=user, name=record.sudo().name
                )
            given = self.folder("record", namesake)
            self.assertEqual(given.name, self.store_folders[kind, situation].name)
            savepoint.rollback()

    def _check_copy(self, kind, situation, role, user, allowed):
        """Copies are refused (a store folder follows its record), and the
        name a copy would get (“…(1)”) is never computed."""
        for item in (
            self.store_folders[kind, situation],
            self.store_files[kind, situation],
        ):
            with self.assertRaises(UserError) as caught, self.env.cr.savepoint():
                item.with_user(user).copy()
            self.assertNotIn(item.sudo().name, str(caught.exception))


STORE = DmsSideChannelCase.store_expected()
TABLE = {}
for _kind in MATERIAL_KINDS:
    for _situation, _outcomes in STORE.items():
        for _channel in (
            "counts",
            "computed",
            "search",
            "group",
            "chatter",
            "activities",
            "followers",
            "debug_error",
            "namesake_folder",
            "namesake_file",
        ):
            TABLE[f"{_kind}_{_channel}", _situation] = _outcomes
        TABLE[f"{_kind}_name_beside", _situation] = STAFF_DENIED
        TABLE[f"{_kind}_name_given", _situation] = STAFF_DENIED
        TABLE[f"{_kind}_copy", _situation] = EVERYONE_DENIED
generate_cells(TestDmsSideChannels, TABLE, roles=DMS_ROLES)
