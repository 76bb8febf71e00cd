from . import undertaking_revoke_wizard
from . import cso_export_wizard
