# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
"""The CSO expert's side of the cooperation, under /my.

Every page answers to the logged-in user's access rights and record rules
(``_document_check_access`` without a token, then the records are read in the
user's own environment): a visit, undertaking or request that is not theirs
answers 404, exactly as one that does not exist. No route accepts an access
token. Forms post with Odoo's CSRF token; the signature is sent by Odoo's
signature widget as JSON, which browsers cannot send cross-site without a
CORS pre-flight.
"""

from werkzeug.exceptions import NotFound

from odoo import Command, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools import format_date

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..tools import npm_today

UNDERTAKING = "npm.confidentiality.undertaking"
VISIT = "npm.joint.visit"
FINDING = "npm.visit.finding"
DOCUMENT = "npm.visit.document"
INFO_REQUEST = "npm.info.use.request"
RECOMMENDATION = "npm.recommendation"
FOLLOWUP = "npm.recommendation.followup"


class NpmCsoPortal(CustomerPortal):
    # ------------------------------------------------------------------
    # Home
    # ------------------------------------------------------------------
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        domains = {
            "npm_visit_count": (VISIT, self._npm_visit_domain()),
            "npm_undertaking_count": (UNDERTAKING, self._npm_undertaking_domain()),
            "npm_undertaking_to_sign_count": (
                UNDERTAKING,
                self._npm_undertaking_domain() + [("state", "=", "draft")],
            ),
            "npm_request_count": (INFO_REQUEST, self._npm_request_domain()),
            "npm_recommendation_count": (
                RECOMMENDATION,
                self._npm_recommendation_domain(),
            ),
        }
        for counter, (model, domain) in domains.items():
            if counter in counters:
                records = request.env[model]
                values[counter] = (
                    records.search_count(domain) if records.has_access("read") else 0
                )
        return values

    @http.route()
    def home(self, **kw):
        response = super().home(**kw)
        # The alert says how many undertakings wait for the expert's signature
        # in words that agree with the number ("1 … undertaking", "2 …
        # undertakings"), so it is rendered here rather than filled in by the
        # counters' script, which can only write the number.
        response.qcontext["npm_to_sign_count"] = self._npm_to_sign_count()
        return response

    def _npm_to_sign_count(self):
        """How many of the user's undertakings wait for their signature,
        counted with the user's own rights."""
        Undertaking = request.env[UNDERTAKING]
        if not Undertaking.has_access("read"):
            return 0
        return Undertaking.search_count(
            self._npm_undertaking_domain() + [("state", "=", "draft")]
        )

    def _npm_partner(self):
        return request.env.user.partner_id

    def _npm_visit_domain(self):
        # The record rules decide which visits a CSO expert may read (member
        # of the team and covered by an undertaking); this only keeps, for
        # internal users who open /my, the visits they are a member of.
        return [("member_ids.partner_id", "=", self._npm_partner().id)]

    def _npm_undertaking_domain(self):
        return [("partner_id", "=", self._npm_partner().id)]

    def _npm_request_domain(self):
        return [("partner_id", "=", self._npm_partner().id)]

    def _npm_recommendation_domain(self):
        # The record rule decides (shared with the user's CSO, covered by an
        # undertaking); the same field keeps internal users who open /my to
        # what their CSO would read, i.e. nothing.
        return [("is_portal_readable", "=", True)]

    def _npm_get_record(self, model, record_id):
        """The record, in the user's environment, or 404.

        A record that does not exist and one the user may not read answer the
        same, so that ids cannot be probed.
        """
        try:
            self._document_check_access(model, record_id)
        except (AccessError, MissingError) as error:
            raise NotFound() from error
        return request.env[model].browse(record_id)

    def _npm_record_pager(self, record, history_key):
        """Previous and next record of the last list the user opened.

        Odoo's ``get_records_pager`` adds access tokens to the links; these
        records have none, so the links are the plain portal URLs.
        """
        history = request.session.get(history_key, [])
        if record.id not in history:
            return {}
        index = history.index(record.id)
        neighbours = {
            "prev_record": history[index - 1] if index > 0 else None,
            "next_record": history[index + 1] if index + 1 < len(history) else None,
        }
        return {
            key: record.browse(record_id).access_url if record_id else False
            for key, record_id in neighbours.items()
        }

    def _npm_list_values(self, model, domain, url, page, sortby, sortings, page_name):
        records = request.env[model]
        sortby = sortby if sortby in sortings else next(iter(sortings))
        pager = portal_pager(
            url=url,
            total=records.search_count(domain),
            page=page,
            step=self._items_per_page,
            url_args={"sortby": sortby},
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "records": records.search(
                    domain,
                    order=sortings[sortby]["order"],
                    limit=self._items_per_page,
                    offset=pager["offset"],
                ),
                "pager": pager,
                "page_name": page_name,
                "default_url": url,
                "sortby": sortby,
                "searchbar_sortings": sortings,
            }
        )
        return values

    # ------------------------------------------------------------------
    # Undertakings
    # ------------------------------------------------------------------
    @http.route(
        ["/my/undertakings", "/my/undertakings/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_undertakings(self, page=1, sortby=None, **kw):
        env = request.env
        sortings = {
            "date": {"label": env._("Newest"), "order": "create_date desc, id desc"},
            "expiry": {"label": env._("Expiry date"), "order": "date_expiry, id"},
            "state": {"label": env._("Status"), "order": "state, id desc"},
        }
        values = self._npm_list_values(
            UNDERTAKING,
            self._npm_undertaking_domain(),
            "/my/undertakings",
            page,
            sortby,
            sortings,
            "npm_undertaking",
        )
        request.session["my_npm_undertakings_history"] = values["records"].ids[:100]
        values["valid_until"] = self._npm_valid_until(values["records"])
        values["to_sign_count"] = self._npm_to_sign_count()
        return request.render("npm_cso_cooperation.portal_my_undertakings", values)

    @http.route(
        "/my/undertakings/<int:undertaking_id>", type="http", auth="user", website=True
    )
    def portal_undertaking_page(self, undertaking_id, message=None, **kw):
        undertaking = self._npm_get_record(UNDERTAKING, undertaking_id)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "undertaking": undertaking,
                "page_name": "npm_undertaking",
                "message": message,
                "can_sign": undertaking.state == "draft"
                and undertaking.partner_id == self._npm_partner(),
                "valid_until": self._npm_valid_until(undertaking),
            }
        )
        values.update(
            self._npm_record_pager(undertaking, "my_npm_undertakings_history")
        )
        return request.render("npm_cso_cooperation.portal_undertaking_page", values)

    @http.route(
        "/my/undertakings/<int:undertaking_id>/sign",
        type="json",
        auth="user",
        website=True,
    )
    def portal_undertaking_sign(self, undertaking_id, name=None, signature=None):
        try:
            undertaking_sudo = self._document_check_access(UNDERTAKING, undertaking_id)
        except (AccessError, MissingError):
            return {"error": request.env._("This undertaking is not yours to sign.")}
        try:
            # sudo (from _document_check_access): the expert may read this
            # undertaking; _portal_sign lets only the person it names sign it,
            # only while it is a draft, and writes nothing but the signature.
            undertaking_sudo._portal_sign(self._npm_partner(), name, signature)
        except (UserError, ValidationError) as error:
            return {"error": error.args[0]}
        return {
            "force_refresh": True,
            "redirect_url": undertaking_sudo.get_portal_url(
                query_string="message=signed"
            ),
        }

    @http.route(
        "/my/undertakings/<int:undertaking_id>/signed-copy",
        type="http",
        auth="user",
        website=True,
    )
    def portal_undertaking_signed_copy(self, undertaking_id, **kw):
        undertaking = self._npm_get_record(UNDERTAKING, undertaking_id)
        if not undertaking.signed_copy:
            raise NotFound()
        # Read as the user, who may read this undertaking and its fields.
        stream = request.env["ir.binary"]._get_stream_from(
            undertaking, "signed_copy", filename_field="signed_copy_filename"
        )
        return stream.get_response(as_attachment=True)

    def _npm_valid_until(self, undertakings):
        """The last day each undertaking is valid, as the user reads dates:
        ``{id: text}`` (empty when it has no end).

        A general undertaking is valid until its expiry date, if any; one for
        a single joint visit until the visit's last day (or its own expiry
        date, if that comes first).
        """
        valid_until = {}
        for undertaking in undertakings:
            last_day = undertaking.date_expiry
            if undertaking.scope == "visit" and undertaking.visit_id:
                # sudo: the last day of the one visit this undertaking names.
                # The undertakings were read in the user's environment (their
                # own); the visit opens to them only once the undertaking
                # covers them, but they must know until when they undertake
                # before they sign, as they know its reference
                # (portal_visit_name). Only this date is read.
                visit_end = undertaking.visit_id.sudo().date_end
                last_day = min(last_day, visit_end) if last_day else visit_end
            valid_until[undertaking.id] = (
                format_date(request.env, last_day) if last_day else ""
            )
        return valid_until

    # ------------------------------------------------------------------
    # Joint visits
    # ------------------------------------------------------------------
    @http.route(
        ["/my/visits", "/my/visits/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_visits(self, page=1, sortby=None, **kw):
        env = request.env
        sortings = {
            "date": {"label": env._("Visit date"), "order": "date_start desc, id desc"},
            "name": {"label": env._("Reference"), "order": "name desc, id desc"},
            "state": {"label": env._("Status"), "order": "state, date_start desc"},
        }
        values = self._npm_list_values(
            VISIT,
            self._npm_visit_domain(),
            "/my/visits",
            page,
            sortby,
            sortings,
            "npm_visit",
        )
        request.session["my_npm_visits_history"] = values["records"].ids[:100]
        values["my_roles"] = self._npm_my_roles(values["records"])
        return request.render("npm_cso_cooperation.portal_my_visits", values)

    def _npm_my_roles(self, visits):
        """The user's role(s) on each of ``visits``: ``{visit id: text}``,
        from their own team lines, searched with their rights."""
        Member = request.env["npm.joint.visit.member"]
        roles = {}
        if not visits or not Member.has_access("read"):
            return roles
        labels = dict(Member._fields["role"]._description_selection(request.env))
        members = Member.search(
            [
                ("visit_id", "in", visits.ids),
                ("partner_id", "=", self._npm_partner().id),
            ],
            order="sequence, id",
        )
        for member in members:
            roles.setdefault(member.visit_id.id, []).append(labels[member.role])
        return {visit_id: ", ".join(names) for visit_id, names in roles.items()}

    def _npm_visit_contact(self, visit):
        """Whom the expert reaches about ``visit``, for a visit the user may
        read (checked here): ``{"head": bool, "name", "email", "phone"}``, or
        ``{}`` while the team has no head.

        Until its last day, the head of delegation: the CSO members must know
        who leads the delegation and how to reach them (the agreed roles, the
        urgent-action protocol). Once the visit is over (or cancelled), the
        NPM itself: the head's own e-mail and phone are given for the visit,
        not for ever, and the follow-up goes through the NPM.

        The head is NPM staff: a portal user may read no partner but their
        own (Odoo's portal rule on res.partner), and the head is not among the
        visit's portal-readable fields; hence the reads below as superuser.
        """
        if not visit.has_access("read"):
            return {}
        # sudo: after the check above, on this one visit only, exactly the
        # name, e-mail and phone of its head (whom its CSO members are told
        # anyway) or of the NPM that runs it; nothing else of the partner or
        # of the visit reaches the page.
        visit_sudo = visit.sudo()
        last_day = visit_sudo.date_end or visit_sudo.date_start
        over = visit_sudo.state in ("done", "reported", "closed", "cancelled") or (
            last_day and last_day < npm_today(request.env, visit_sudo.company_id)
        )
        if over:
            contact = visit_sudo.company_id.partner_id
        else:
            contact = visit_sudo.head_partner_id
        if not contact:
            return {}
        return {
            "head": not over,
            "name": contact.name,
            "email": contact.email or "",
            "phone": contact.phone or contact.mobile or "",
        }

    @http.route("/my/visits/<int:visit_id>", type="http", auth="user", website=True)
    def portal_visit_page(self, visit_id, message=None, **kw):
        visit = self._npm_get_record(VISIT, visit_id)
        values = self._npm_visit_page_values(visit)
        values["message"] = message
        return request.render("npm_cso_cooperation.portal_visit_page", values)

    def _npm_visit_page_values(self, visit, error=None, form=None):
        partner = self._npm_partner()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "visit": visit,
                "page_name": "npm_visit",
                "my_memberships": visit._portal_memberships(partner),
                "npm_contact": self._npm_visit_contact(visit),
                # Searched as the user: the record rules keep out findings that
                # are not shared with the CSO or are strictly confidential.
                "findings": request.env[FINDING].search(
                    [("visit_id", "=", visit.id)], order="id"
                ),
                # Likewise for documents: only the shared ones they may read.
                "documents": request.env[DOCUMENT].search(
                    [("visit_id", "=", visit.id)], order="document_date, id"
                ),
                "info_requests": request.env[INFO_REQUEST].search(
                    self._npm_request_domain() + [("visit_id", "=", visit.id)],
                    order="id desc",
                ),
                "purposes": request.env[INFO_REQUEST]
                ._fields["purpose"]
                ._description_selection(request.env),
                "error": error,
                "form": form or {},
            }
        )
        values.update(self._npm_record_pager(visit, "my_npm_visits_history"))
        return values

    @http.route(
        "/my/visits/<int:visit_id>/requests",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_visit_request_create(
        self, visit_id, purpose=None, description=None, **kw
    ):
        visit = self._npm_get_record(VISIT, visit_id)
        # The findings ticked (several values of one name): the model refuses
        # any that is not shared with the CSO of this visit, or not readable.
        finding_ids = [
            int(value)
            for value in request.httprequest.form.getlist("finding_ids")
            if value.isdigit()
        ]
        form = {
            "purpose": purpose,
            "description": description,
            "finding_ids": finding_ids,
        }
        purposes = dict(
            request.env[INFO_REQUEST]
            ._fields["purpose"]
            ._description_selection(request.env)
        )
        if purpose not in purposes or not (description or "").strip():
            error = request.env._(
                "Say for what purpose you want to use information from this visit "
                "and describe what you would use."
            )
            return request.render(
                "npm_cso_cooperation.portal_visit_page",
                self._npm_visit_page_values(visit, error=error, form=form),
            )
        try:
            # Created as the expert: the access rights and rules decide whether
            # they may ask (CSO member of this visit, covered by an undertaking).
            with request.env.cr.savepoint():
                info_request = request.env[INFO_REQUEST].create(
                    {
                        "visit_id": visit.id,
                        "partner_id": self._npm_partner().id,
                        "purpose": purpose,
                        "description": description.strip(),
                        "finding_ids": [Command.set(finding_ids)],
                    }
                )
        except (AccessError, UserError, ValidationError) as error:
            return request.render(
                "npm_cso_cooperation.portal_visit_page",
                self._npm_visit_page_values(visit, error=error.args[0], form=form),
            )
        return request.redirect(f"/my/requests/{info_request.id}?message=sent")

    @http.route("/my/findings/<int:finding_id>", type="http", auth="user", website=True)
    def portal_finding_page(self, finding_id, **kw):
        finding = self._npm_get_record(FINDING, finding_id)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "finding": finding,
                "visit": finding.visit_id,
                "page_name": "npm_visit",
                "npm_contact": self._npm_visit_contact(finding.visit_id),
            }
        )
        return request.render("npm_cso_cooperation.portal_finding_page", values)

    @http.route(
        "/my/visit-documents/<int:document_id>/download",
        type="http",
        auth="user",
        website=True,
    )
    def portal_visit_document_download(self, document_id, **kw):
        document = self._npm_get_record(DOCUMENT, document_id)
        # Read as the user: the record rules decide (shared with their CSO, not
        # strictly confidential, covered today), and the file is an attachment
        # of the document, streamed only once the document could be read.
        stream = request.env["ir.binary"]._get_stream_from(
            document, "file", filename_field="file_name"
        )
        return stream.get_response(as_attachment=True)

    # ------------------------------------------------------------------
    # Requests to use information
    # ------------------------------------------------------------------
    @http.route(
        ["/my/requests", "/my/requests/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_requests(self, page=1, sortby=None, **kw):
        env = request.env
        sortings = {
            "date": {"label": env._("Newest"), "order": "create_date desc, id desc"},
            "state": {"label": env._("Status"), "order": "state, id desc"},
        }
        values = self._npm_list_values(
            INFO_REQUEST,
            self._npm_request_domain(),
            "/my/requests",
            page,
            sortby,
            sortings,
            "npm_request",
        )
        request.session["my_npm_requests_history"] = values["records"].ids[:100]
        return request.render("npm_cso_cooperation.portal_my_requests", values)

    @http.route("/my/requests/<int:request_id>", type="http", auth="user", website=True)
    def portal_request_page(self, request_id, message=None, **kw):
        info_request = self._npm_get_record(INFO_REQUEST, request_id)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "info_request": info_request,
                "page_name": "npm_request",
                "message": message,
            }
        )
        values.update(self._npm_record_pager(info_request, "my_npm_requests_history"))
        return request.render("npm_cso_cooperation.portal_request_page", values)

    # ------------------------------------------------------------------
    # Recommendations the expert's CSO follows up
    # ------------------------------------------------------------------
    @http.route(
        ["/my/recommendations", "/my/recommendations/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_recommendations(self, page=1, sortby=None, **kw):
        env = request.env
        sortings = {
            "date": {"label": env._("Newest"), "order": "date_issued desc, id desc"},
            "due": {"label": env._("Due date"), "order": "due_date, id"},
            "status": {
                "label": env._("Implementation"),
                "order": "implementation_status, id desc",
            },
        }
        values = self._npm_list_values(
            RECOMMENDATION,
            self._npm_recommendation_domain(),
            "/my/recommendations",
            page,
            sortby,
            sortings,
            "npm_recommendation",
        )
        request.session["my_npm_recommendations_history"] = values["records"].ids[:100]
        values["status_labels"] = self._npm_status_labels()
        return request.render("npm_cso_cooperation.portal_my_recommendations", values)

    @http.route(
        "/my/recommendations/<int:recommendation_id>",
        type="http",
        auth="user",
        website=True,
    )
    def portal_recommendation_page(self, recommendation_id, message=None, **kw):
        recommendation = self._npm_get_record(RECOMMENDATION, recommendation_id)
        values = self._npm_recommendation_page_values(recommendation)
        values["message"] = message
        return request.render("npm_cso_cooperation.portal_recommendation_page", values)

    def _npm_status_labels(self):
        field = request.env[RECOMMENDATION]._fields["implementation_status"]
        return dict(field._description_selection(request.env))

    def _npm_recommendation_page_values(self, recommendation, error=None, form=None):
        Followup = request.env[FOLLOWUP]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "recommendation": recommendation,
                "page_name": "npm_recommendation",
                # Searched as the user: their own observations only (rules).
                "followups": Followup.search(
                    [
                        ("recommendation_id", "=", recommendation.id),
                        ("partner_id", "=", self._npm_partner().id),
                    ]
                )
                if Followup.has_access("read")
                else Followup,
                "statuses": Followup._fields["assessed_status"]._description_selection(
                    request.env
                ),
                "status_labels": self._npm_status_labels(),
                "can_report": recommendation.state == "issued"
                and Followup.has_access("create"),
                "error": error,
                "form": form or {},
            }
        )
        values.update(
            self._npm_record_pager(recommendation, "my_npm_recommendations_history")
        )
        return values

    @http.route(
        "/my/recommendations/<int:recommendation_id>/followups",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_recommendation_followup_create(
        self, recommendation_id, observation=None, assessed_status=None, **kw
    ):
        recommendation = self._npm_get_record(RECOMMENDATION, recommendation_id)
        form = {"observation": observation, "assessed_status": assessed_status}
        statuses = dict(
            request.env[FOLLOWUP]
            ._fields["assessed_status"]
            ._description_selection(request.env)
        )
        if not (observation or "").strip() or (
            assessed_status and assessed_status not in statuses
        ):
            return request.render(
                "npm_cso_cooperation.portal_recommendation_page",
                self._npm_recommendation_page_values(
                    recommendation,
                    error=request.env._(
                        "Describe what you observed of the implementation."
                    ),
                    form=form,
                ),
            )
        try:
            # Created as the expert: the access rights and rules decide (their
            # own observation, on a recommendation shared with their CSO).
            with request.env.cr.savepoint():
                request.env[FOLLOWUP].create(
                    {
                        "recommendation_id": recommendation.id,
                        "observation": observation.strip(),
                        "assessed_status": assessed_status or False,
                    }
                )
        except (AccessError, UserError, ValidationError) as error:
            return request.render(
                "npm_cso_cooperation.portal_recommendation_page",
                self._npm_recommendation_page_values(
                    recommendation, error=error.args[0], form=form
                ),
            )
        return request.redirect(f"/my/recommendations/{recommendation.id}?message=sent")
