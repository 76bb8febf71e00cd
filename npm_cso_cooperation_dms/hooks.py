# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).


def post_init_hook(env):
    """File what the cooperation already holds when the bridge arrives.

    The bridge installs itself into databases that already have partnerships,
    signed agreements and visit documents: give them their folders and file
    their documents, exactly as if the bridge had always been there.
    """
    for partnership in env["npm.cso.partnership"].search([]):
        partnership._npm_dms_ensure_directory()
    Folder = env["npm.dms.folder.mixin"]
    for model in sorted(Folder._npm_dms_filed_models()):
        attachments = env["ir.attachment"].search(
            [
                ("res_model", "=", model),
                ("res_id", "!=", False),
                # Field attachments (signed copies in Binary fields) too.
                "|",
                ("res_field", "=", False),
                ("res_field", "!=", False),
            ]
        )
        attachments._npm_dms_file()
        Model = env[model]
        field = Model._fields.get(Model._npm_dms_signed_copy_field or "")
        if field and field.type != "binary":
            # Signed copies referenced from the record rather than attached.
            Model.search([(field.name, "!=", False)])._npm_dms_file_signed_copies()
