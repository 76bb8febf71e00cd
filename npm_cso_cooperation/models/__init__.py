from . import cso_workflow_mixin
from . import cso_expertise
from . import res_partner
from . import cso_safeguard
from . import cso_partnership
from . import cso_partnership_safeguard
from . import cso_agreement
from . import res_config_settings
