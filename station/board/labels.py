"""What the board's groups are called on screen (English source, translated)."""

from ..i18n import lazy_gettext as _l

GROUP = {
    "late": _l("Late"),
    "due_today": _l("Due today"),
    "amber": _l("Due soon"),
    "on_track": _l("On track"),
}
