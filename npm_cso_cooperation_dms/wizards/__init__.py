from . import dms_file_version_wizard
