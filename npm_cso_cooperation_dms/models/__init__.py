from . import dms_storage
from . import dms_directory
from . import dms_file
from . import ir_attachment
from . import dms_folder_mixin
from . import cso_partnership
from . import cso_agreement
