# lists.py adds the case lists' routes to the blueprint of views.py when imported.
from . import lists  # noqa: F401
from .views import bp

__all__ = ["bp"]
