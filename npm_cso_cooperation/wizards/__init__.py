from . import undertaking_revoke_wizard
from . import agreement_reject_wizard
