from . import portal
from . import data_protection
from . import second_factor
