# lists.py adds the case lists' routes to the blueprint of views.py when imported;
# attention.py the head's home panel.
from . import attention, lists  # noqa: F401
from .views import bp

__all__ = ["bp"]
