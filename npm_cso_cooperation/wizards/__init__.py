from . import agreement_reject_wizard
from . import undertaking_revoke_wizard
from . import cso_export_wizard
from . import followup_dismiss_wizard
