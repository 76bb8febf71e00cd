from . import cso_expertise
from . import res_partner
from . import cso_partnership
from . import cso_agreement
from . import npm_portal_mixin
