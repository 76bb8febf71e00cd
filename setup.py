"""Package the addons of this repository as ``odoo.addons.<addon>``.

``pip install .`` makes every addon here importable by an Odoo 18 that is
already installed. Odoo itself is deliberately not a requirement: it is not
on PyPI, and pip must never try to fetch it.
"""

import ast
import os

from setuptools import setup

HERE = os.path.dirname(os.path.abspath(__file__))


def _addons():
    return sorted(
        name
        for name in os.listdir(HERE)
        if os.path.isfile(os.path.join(HERE, name, "__manifest__.py"))
    )


def _manifest(addon):
    with open(os.path.join(HERE, addon, "__manifest__.py"), encoding="utf-8") as f:
        return ast.literal_eval(f.read())


def _packages_and_data(addon):
    packages, package_dir, package_data = [], {}, {}
    for dirpath, dirnames, filenames in os.walk(os.path.join(HERE, addon)):
        dirnames[:] = [d for d in dirnames if d != "__pycache__"]
        relative = os.path.relpath(dirpath, HERE)
        if "__init__.py" in filenames:
            package = "odoo.addons." + relative.replace(os.sep, ".")
            packages.append(package)
            package_dir[package] = relative
            package_data[package] = [
                name for name in filenames if not name.endswith((".py", ".pyc"))
            ]
        else:
            # Data folders (views, security, static, …) belong to the nearest
            # package above them, which is the addon's own.
            owner = "odoo.addons." + addon
            prefix = os.path.relpath(dirpath, os.path.join(HERE, addon))
            package_data.setdefault(owner, []).extend(
                os.path.join(prefix, name) for name in filenames
            )
    return packages, package_dir, package_data


PACKAGES, PACKAGE_DIR, PACKAGE_DATA = [], {}, {}
for _addon in _addons():
    _packages, _dirs, _data = _packages_and_data(_addon)
    PACKAGES += _packages
    PACKAGE_DIR.update(_dirs)
    for _package, _files in _data.items():
        PACKAGE_DATA.setdefault(_package, []).extend(_files)

setup(
    name="odoo-addons-npm-cso-cooperation",
    version=_manifest("npm_cso_cooperation")["version"],
    description="NPM–CSO Cooperation addons for Odoo 18.0",
    license="LGPL-3",
    packages=PACKAGES,
    package_dir=PACKAGE_DIR,
    package_data=PACKAGE_DATA,
    include_package_data=False,
    install_requires=["xlsxwriter"],
    python_requires=">=3.10",
    zip_safe=False,
)
