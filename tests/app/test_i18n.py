"""Every UI string is translated, the compiled catalogs are current, the languages switch."""

import importlib.util
from datetime import date, datetime
from pathlib import Path
from types import ModuleType

import pytest
from flask_babel import force_locale

from station.i18n import (
    in_parens,
    join_list,
    short_date,
    short_datetime,
    show_date,
    show_datetime,
    with_colon,
)
from station.timeutil import clock_at

TOOL = Path(__file__).resolve().parents[2] / ".ci" / "i18n.py"


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    """The workflow script .ci/i18n.py, so that the test extracts exactly as it does."""
    spec = importlib.util.spec_from_file_location("i18n_tool", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_string_in_the_code_has_a_chinese_translation(tool):
    missing = sorted(tool.problems(tool.extract_catalog()))
    assert not missing, (
        "Strings without a finished Chinese translation; run `python .ci/i18n.py all`, "
        "translate the empty msgstr in zh_Hans_CN, then run it again:\n" + "\n".join(missing)
    )


def test_compiled_catalogs_match_the_po_files(tool):
    stale = list(tool.stale_mo())
    assert not stale, "Run `python .ci/i18n.py compile`:\n" + "\n".join(stale)


def test_login_page_is_simplified_chinese_by_default(client):
    page = client.get("/login").get_data(as_text=True)
    assert "登录" in page
    assert "用户名" in page
    assert "Log in" not in page


def choose(client, locale: str):
    return client.post("/language", data={"locale": locale, "next": "/login"})


def test_choosing_traditional_chinese(client):
    assert choose(client, "zh_Hant_TW").status_code == 302
    page = client.get("/login").get_data(as_text=True)
    assert "登入" in page
    assert "使用者名稱" in page
    assert 'lang="zh-TW"' in page


def test_choosing_english(client):
    choose(client, "en")
    page = client.get("/login").get_data(as_text=True)
    assert "Log in" in page
    assert "Username" in page
    assert "登录" not in page


def test_a_user_sees_the_language_chosen_after_logging_in(client, auth):
    auth.login("clerk")
    choose(client, "zh_Hant_TW")
    assert "登出" in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("locale", "shown"),
    [
        (None, "2026年11月28日"),
        ("zh_Hant_TW", "2026年11月28日"),
        ("en", "November 28, 2026"),
    ],
)
def test_dates_are_written_the_way_of_the_language(app, locale, shown):
    with app.test_request_context():
        if locale is None:  # the default language
            assert show_date(date(2026, 11, 28)) == shown
        else:
            with force_locale(locale):
                assert show_date(date(2026, 11, 28)) == shown


@pytest.mark.parametrize(
    ("locale", "shown"),
    [
        (None, "2026年11月28日 09:30"),
        ("zh_Hant_TW", "2026年11月28日 09:30"),
        ("en", "November 28, 2026 09:30"),  # the day as show_date writes it, not "28 Nov 2026"
    ],
)
def test_a_moment_is_the_day_as_dates_write_it_and_the_time(app, locale, shown):
    moment = datetime(2026, 11, 28, 1, 30)  # stored in UTC; the station is at UTC+8
    with app.test_request_context():
        if locale is None:
            assert show_datetime(moment) == shown
        else:
            with force_locale(locale):
                assert show_datetime(moment) == shown


@pytest.mark.parametrize(
    ("locale", "words", "shown"),
    [
        ("zh_Hans_CN", ("编号", "期限", "已延期"), ("编号：", "期限（已延期）", "2027、2028")),
        ("en", ("Reference", "due", "extended"), ("Reference: ", "due (extended)", "2027, 2028")),
    ],
)
def test_labels_and_asides_take_the_punctuation_of_the_language(app, locale, words, shown):
    label, word, note = words
    with app.test_request_context(), force_locale(locale):
        assert (with_colon(label), word + in_parens(note), join_list([2027, 2028])) == shown
        assert "&lt;b&gt;" in with_colon("<b>")  # the label is text, not markup


@pytest.mark.parametrize(
    ("locale", "this_year", "other_year", "moment"),
    [
        (None, "11月28日", "2027年1月19日", "11月28日 09:30"),
        ("en", "November 28", "January 19, 2027", "November 28 09:30"),  # not "28 Nov"
    ],
)
def test_a_short_list_writes_dates_as_the_lists_do_leaving_out_only_this_year(
    app, locale, this_year, other_year, moment
):
    language = force_locale(locale) if locale else app.app_context()
    with app.test_request_context(), clock_at(datetime(2026, 12, 2, 2, 0)), language:
        assert short_date(date(2026, 11, 28)) == this_year
        assert short_date(date(2027, 1, 19)) == other_year
        assert short_datetime(datetime(2026, 11, 28, 1, 30)) == moment


def _row_labels(client) -> str:
    page = client.get("/cases/").get_data(as_text=True)
    return page[page.index("<tbody>") : page.index("</tbody>")]


def test_the_case_list_writes_its_labels_in_the_language_chosen_each_time(app, client, auth):
    """The list's labels are kept written out per language (i18n.plain_vocabularies): a
    change of language shows the other words on the next page, and back again."""
    from tests.case_helpers import make_case

    make_case(app, channel="phone", kind="complaint")
    auth.login("clerk")
    rows = _row_labels(client)
    assert "来电" in rows and "投诉" in rows and "已登记" in rows
    choose(client, "en")
    rows = _row_labels(client)
    assert "Phone call" in rows and "Complaint" in rows and "Registered" in rows, rows
    assert "来电" not in rows
    choose(client, "zh_Hant_TW")
    rows = _row_labels(client)
    assert "來電" in rows and "投訴" in rows and "已登記" in rows
