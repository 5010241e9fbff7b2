"""The calendar page: who may see and change it, day edits, CSV import, the warning, the audit."""

import io
import re
from datetime import date

import pytest

from station.extensions import db
from station.models import AuditLog, CalendarDay, CalendarYear
from station.rules import workdays

URL = "/admin/calendar/"
GOOD_CSV = (
    "date,kind,name\n"
    "2027-01-01,holiday,元旦\n"
    "2027-02-06,holiday,春节\n"
    "2027-02-09,holiday,春节\n"
    "2027-02-20,workday,春节调休\n"
)


@pytest.fixture(autouse=True)
def november_2026(client, monkeypatch):
    """Today is 28 November 2026 (2027's schedule is due), and the pages are in English."""
    for module in ("station.calendar.warning", "station.calendar.views"):
        monkeypatch.setattr(f"{module}.local_today", lambda tz: date(2026, 11, 28))
    client.post("/language", data={"locale": "en", "next": "/login"})


def overrides(app) -> dict[date, tuple[str, str]]:
    with app.app_context():
        rows = db.session.scalars(db.select(CalendarDay)).all()
        return {r.day: (r.kind, r.name) for r in rows}


def confirmed_years(app) -> set[int]:
    with app.app_context():
        return set(db.session.scalars(db.select(CalendarYear.year)))


def audit_actions(app) -> list[tuple[str, str]]:
    with app.app_context():
        rows = db.session.scalars(db.select(AuditLog).where(AuditLog.action.like("calendar%")))
        return [(r.action, r.target) for r in rows]


def upload(client, content: bytes | str, year: int | str = 2027, filename: str = "2027.csv"):
    data = content.encode("utf-8") if isinstance(content, str) else content
    return client.post(
        URL + "import",
        data={"year": str(year), "file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def add_day(app, day: date, kind: str = "holiday", name: str = "") -> None:
    with app.app_context():
        db.session.add(CalendarDay(day=day, kind=kind, name=name))
        db.session.commit()


@pytest.mark.parametrize("username", ["admin", "b_admin"])
def test_admins_of_any_station_see_the_installation_wide_calendar(app, client, auth, username):
    add_day(app, date(2026, 12, 31), name="本地假日")
    auth.login(username)
    page = client.get(URL + "?year=2026")
    assert page.status_code == 200
    assert "本地假日" in page.text
    assert 'action="/admin/calendar/day' in page.text
    assert 'href="/admin/calendar/"' in client.get("/").text


def test_head_sees_the_calendar_read_only(app, client, auth):
    add_day(app, date(2026, 12, 31), name="本地假日")
    auth.login("head")
    page = client.get(URL + "?year=2026")
    assert page.status_code == 200
    assert "本地假日" in page.text
    assert "/admin/calendar/day" not in page.text
    assert "/admin/calendar/import" not in page.text
    response = client.post(URL + "day", data={"day": "2026-12-30", "kind": "holiday"})
    assert response.status_code == 403
    assert client.post(URL + "day/2026-12-31/remove").status_code == 403
    assert upload(client, GOOD_CSV).status_code == 403
    assert client.post(URL + "year/2027/confirm").status_code == 403
    assert set(overrides(app)) == {date(2026, 12, 31)}
    assert confirmed_years(app) == set()


@pytest.mark.parametrize("username", ["clerk", "inspector", "county", "b_clerk"])
def test_other_roles_are_refused(app, client, auth, username):
    auth.login(username)
    assert client.get(URL).status_code == 403
    assert (
        client.post(URL + "day", data={"day": "2026-12-30", "kind": "holiday"}).status_code == 403
    )
    assert upload(client, GOOD_CSV).status_code == 403
    assert overrides(app) == {}
    assert "/admin/calendar" not in client.get("/").text


def test_admin_adds_changes_and_removes_a_day(app, client, auth):
    auth.login("admin")
    response = client.post(
        URL + "day", data={"day": "2027-10-08", "kind": "holiday", "name": "国庆"}
    )
    assert response.status_code == 302
    assert overrides(app) == {date(2027, 10, 8): ("holiday", "国庆")}
    assert "国庆" in client.get(URL + "?year=2027").text
    with app.test_request_context():
        assert not workdays.is_workday(date(2027, 10, 8))

    client.post(URL + "day", data={"day": "2027-10-08", "kind": "workday", "name": "调休"})
    assert overrides(app) == {date(2027, 10, 8): ("workday", "调休")}

    assert client.post(URL + "day/2027-10-08/remove").status_code == 302
    assert overrides(app) == {}
    assert audit_actions(app) == [
        ("calendar_day_set", "2027-10-08"),
        ("calendar_day_set", "2027-10-08"),
        ("calendar_day_removed", "2027-10-08"),
    ]


@pytest.mark.parametrize(
    "data",
    [
        {"day": "", "kind": "holiday"},
        {"day": "2027-13-01", "kind": "holiday"},
        {"day": "2027-10-08", "kind": "weekend"},
        {"day": "2027-10-08", "kind": "holiday", "name": "x" * 51},
        {"day": "1899-10-08", "kind": "holiday"},
    ],
)
def test_bad_day_form_changes_nothing(app, client, auth, data):
    auth.login("admin")
    response = client.post(URL + "day", data=data)
    assert response.status_code == 400
    assert 'class="error"' in response.text
    assert overrides(app) == {}
    assert audit_actions(app) == []


def test_removing_a_day_without_override_or_a_bad_date(app, client, auth):
    auth.login("admin")
    assert client.post(URL + "day/2027-10-08/remove").status_code == 302
    assert client.post(URL + "day/not-a-date/remove").status_code == 404
    assert audit_actions(app) == []


def test_the_head_is_told_on_the_home_page_only_and_the_admin_everywhere(app, client, auth):
    auth.login("head")
    assert 'class="notice warning' in client.get("/").text  # 2027 is not entered
    assert 'class="notice warning' not in client.get("/cases/").text
    auth.logout()
    auth.login("admin")
    assert 'class="notice warning' in client.get("/admin/users").text


def test_import_replaces_the_year_confirms_it_and_ends_the_warning(app, client, auth):
    add_day(app, date(2027, 3, 1), name="旧的")
    add_day(app, date(2026, 12, 31), name="留下")
    auth.login("admin")
    home = client.get("/").text
    assert "2027" in home and 'class="notice warning' in home

    response = upload(client, "\ufeff" + GOOD_CSV)  # Excel's "CSV UTF-8" starts with a BOM
    assert response.status_code == 302
    days = overrides(app)
    assert days[date(2027, 2, 20)] == ("workday", "春节调休")
    assert days[date(2027, 1, 1)] == ("holiday", "元旦")
    assert date(2027, 3, 1) not in days  # the year's old overrides are replaced
    assert date(2026, 12, 31) in days  # other years keep theirs
    assert len(days) == 5
    assert confirmed_years(app) == {2027}
    assert ("calendar_imported", "2027") in audit_actions(app)

    home = client.get("/").text
    assert 'class="notice warning' not in home
    page = client.get(URL + "?year=2027").text
    assert "春节调休" in page


def test_import_without_header_and_a_day_of_the_next_year(app, client, auth):
    auth.login("admin")
    csv = "2027-12-31,holiday,x\r\n2028/1/2,workday,y\r\n\r\n"
    assert upload(client, csv).status_code == 302
    assert confirmed_years(app) == {2027}
    assert overrides(app)[date(2028, 1, 2)] == ("workday", "y")


def test_import_keeps_the_neighbouring_years_changes_and_leaves_them_unconfirmed(app, client, auth):
    add_day(app, date(2026, 10, 9), name="本地假日")
    add_day(app, date(2026, 12, 27), name="旧的")  # the schedule turns it into a working day
    add_day(app, date(2028, 1, 3), name="后年")
    add_day(app, date(2027, 3, 1), name="被替换")
    auth.login("admin")
    csv = GOOD_CSV + "2026-12-27,workday,元旦调休\n"
    response = upload(client, csv)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("?year=2027")
    days = overrides(app)
    assert days[date(2026, 12, 27)] == ("workday", "元旦调休")
    assert days[date(2026, 10, 9)] == ("holiday", "本地假日")
    assert days[date(2028, 1, 3)] == ("holiday", "后年")
    assert date(2027, 3, 1) not in days
    assert len(days) == 7
    assert confirmed_years(app) == {2027}
    with app.test_request_context():
        assert workdays.is_workday(date(2026, 12, 27))  # a Sunday
    assert audit_actions(app) == [("calendar_imported", "2027")]
    page = client.get(URL + "?year=2027").text
    assert "2027 is confirmed" in page
    assert "December 27, 2026" in page and "not confirmed by this import" in page
    audit = client.get("/admin/audit?action=calendar_imported").text  # after the flash
    assert "Days imported: 4 (2027.csv)" in audit
    assert "December 27, 2026 Working day 元旦调休 (was Day off 旧的)" in audit


def suggested_year(client, query: str = "") -> str:
    found = re.search(r'<input id="year"[^>]* value="(\d+)"', client.get(URL + query).text)
    assert found, "the import form has a year field"
    return found.group(1)


def test_import_form_suggests_next_year_from_november(app, client, auth, monkeypatch):
    auth.login("admin")
    assert suggested_year(client) == "2027"  # 2027 is due and unconfirmed
    assert suggested_year(client, "?year=2025") == "2025"  # the year shown
    upload(client, GOOD_CSV)
    assert suggested_year(client) == "2026"  # 2027 is done
    with app.app_context():
        db.session.execute(db.delete(CalendarYear))
        db.session.commit()
    monkeypatch.setattr("station.calendar.views.local_today", lambda tz: date(2026, 10, 31))
    assert suggested_year(client) == "2026"  # 2027 unconfirmed, but not due before November


def test_a_file_without_a_day_in_the_chosen_year_is_refused(app, client, auth):
    add_day(app, date(2027, 3, 1), name="旧的")
    auth.login("admin")
    response = upload(client, GOOD_CSV, year=2028)
    assert response.status_code == 400
    assert "Nothing was imported" in response.text
    assert "no day in 2028" in response.text and "2027" in response.text
    assert overrides(app) == {date(2027, 3, 1): ("holiday", "旧的")}
    assert confirmed_years(app) == set()
    assert audit_actions(app) == []


@pytest.mark.parametrize(
    ("extra", "line"),
    [("2026-11-30,workday,x\n", "Line 6"), ("2028-02-01,holiday,x\n", "Line 6")],
)
def test_a_day_far_from_the_chosen_year_is_refused(app, client, auth, extra, line):
    add_day(app, date(2027, 3, 1), name="旧的")
    auth.login("admin")
    response = upload(client, GOOD_CSV + extra)
    assert response.status_code == 400
    assert "Nothing was imported" in response.text
    assert line in response.text and "too far from 2027" in response.text
    assert overrides(app) == {date(2027, 3, 1): ("holiday", "旧的")}
    assert confirmed_years(app) == set()
    assert audit_actions(app) == []


def test_days_just_inside_the_window_are_accepted(app, client, auth):
    auth.login("admin")
    csv = "2026-12-01,workday,a\n2027-01-01,holiday,b\n2028-01-31,holiday,c\n"
    assert upload(client, csv).status_code == 302
    assert set(overrides(app)) == {date(2026, 12, 1), date(2027, 1, 1), date(2028, 1, 31)}
    assert confirmed_years(app) == {2027}


@pytest.mark.parametrize("year", ["", "abc", "1999", "2101"])
def test_a_bad_year_changes_nothing(app, client, auth, year):
    auth.login("admin")
    response = upload(client, GOOD_CSV, year=year)
    assert response.status_code == 400
    assert 'class="error"' in response.text
    assert overrides(app) == {}
    assert confirmed_years(app) == set()


BAD_FILES = [
    ("2027-02-30,holiday,春节\n", "Line 1"),
    ("date,kind,name\n2027-02-06,holiday,春节\n2027-2-6x,holiday,春节\n", "Line 3"),
    ("2027-02-06,vacation,春节\n", "Line 1"),
    ("2027-02-06,holiday\n", "Line 1"),
    ("2027-02-06,holiday,春节,extra\n", "Line 1"),
    ("2027-02-06;holiday;春节\n", "Line 1"),
    ("2027-02-06,holiday,春节\n2027-02-07,holiday,春节\nnonsense\n", "Line 3"),
    ("2027-02-06,holiday,春节\n2027-02-06,workday,春节\n", "Line 2"),
    ("date,kind,name\n", "no days"),
    ("", "no days"),
    ("2027-02-06,holiday,春节\n".encode("gbk"), "UTF-8"),
    ("2027-02-06,holiday,春节\n" * 5000, "too large"),
    ('2027-02-06,holiday,春节\n2027-02-07,holiday,"unclosed\n', "Line 2"),
    ('2027-02-06,holiday,"two\nlines"\n', "Line 2"),
]


@pytest.mark.parametrize(("content", "expected"), BAD_FILES)
def test_bad_csv_changes_nothing(app, client, auth, content, expected):
    add_day(app, date(2027, 3, 1), name="旧的")
    auth.login("admin")
    response = upload(client, content)
    assert response.status_code == 400
    assert expected in response.text
    assert "Nothing was imported" in response.text
    assert overrides(app) == {date(2027, 3, 1): ("holiday", "旧的")}
    assert confirmed_years(app) == set()
    assert audit_actions(app) == []


def test_import_without_a_file(app, client, auth):
    auth.login("admin")
    response = client.post(URL + "import", data={}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert confirmed_years(app) == set()


def test_confirm_a_year_entered_by_hand(app, client, auth):
    auth.login("admin")
    assert client.post(URL + "year/2027/confirm").status_code == 302
    assert confirmed_years(app) == {2027}
    assert client.post(URL + "year/2027/confirm").status_code == 302
    assert audit_actions(app) == [("calendar_year_confirmed", "2027")]
    assert 'class="notice warning' not in client.get("/").text


def test_warning_for_admins_and_heads_only(client, auth):
    auth.login("head")
    page = client.get("/").text
    assert "2027" in page and 'class="notice warning' in page
    assert 'href="/admin/calendar/' not in page
    auth.logout()
    auth.login("admin")
    assert 'href="/admin/calendar/?year=2027"' in client.get("/").text
    auth.logout()
    auth.login("clerk")
    assert 'class="notice warning' not in client.get("/").text


def test_no_warning_before_november_in_a_known_year(client, auth, monkeypatch):
    monkeypatch.setattr("station.calendar.warning.local_today", lambda tz: date(2026, 10, 31))
    auth.login("admin")
    assert 'class="notice warning' not in client.get("/").text


def test_calendar_changed_receivers_get_the_years(app, client, auth):
    seen: list[set[int]] = []

    def receive(_sender, *, years, **_):
        seen.append(years)

    auth.login("admin")
    with workdays.CALENDAR_CHANGED.connected_to(receive):
        client.post(URL + "day", data={"day": "2027-10-08", "kind": "holiday"})
        upload(client, "2028-01-03,holiday,x\n2027-12-26,workday,y\n", year=2028)
    assert seen == [{2027}, {2027, 2028}]


def test_a_failing_receiver_leaves_nothing_changed(app, client, auth):
    def refuse(_sender, **_) -> None:
        raise RuntimeError("cannot move deadlines")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    auth.login("admin")
    with workdays.CALENDAR_CHANGED.connected_to(refuse):
        assert upload(client, GOOD_CSV).status_code == 500
    assert overrides(app) == {}
    assert confirmed_years(app) == set()


def test_check_a_date(client, auth):
    auth.login("head")
    page = client.get(URL + "?year=2026&day=2026-09-30").text
    assert "a working day" in page and "not a working day" not in page
    # 3 working days after 30 Sep: Thu 8, Fri 9, Sat 10 Oct (an adjusted working day).
    assert "October 10, 2026" in page
    assert "October 15, 2026" in page  # 15 calendar days, a Thursday
    assert "not a working day" in client.get(URL + "?day=2026-10-01").text
    assert client.get(URL + "?day=nonsense").status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "?day=9999-12-31",
        "?day=9999-12-20",
        "?day=0001-01-01",
        "?year=2026&day=1999-12-31",
        "?year=12026&day=9999-12-31",
        "?year=-5&day=0001-01-01",
        "?day=10000-01-01",
    ],
)
def test_checking_a_date_beyond_the_calendar_says_so(client, auth, query):
    auth.login("head")
    response = client.get(URL + query)
    assert response.status_code == 200
    page = response.text
    assert "3 working days after it" not in page  # no answer computed for such a day
    if "10000" not in query:  # not a date at all: the form's own message
        assert "Choose a date between 2000 and 2100." in page


def test_checking_the_calendars_first_and_last_day(client, auth):
    auth.login("head")
    first = client.get(URL + "?day=2000-01-01").text
    assert "January 5, 2000" in first  # after Saturday 1 January: Mon 3, Tue 4, Wed 5
    last = client.get(URL + "?day=2100-12-31").text
    assert "3 working days after it" in last


def test_import_takes_the_kinds_in_the_schedules_own_words(app, client, auth):
    auth.login("admin")
    csv = (
        "日期,类型,名称\n"
        "2027-02-06,放假,春节\n"
        "2027-02-07,休,春节\n"
        "2027-02-20,班,春节调休\n"
        "2027-02-21,上班,春节调休\n"
        "2027-05-01,Holiday,劳动节\n"
    )
    assert upload(client, csv).status_code == 302
    assert overrides(app) == {
        date(2027, 2, 6): ("holiday", "春节"),
        date(2027, 2, 7): ("holiday", "春节"),
        date(2027, 2, 20): ("workday", "春节调休"),
        date(2027, 2, 21): ("workday", "春节调休"),
        date(2027, 5, 1): ("holiday", "劳动节"),
    }


def test_a_kind_it_does_not_know_is_named_with_the_words_it_takes(app, client, auth):
    client.post("/language", data={"locale": "zh_Hans_CN", "next": "/login"})
    auth.login("admin")
    response = upload(client, "2027-02-06,假期,春节\n")
    assert response.status_code == 400
    refusal = "第1行：类型应为放假（或休、holiday）或班（或上班、workday），而不是“假期”。"
    assert refusal in response.text
    assert overrides(app) == {}


def test_a_change_shows_on_the_next_page_though_the_calendar_is_kept(client, auth):
    """The calendar is kept between requests (calendar.service.load_calendar) until a
    write commits: a day made a holiday, then given back, shows each time at once."""
    auth.login("admin")
    check = URL + "?year=2026&day=2026-12-30"
    assert "not a working day" not in client.get(check).text  # a Wednesday
    assert "not a working day" not in client.get(check).text  # now from the kept calendar
    client.post(URL + "day", data={"day": "2026-12-30", "kind": "holiday", "name": "试"})
    assert "not a working day" in client.get(check).text
    client.post(URL + "day/2026-12-30/remove")
    assert "not a working day" not in client.get(check).text
