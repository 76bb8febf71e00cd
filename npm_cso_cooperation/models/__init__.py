from . import cso_expertise
from . import res_partner
