from . import cso_agreement
from . import tier_definition
