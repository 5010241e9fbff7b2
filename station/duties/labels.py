"""The duties' names and pages, for the duties page and the home panel."""

from ..i18n import lazy_gettext as _l

TITLE = {
    "box": _l("Suggestion boxes"),
    "hotline": _l("Reporting-line log"),
    "reception": _l("Reception day"),
    "key_visit": _l("Key-person visits"),
}
# Each duty's own page.
PAGE = {
    "box": "box.index",
    "hotline": "hotline.index",
    "reception": "reception.index",
    "key_visit": "people.index",
}
