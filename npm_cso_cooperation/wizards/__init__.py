from . import cso_export_wizard
