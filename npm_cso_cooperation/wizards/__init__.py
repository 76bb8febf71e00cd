from . import agreement_reject_wizard
