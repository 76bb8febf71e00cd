"""Issue 18: the document-store bridge in French and Spanish, complete."""

from typing import ClassVar

from odoo.tests import TransactionCase

from tests.common import MODULE
from tests.i18n_common import I18nChecks


class TestDmsI18n(I18nChecks, TransactionCase):
    test_module = MODULE
    test_tags: ClassVar[set[str]] = {"standard", "post_install", MODULE}
    addons = ("npm_cso_cooperation_dms",)
