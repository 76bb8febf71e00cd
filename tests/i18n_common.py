"""One definition of an addon's translation template, for the tests and
``scripts/i18n-export`` alike, and the checks that keep translations complete.

Odoo's own export (``trans_export``) writes the terms of an installed module;
its header carries the time of the export (``POT-Creation-Date``,
``PO-Revision-Date``), which would make every regeneration a diff: those two
lines are dropped, nothing else is touched.
"""

import difflib
import io
import os
import re

import polib
from lxml import etree

from odoo.modules.module import get_manifest, get_module_path
from odoo.tools.translate import trans_export

# Odoo's languages, and the file each reads in an addon's i18n folder.
LANGS = {"fr_FR": "fr", "es_ES": "es"}
_DATES = re.compile(r'^"(?:POT-Creation-Date|PO-Revision-Date): [^"]*"\n', re.MULTILINE)
REGENERATE = "scripts/i18n-export"


def normalise(text):
    """The export without its time stamps."""
    return _DATES.sub("", text)


def export_terms(env, module, lang=None):
    """Odoo's export of ``module``: its template without ``lang``, else its
    terms with their translations in ``lang`` as loaded in the database."""
    buffer = io.BytesIO()
    trans_export(lang, [module], buffer, "po", env.cr)
    return normalise(buffer.getvalue().decode())


def i18n_path(module, name):
    return os.path.join(get_module_path(module), "i18n", name)


def demo_xmlids(module):
    """The external ids of the records of ``module``'s demo files: the
    templates are made without demo data (demo records are not the app's
    vocabulary), the test databases have it."""
    xmlids = set()
    for path in get_manifest(module).get("demo", []):
        if not path.endswith(".xml"):
            continue
        tree = etree.parse(os.path.join(get_module_path(module), path))
        for node in tree.iter("record", "template", "menuitem"):
            xmlid = node.get("id")
            xmlids.add(xmlid if "." in xmlid else f"{module}.{xmlid}")
    return xmlids


def without_demo(text, module):
    """``text`` (an export) without the occurrences of demo records."""
    demo = demo_xmlids(module)
    po = polib.pofile(text)
    for entry in list(po):
        entry.occurrences = [
            (name, line)
            for name, line in entry.occurrences
            if name.split(":")[-1] not in demo
        ]
        if not entry.occurrences:
            po.remove(entry)
    return str(po)


class I18nChecks:
    """Mixed into a TransactionCase of the suite whose database has ``addons``
    installed: their templates match the code, their French and Spanish
    translations cover every term."""

    addons = ()

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_translations(cls.env, cls.addons)

    def template(self, module):
        with open(i18n_path(module, f"{module}.pot"), encoding="utf-8") as pot:
            return pot.read()

    def test_templates_match_the_code(self):
        for module in self.addons:
            with self.subTest(module=module):
                committed = str(polib.pofile(self.template(module)))
                exported = without_demo(export_terms(self.env, module), module)
                if exported != committed:
                    diff = "".join(
                        list(
                            difflib.unified_diff(
                                committed.splitlines(True),
                                exported.splitlines(True),
                                f"{module}.pot (committed)",
                                f"{module}.pot (from the code)",
                            )
                        )[:60]
                    )
                    self.fail(
                        f"{module}.pot is out of date with the code: run "
                        f"{REGENERATE} and commit the templates.\n{diff}"
                    )

    def test_every_term_is_translated(self):
        for module in self.addons:
            terms = {entry.msgid for entry in polib.pofile(self.template(module))}
            self.assertTrue(terms, f"{module}.pot has no terms")
            for lang, po_name in LANGS.items():
                with self.subTest(module=module, lang=lang):
                    path = i18n_path(module, f"{po_name}.po")
                    self.assertTrue(
                        os.path.exists(path),
                        f"{module} has no i18n/{po_name}.po: copy {module}.pot "
                        f"to {po_name}.po and translate it",
                    )
                    # A term translated by itself ("Portal" in Spanish) is
                    # exported with an empty msgstr, like a missing one: the
                    # .po says which ones are meant.
                    same = {
                        entry.msgid
                        for entry in polib.pofile(path)
                        if entry.msgstr == entry.msgid
                    }
                    exported = polib.pofile(export_terms(self.env, module, lang))
                    missing = sorted(
                        entry.msgid
                        for entry in exported
                        if entry.msgid in terms
                        and not entry.msgstr
                        and entry.msgid not in same
                    )
                    self.assertFalse(
                        missing,
                        f"{len(missing)} terms of {module} have no {lang} "
                        f"translation: fill their empty entries in i18n/{po_name}.po "
                        f"({REGENERATE} adds new terms there): "
                        + "; ".join(repr(m[:60]) for m in missing[:15]),
                    )
                    self.assertEqual(
                        {entry.msgid for entry in exported} & terms,
                        terms,
                        f"{module}.pot has terms the {lang} export lacks: "
                        f"run {REGENERATE}",
                    )


def translation(module, lang, msgid):
    """The translation of ``msgid`` in ``module``'s .po file for ``lang``
    (``fr_FR``), or "" when there is none yet."""
    path = i18n_path(module, f"{LANGS[lang]}.po")
    if not os.path.exists(path):
        return ""
    entry = polib.pofile(path).find(msgid)
    return entry.msgstr if entry else ""


def load_translations(env, modules):
    """French and Spanish active, and ``modules``' translations loaded."""
    for lang in LANGS:
        env["res.lang"]._activate_lang(lang)
    env["ir.module.module"]._load_module_terms(
        list(modules), list(LANGS), overwrite=True
    )
    env.registry.clear_cache()
