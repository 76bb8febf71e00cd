# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, models, tools
from odoo.exceptions import AccessError

# What every record the portal reads needs, whatever its model.
PORTAL_COMMON_FIELDS = ("id", "display_name", "access_url")


class NpmPortalReadableMixin(models.AbstractModel):
    """The fields a portal expert may read: an allow-list per model.

    The record rules decide *which* records a CSO expert reads; on those
    records, the NPM keeps internal fields of its own (notes, reasons for a
    rejection or a revocation, who revoked, the identity of an interviewee,
    the sensitivity, the internal follow-up of an urgent finding, …). A model
    readable by the portal lists in ``_portal_readable_fields`` what its
    portal pages show (and what they sort and filter on); for portal (share)
    users every other field is refused, in one place: Odoo's field access
    check (``check_field_access_rights``), which guards ``read``,
    ``search_read``/``web_read``/``web_search_read``, the fields of a search
    domain, ``order``, ``read_group``/group-by, exports and templates reading
    a field. ``fields_get`` does not describe the other fields either, and the
    ORM does not prefetch them into the cache of a portal user.

    A new field is thus closed to the portal until someone decides to add it
    to the list. Internal users and superuser code are not affected.
    """

    _name = "npm.portal.readable.mixin"
    _description = "Fields Readable in the Portal"

    # Field names a portal user may read (PORTAL_COMMON_FIELDS are added).
    _portal_readable_fields = ()

    @api.model
    @tools.ormcache()
    def _npm_portal_readable_field_names(self):
        names = set(PORTAL_COMMON_FIELDS).union(self._portal_readable_fields)
        return frozenset(names.intersection(self._fields))

    def _npm_is_portal_reader(self):
        # A share user is one outside the internal users' group; the group
        # ids of a user are cached by Odoo, where ``share`` would load the
        # user's record at every request.
        return not self.env.su and not self.env.user.has_group("base.group_user")

    @api.model
    def check_field_access_rights(self, operation, field_names):
        checked = super().check_field_access_rights(operation, field_names)
        if operation != "read" or not self._npm_is_portal_reader():
            return checked
        allowed = self._npm_portal_readable_field_names()
        if not field_names:
            # "all fields" (read() without a list): all the portal may read
            return [name for name in checked if name in allowed]
        refused = [
            name for name in field_names if name in self._fields and name not in allowed
        ]
        if refused:
            raise AccessError(
                self.env._(
                    "You may not read %(fields)s of a %(model)s.",
                    fields=", ".join(sorted(refused)),
                    model=self._description,
                )
            )
        return checked

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        description = super().fields_get(allfields=allfields, attributes=attributes)
        if not self._npm_is_portal_reader():
            return description
        allowed = self._npm_portal_readable_field_names()
        return {name: value for name, value in description.items() if name in allowed}

    def _determine_fields_to_fetch(self, field_names, ignore_when_in_cache=False):
        # The fields asked for were checked; the ORM adds the stored fields
        # that computed ones depend on, to fetch them in the same query: for
        # the portal, not those it may not read (a computation that needs
        # them runs as superuser, like related fields, or is not readable).
        fields = super()._determine_fields_to_fetch(
            field_names, ignore_when_in_cache=ignore_when_in_cache
        )
        if not self._npm_is_portal_reader():
            return fields
        allowed = self._npm_portal_readable_field_names()
        return [field for field in fields if field.name in allowed]

    def _fetch_field(self, field):
        # Odoo prefetches every field of the prefetch group the user may
        # access; for the portal, only those it may read, so that no refused
        # value waits in the cache.
        if not self._npm_is_portal_reader():
            return super()._fetch_field(field)
        self.check_field_access_rights("read", [field.name])
        allowed = self._npm_portal_readable_field_names()
        fnames = [field.name]
        if self._context.get("prefetch_fields", True) and field.prefetch:
            fnames += [
                name
                for name, other in self._fields.items()
                if other.prefetch == field.prefetch
                and name in allowed
                and name != field.name
                and other.is_accessible(self.env)
            ]
        self.fetch(fnames)
