"""The reporting-line log's words for its codes."""

from ..i18n import lazy_gettext as _l
from .models import ANSWERED, CASE, DUPLICATE, WRONG

DISPOSITION_LABELS = {
    CASE: _l("Became a case"),
    ANSWERED: _l("Answered on the phone"),
    WRONG: _l("Wrong number or silent"),
    DUPLICATE: _l("Duplicate of a case"),
}
