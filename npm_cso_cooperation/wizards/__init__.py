from . import undertaking_revoke_wizard
