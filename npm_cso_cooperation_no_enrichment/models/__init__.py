from . import iap_autocomplete_api
from . import ir_http
from . import res_company
from . import res_config_settings
from . import res_partner
