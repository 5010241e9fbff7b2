"""Languages and dates: Simplified Chinese by default, Traditional Chinese and English on choice."""

import weakref
from collections.abc import Iterable
from datetime import UTC, date, datetime
from functools import lru_cache
from types import ModuleType, SimpleNamespace
from typing import Any

from babel import Locale
from babel import dates as babel_dates
from babel.support import NullTranslations
from flask import Flask, current_app, g, has_app_context, has_request_context, session
from flask_babel import format_date, format_datetime, get_locale, get_translations, to_user_timezone
from flask_babel.speaklater import LazyString
from flask_login import current_user
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from .extensions import babel
from .timeutil import local_day, local_today, station_tz

LANGUAGES = {
    "zh_Hans_CN": "简体中文",
    "zh_Hant_TW": "繁體中文",
    "en": "English",
}
DEFAULT_LOCALE = "zh_Hans_CN"


def select_locale() -> str:
    """The user's chosen language, else the one picked on the login page, else Chinese."""
    if not has_request_context():  # the CLI: no user, no session
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.locale in LANGUAGES:
        return current_user.locale
    chosen = session.get("locale")
    return chosen if chosen in LANGUAGES else current_app.config["BABEL_DEFAULT_LOCALE"]


# ---- Translations, looked up once a request ----
# Flask-Babel finds the translations anew for every string: the domain, then the locale,
# each through its per-request store on ``g``, then the catalogue by the locale's name
# (``str(locale)``, which babel rebuilds each time). A page translates a few hundred
# strings (the navigation, the forms, the table headings). Here the catalogue found is
# kept in the same store, beside the locale it is for: ``force_locale`` and ``refresh``
# replace that locale object, so a catalogue is never used for another language.

_BABEL_STORE = "_flask_babel"  # Flask-Babel's per-request namespace on g
_KEPT = "station_translations"  # (locale, domain, translations) in that namespace


def _babel_store() -> dict[str, Any] | None:
    """Flask-Babel's per-request namespace, as a plain dict, or None (no context yet).

    Read through the real ``g`` (one proxy lookup) rather than ``g.get``: each attribute
    of the ``g`` proxy costs a few microseconds, several a string otherwise."""
    if not has_app_context():
        return None
    store = vars(g._get_current_object()).get(_BABEL_STORE)
    return None if store is None else vars(store)


def translations() -> NullTranslations:
    """The current request's translations (Flask-Babel's ``get_translations``, kept)."""
    store = _babel_store()
    if store is not None:
        kept = store.get(_KEPT)
        if (
            kept is not None
            and kept[0] is store.get("babel_locale")
            and kept[1] is store.get("babel_domain")
        ):
            return kept[2]
    found = get_translations()
    store = _babel_store()
    if store is not None and store.get("babel_locale") is not None:
        store[_KEPT] = (store["babel_locale"], store.get("babel_domain"), found)
    return found


def gettext(string: str, **variables: Any) -> str:
    """Flask-Babel's ``gettext`` through the kept translations."""
    text = translations().ugettext(string)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, num: int, **variables: Any) -> str:
    """Flask-Babel's ``ngettext`` through the kept translations."""
    variables.setdefault("num", num)
    text = translations().ungettext(singular, plural, num)
    return text % variables if variables else text


def lazy_gettext(string: str, **variables: Any) -> LazyString:
    """Flask-Babel's ``lazy_gettext``: translated when shown, through the kept translations."""
    return LazyString(gettext, string, **variables)


_l = lazy_gettext


# What is written once per catalogue, by purpose ("markup": a template's strings made
# markup, by source; "vocabularies": a labels module's plain strings, by module name). Weak,
# so that an app that is gone (the tests make thousands) takes its catalogues with it.
_BY_CATALOGUE: "weakref.WeakKeyDictionary[NullTranslations, dict[str, dict]]" = (
    weakref.WeakKeyDictionary()
)
_MARKUP_KEPT = 4096  # a template's strings are literals: a few hundred in all


def _kept_for(catalogue: NullTranslations, purpose: str) -> dict:
    kept = _BY_CATALOGUE.get(catalogue)
    if kept is None:
        kept = _BY_CATALOGUE.setdefault(catalogue, {})
    return kept.setdefault(purpose, {})


@pass_context
def template_gettext(context: Context, string: str, /, **variables: Any) -> str:
    """A template's ``_()`` and ``gettext()``, as Jinja's newstyle gettext writes them (the
    text translated, made markup when the template escapes, and always a format string).

    Jinja's own reaches the catalogue through three calls of the context (the alias, the
    newstyle wrapper, the function) and formats the text each time: 9 µs a string, and a
    list page writes a hundred. A string with no variables is written once per catalogue."""
    catalogue = translations()
    if variables or not context.eval_ctx.autoescape:
        text = catalogue.ugettext(string)
        return (Markup(text) if context.eval_ctx.autoescape else text) % variables
    kept = _kept_for(catalogue, "markup")
    written = kept.get(string)
    if written is None:
        written = Markup(catalogue.ugettext(string)) % {}
        if len(kept) < _MARKUP_KEPT:
            kept[string] = written
    return written


def plain_vocabularies(module: ModuleType) -> SimpleNamespace:
    """A labels module's vocabularies (its upper-case dicts of lazy strings) written in the
    current language, as plain strings, once per catalogue.

    A list page shows four labels a row: each a lazy string translated anew when written,
    a hundred lookups a page, and the same words each time. Templates take this; code
    that runs at import keeps the lazy dicts, which follow the language of each request."""
    kept = _kept_for(translations(), "vocabularies")
    plain = kept.get(module.__name__)
    if plain is None:
        vocabularies = {
            name: {key: str(text) for key, text in value.items()}
            for name, value in vars(module).items()
            if name.isupper() and isinstance(value, dict)
        }
        plain = kept[module.__name__] = SimpleNamespace(**vocabularies)
    return plain


def select_timezone() -> str:
    return station_tz()


def current_locale() -> Locale | None:
    """Flask-Babel's ``get_locale``, read straight from its per-request store once chosen
    (``get_locale`` finds the store anew through the context each time: 3 µs, and a list
    writes fifty dates)."""
    store = _babel_store()
    locale = None if store is None else store.get("babel_locale")
    return locale if locale is not None else get_locale()


def is_chinese() -> bool:
    locale = current_locale()
    # the locale's language, not str(locale): babel rebuilds that string on every call
    return locale is not None and locale.language == "zh"


# One way to write a day in each language, with or without the time: 2026年11月28日 09:30,
# November 28, 2026 09:30. Every date a page shows goes through show_date or show_datetime.
DATE_PATTERN = {True: "yyyy年M月d日", False: "MMMM d, yyyy"}


def show_date(value: date | datetime | None) -> str:
    """A date the Chinese way (2026年11月28日) or the English way (November 28, 2026)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        # a stored moment is UTC: the station's day may already be the next one
        value = to_user_timezone(value.replace(tzinfo=UTC)).date()
    locale = current_locale()
    return _written_day(value, locale, DATE_PATTERN[locale is not None and locale.language == "zh"])


@lru_cache(maxsize=8192)
def _written_day(day: date, locale: Locale | None, pattern: str) -> str:
    """A day as Babel writes it in ``locale``, once per process: a list's 25 rows write 50
    days, 13 µs each through Babel, and a day is written the same way every time."""
    return babel_dates.format_date(day, pattern, locale=locale)


# A date in a row of a short list (the home page's): the year only when it is not this one.
SHORT_DATE_PATTERN = {
    (True, True): "M月d日",
    (True, False): "yyyy年M月d日",
    (False, True): "MMMM d",
    (False, False): "MMMM d, yyyy",
}


def _this_year(day: date) -> bool:
    return day.year == local_today(station_tz()).year


def short_date(value: date | None) -> str:
    """A date in a short list's row: 12月2日, December 2; with its year when not this year's."""
    if value is None:
        return ""
    # Hundreds of a board's rows share a few dozen days: each is formatted once a request.
    written = g.setdefault("short_dates", {})
    key = (value, current_locale())
    if key not in written:
        written[key] = format_date(value, SHORT_DATE_PATTERN[is_chinese(), _this_year(value)])
    return written[key]


def short_datetime(value: datetime | None) -> str:
    """A stored (UTC) moment in a short list's row, at the station, to the minute."""
    if value is None:
        return ""
    this_year = _this_year(local_day(value, station_tz()))
    return format_datetime(value, SHORT_DATE_PATTERN[is_chinese(), this_year] + " HH:mm")


def show_datetime(value: datetime | None) -> str:
    """A stored (UTC) moment in the station's time zone, to the minute."""
    if value is None:
        return ""
    return format_datetime(value, DATE_PATTERN[is_chinese()] + " HH:mm")


def with_colon(label: str) -> Markup:
    """``label`` followed by the language's colon: 编号：, Reference: ."""
    return escape(label) + Markup("：" if is_chinese() else ": ")


def in_parens(text: str) -> Markup:
    """``text`` in the language's brackets, as an aside to what comes before: （…） or " (…)"."""
    if is_chinese():
        return Markup("（") + escape(text) + Markup("）")
    return Markup(" (") + escape(text) + Markup(")")


def join_list(items: Iterable[object]) -> str:
    """Items of a list in a sentence: 2027、2028 or 2027, 2028."""
    return ("、" if is_chinese() else ", ").join(str(i) for i in items)


def show_month(value: date) -> str:
    """A month by its first day: 2026年12月, or December 2026."""
    return format_date(value, "y年M月" if is_chinese() else "MMMM y")


def show_time(value: datetime | None) -> str:
    return "" if value is None else format_datetime(value, "HH:mm")


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", "translations")
    app.config["BABEL_DEFAULT_TIMEZONE"] = app.config["STATION_TIMEZONE"]
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    # Templates translate through the kept translations too (Flask-Babel installs its own).
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: translations().ugettext(s),
        ngettext=lambda s, p, n: translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n),
    )
    app.jinja_env.globals.update(gettext=template_gettext, _=template_gettext)
    app.jinja_env.filters["date"] = show_date
    app.jinja_env.filters["datetime"] = show_datetime
    app.jinja_env.filters["time"] = show_time
    app.jinja_env.filters["month"] = show_month
    app.jinja_env.filters["short_date"] = short_date
    app.jinja_env.filters["short_datetime"] = short_datetime
    app.jinja_env.filters["colon"] = with_colon
    app.jinja_env.filters["parens"] = in_parens
    app.jinja_env.filters["join_list"] = join_list
    app.jinja_env.globals["LANGUAGES"] = LANGUAGES

    @app.context_processor
    def inject_locale() -> dict[str, object]:
        locale = str(current_locale())
        html_lang = {"zh_Hans_CN": "zh-CN", "zh_Hant_TW": "zh-TW"}.get(locale, "en")
        return {"current_locale": locale, "html_lang": html_lang}


# Role names for the UI: English source strings, translated like every other.
ROLE_LABELS = {
    "clerk": _l("Clerk"),
    "head": _l("Station head"),
    "inspector": _l("Inspector"),
    "county": _l("County staff"),
    "admin": _l("Administrator"),
}
