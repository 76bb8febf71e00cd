"""Issue 18: French and Spanish, complete and kept complete (the app and the
no-enrichment bridge, both installed in the core suite)."""

from typing import ClassVar

from odoo.tests import TransactionCase

from tests.common import MODULE
from tests.i18n_common import I18nChecks


class TestI18n(I18nChecks, TransactionCase):
    test_module = MODULE
    test_tags: ClassVar[set[str]] = {"standard", "post_install", MODULE}
    addons = (MODULE, "npm_cso_cooperation_no_enrichment")
