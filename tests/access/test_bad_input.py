"""Garbage sent to every case, intake, search, attachment and policy route: never a 500.

Every request goes through the app as a logged-in user; an exception or a 5xx
is collected, and the test lists them all, so that one run shows every hole.
The values are those that broke pages once: numbers beyond 64 bits (SQLite's
driver overflows), dates of year 1 or 9999 (UTC conversion overflows), NUL
characters (PostgreSQL refuses them), and huge page numbers.
"""

import re
import uuid
from datetime import timedelta

import pytest
from case_helpers import act, local_now, make_case, move_to, submit_for_review, today
from conftest import user_id
from helpers import add_installation_admin
from sqlalchemy import func, select
from wtforms import FieldList, FormField

from station.cases.forms import FORMS as ACTION_FORMS
from station.cases.models import Transfer
from station.extensions import db
from station.intake.channels import FORMS as INTAKE_FORMS
from station.policies.forms import PolicyForm, RenameTopicForm, TopicForm

BLUEPRINTS = ("cases.", "intake.", "search.", "attachments.", "policies.")
HUGE = "9" * 30
NUL = "a\x00b"
VALUES = ("", "abc", "-1", HUGE, "2026-13-45", "0001-01-01", "9999-12-31", "x" * 20_000, NUL)
ODD_REFS = ("no-such", "2026-" + HUGE, "x'\"<>%25", "%00", "x" * 300)
QUERY = {
    "page": ("abc", "-5", "0", HUGE),
    "q": ("x" * 5000, "2026-" + HUGE, NUL, "'\"*()", "1" * 40, "电", "NEAR(a b)"),
    "channel": ("nonsense", NUL),
    "status": ("nonsense",),
    "assignee": ("abc", HUGE, "-1"),
    "received_from": ("2026-99-99", "0001-01-01", "9999-12-31"),
    "received_to": ("0001-01-01", "9999-12-31"),
    "phone": (NUL, "x" * 500),
    "id_number": (NUL,),
    "station": ("abc", HUGE, str(2**31), "-1"),
    "index": ("abc", HUGE, "-" + HUGE),
}
INTAKE_BASE = {
    "subject": "停电",
    "kind": "complaint",
    "importance": "general",
    "received_date": "2026-03-02",
    "received_time": "00:30",  # a year-1 date then falls before UTC begins
    "phone_line": "station",
    "superior_name": "县公司",
}


def fields(app, form_cls, prefix: str = "") -> dict[str, str]:
    """Name -> type of the fields a form posts (a list of rows: each row's fields)."""
    with app.test_request_context(method="POST"):
        form = form_cls(prefix=prefix)
        rows = [f for top in form for f in (top if isinstance(top, FieldList) else [top])]
        flat = [s for f in rows for s in (f if isinstance(f, FormField) else [f])]
        return {f.name: f.type for f in flat}


def field_names(app, form_cls, prefix: str = "") -> list[str]:
    return list(fields(app, form_cls, prefix))


def sharp(field_type: str) -> tuple[str, ...]:
    """The values that pass a field's own type check and then reach the code behind it."""
    if field_type == "DateField":
        return ("0001-01-01", "9999-12-31")
    if field_type == "DateTimeLocalField":
        return ("0001-01-01T00:00", "9999-12-31T23:59")
    if field_type in ("IntegerField", "SelectField", "RadioField"):
        return (HUGE, "-1")
    return ("x" * 20_000, NUL)


class Failures(list):
    def check(self, client, method: str, url: str, **kwargs) -> None:
        try:
            response = client.open(url, method=method, **kwargs)
        except Exception as exc:
            self.append(f"{method} {url[:120]} {kwargs.get('data', '')!s:.80}: {exc!r:.200}")
            return
        if response.status_code >= 500:
            self.append(f"{method} {url[:120]} {kwargs.get('data', '')!s:.80}: 500")


@pytest.fixture
def failures():
    found = Failures()
    yield found
    assert not found, "\n".join(found)


def rule_urls(app, ref: str) -> list[tuple[str, str]]:
    """(method, url) of every route of the blueprints, filled with odd and real values."""
    out = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith(BLUEPRINTS):
            continue
        for method in [*sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}), "PUT"]:
            pairs = [(ref, HUGE), (ref, str(2**31)), *((odd, HUGE) for odd in ODD_REFS)]
            for value, number in pairs:
                url = rule.rule.replace("<ref>", value)
                url = re.sub(r"<int:\w+>", number, url)
                url = re.sub(r"<any\(([a-z]+)[^>]*>", r"\1", url)
                out.append((method, re.sub(r"<[^>]+>", "nonsense", url)))
    return out


def test_odd_values_in_every_url(app, client, auth, failures):
    ref = make_case(app, registered_by="head")
    add_installation_admin(app)
    for username in ("head", "admin", "root"):
        auth.login(username)
        for method, url in rule_urls(app, ref):
            failures.check(client, method, url, data={"x": NUL})
        auth.logout()


def test_odd_query_strings(app, client, auth, failures):
    add_installation_admin(app)
    for username, prefix in (("head", "/"), ("root", "/admin/")):
        auth.login(username)
        for rule in app.url_map.iter_rules():
            pages = rule.endpoint.startswith(BLUEPRINTS) and rule.rule.startswith(prefix)
            if not pages or rule.arguments or "GET" not in (rule.methods or ()):
                continue
            for name, values in QUERY.items():
                for value in values:
                    failures.check(client, "GET", rule.rule, query_string={name: value})
        auth.logout()


def test_garbage_in_every_handling_form(app, client, auth, failures):
    auth.login("head")
    for action, form_cls in ACTION_FORMS.items():
        ref = _ready_case(app, client, action)
        for value in VALUES:
            data = dict.fromkeys(field_names(app, form_cls, action), value)
            failures.check(client, "POST", f"/cases/{ref}/act/{action}", data=data)
    failures.check(client, "POST", f"/cases/{ref}/act/note", headers={"HX-Request": "true"})


# The state (and what is pending) in which each action is offered, and valid values.
READY = {
    "accept": "registered", "answer_on_spot": "registered", "follow_up": "replied",
    "close": "followed_up", "reopen_appeal": "followed_up", "archive": "closed",
}  # fmt: skip
PENDING = {"transfer_result": "transfer", "review_instruction": "submit_review",
           "decide_extension": "request_extension"}  # fmt: skip


def _valid(app, action: str) -> dict[str, str]:
    soon = (today(app) + timedelta(days=30)).isoformat()
    moment = (local_now(app) - timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M")
    return {
        "contacted_at": moment, "due": soon, "new_due": soon, "year": "2026", "unit": "营销班",
        "method": "letter", "decision": "approve", "satisfaction": "dissatisfied",
        "assignee": str(user_id(app, "clerk")), "volume": "1", "transfer": str(_last_transfer(app)),
    }  # fmt: skip


def _last_transfer(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.max(Transfer.id))) or 0


def _ready_case(app, client, action: str) -> str:
    ref = make_case(app, registered_by="head")
    move_to(app, ref, READY.get(action, "accepted"), actor="head")
    if action == "review_instruction":  # a clerk's step: the head does not submit to himself
        submit_for_review(app, ref)
    elif action in PENDING:
        first = PENDING[action]
        data = {n.split("-", 1)[1]: "准备" for n in field_names(app, ACTION_FORMS[first], first)}
        data.update({k: v for k, v in _valid(app, first).items() if k in data})
        assert act(client, ref, first, **data).status_code == 303, first
    return ref


def test_sharp_values_in_one_field_of_a_valid_handling_form(app, client, auth, failures):
    auth.login("head")
    for action, form_cls in ACTION_FORMS.items():
        types = {n.split("-", 1)[1]: t for n, t in fields(app, form_cls, action).items()}
        names = list(types)
        for name in names:
            for value in sharp(types[name]):
                ref = _ready_case(app, client, action)
                valid = {n: _valid(app, action).get(n, "文本") for n in names if n != "submit"}
                data = {f"{action}-{k}": v for k, v in {**valid, name: value}.items()}
                if client.post(f"/cases/{ref}/act/{action}", data=data).status_code == 303:
                    for page in ("", "/print", "/receipt", "/reply-letter"):
                        failures.check(client, "GET", f"/cases/{ref}{page}")
    failures.check(client, "GET", "/cases/?overdue=y")
    failures.check(client, "GET", "/")


def test_sharp_values_in_one_field_of_a_valid_intake_form(app, client, auth, failures):
    auth.login("head")
    for channel, form_cls in INTAKE_FORMS.items():
        for name, field_type in fields(app, form_cls).items():
            for value in sharp(field_type):
                data = {**INTAKE_BASE, name: value, "intake_token": uuid.uuid4().hex}
                failures.check(client, "POST", f"/cases/new?channel={channel}", data=data)
        for value in VALUES:
            data = dict.fromkeys(field_names(app, form_cls), value)
            failures.check(client, "POST", f"/cases/new?channel={channel}", data=data)
    failures.check(client, "GET", "/cases/")
    failures.check(client, "GET", "/search?q=停电")


def test_garbage_in_policy_and_topic_forms(app, client, auth, failures):
    auth.login("admin")
    client.get("/admin/policies")  # the station's rows exist from here on
    forms = [(f"/admin/policies/{n}", PolicyForm, f"p{n}") for n in (1, 2)]
    forms += [("/admin/topics", TopicForm, ""), ("/admin/topics/1/rename", RenameTopicForm, "t1")]
    for url, form_cls, prefix in forms:
        for value in VALUES:
            data = dict.fromkeys(field_names(app, form_cls, prefix), value)
            failures.check(client, "POST", url, data=data)


def test_a_huge_audit_page_number_shows_an_empty_page(client, auth):
    """?page= beyond any offset the database can hold is a page with no rows, not a 500."""
    auth.login("admin")
    assert client.get("/admin/audit?page=99999999999999999999").status_code == 200
