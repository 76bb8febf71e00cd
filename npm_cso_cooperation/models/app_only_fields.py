# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
"""What nobody writes by hand, per model: one place to review it.

(The same classes apply ``npm.discreet.errors.mixin``: Odoo's company check
names no record of another company.)

Each class applies ``npm.guarded.fields.mixin`` to a model of the app and
lists the stamps only the app's code sets (``_npm_app_only_fields``); the
mixin adds every computed field without an inverse (stored coverage, stored
related company/CSO/place, computed names). The classes are loaded after
the models' own files, so that the guard sees what the caller sent before
the model's ``create``/``write`` add their own stamps (a reference from the
sequence, who agreed the terms and when, who revoked and when).

Stamps guarded elsewhere, with messages the tests rely on, are not repeated:
who decided a request and when (dropped on create, refused on write by the
request), an agreement's reference (drawn on create, refused on write), the
stamps of agreements and partnerships (``_workflow_fields``).
"""

from odoo import models


class NpmJointVisitAppOnly(models.Model):
    _name = "npm.joint.visit"
    _inherit = [
        "npm.guarded.fields.mixin",
        "npm.discreet.errors.mixin",
        "npm.joint.visit",
    ]

    _npm_app_only_fields = ("name", "terms_agreed_by", "terms_agreed_on")


class NpmJointVisitMemberAppOnly(models.Model):
    _name = "npm.joint.visit.member"
    _inherit = [
        "npm.guarded.fields.mixin",
        "npm.discreet.errors.mixin",
        "npm.joint.visit.member",
    ]

    # The portal record rules rest on them: only the ORM computes them, from
    # the undertakings on record.
    _npm_app_only_fields = ("is_covered", "covered_until", "undertaking_id")


class NpmVisitFindingAppOnly(models.Model):
    _name = "npm.visit.finding"
    _inherit = [
        "npm.guarded.fields.mixin",
        "npm.discreet.errors.mixin",
        "npm.visit.finding",
    ]

    _npm_app_only_fields = ("company_id", "place_id", "cso_id")


class NpmVisitDocumentAppOnly(models.Model):
    _name = "npm.visit.document"
    _inherit = [
        "npm.guarded.fields.mixin",
        "npm.discreet.errors.mixin",
        "npm.visit.document",
    ]

    _npm_app_only_fields = ("company_id", "place_id", "cso_id")


class NpmConfidentialityUndertakingAppOnly(models.Model):
    _name = "npm.confidentiality.undertaking"
    _inherit = [
        "npm.guarded.fields.mixin",
        "npm.discreet.errors.mixin",
        "npm.confidentiality.undertaking",
    ]

    # An online signature is made only by the person it names, in the portal
    # (_portal_sign); the NPM records a scanned copy instead (signed_copy),
    # and signature_method says which it was.
    _npm_app_only_fields = (
        "signature",
        "signed_by",
        "signed_on",
        "signature_method",
        "revoked_by_id",
        "revoked_on",
    )


class NpmInfoUseRequestAppOnly(models.Model):
    _name = "npm.info.use.request"
    _inherit = [
        "npm.guarded.fields.mixin",
        "npm.discreet.errors.mixin",
        "npm.info.use.request",
    ]

    # The reference comes from the sequence: an expert never chooses it.
    _npm_app_only_fields = ("name", "company_id", "cso_id")


class NpmCsoAgreementAppOnly(models.Model):
    _name = "npm.cso.agreement"
    _inherit = [
        "npm.guarded.fields.mixin",
        "npm.discreet.errors.mixin",
        "npm.cso.agreement",
    ]

    # The reference is drawn on create and refused on write by the agreement.
    _npm_app_only_fields = ("company_id",)


class NpmCsoPartnershipAppOnly(models.Model):
    _name = "npm.cso.partnership"
    _inherit = [
        "npm.guarded.fields.mixin",
        "npm.discreet.errors.mixin",
        "npm.cso.partnership",
    ]


class NpmCsoPartnershipSafeguardAppOnly(models.Model):
    _name = "npm.cso.partnership.safeguard"
    _inherit = [
        "npm.guarded.fields.mixin",
        "npm.discreet.errors.mixin",
        "npm.cso.partnership.safeguard",
    ]


class NpmDetentionPlaceAppOnly(models.Model):
    _name = "npm.detention.place"
    _inherit = [
        "npm.guarded.fields.mixin",
        "npm.discreet.errors.mixin",
        "npm.detention.place",
    ]
