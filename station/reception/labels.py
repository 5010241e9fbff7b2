"""Reception day's words for people (English source strings, translated)."""

from ..i18n import lazy_gettext as _l
from .models import ANSWERED, CASE, DONE, LEFT, POLICE, REFERRED, WAITING, WITH_HOST

OUTCOME_LABELS = {
    ANSWERED: _l("Answered on the spot"),
    CASE: _l("Became a case"),
    REFERRED: _l("Referred elsewhere"),
    LEFT: _l("Left before being seen"),
    POLICE: _l("Disorderly conduct reported to the police"),
}
PLACE_LABELS = {
    WAITING: _l("Waiting"),
    WITH_HOST: _l("With the host"),
    DONE: _l("Done"),
}
