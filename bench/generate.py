"""The benchmark's data: N cases over ten years in a fresh instance, in bulk.

Each case is first a ``Plan``: its intake fields, when it was received and registered,
and the steps of the closed loop it went through (accept, reply, follow-up, close …),
each with its moment and actor. ``write_plans`` turns plans into rows with the app's own
functions — ``cases.service.new_case`` (the receipt's UTC moment and local day, the
policy's clocks copied, the due dates), ``refs.format_ref``, ``workflow.next_state``,
``service.apply_followup_deadline``, ``models.keep_next_due``, ``search.index.index_text``,
the gate's ``on_registered`` and ``sealing.take_out`` / ``seal_values`` for reports — and
inserts them many at a time with SQLAlchemy Core. Only what each action sets on the case
is written here, as ``cases/actions.py`` sets it; tests/bench/test_bench_generate.py
compares the rows with what ``service.register`` and the actions write for the same plan.

The stations' duties (suggestion boxes, the reporting-line log, reception day, key
persons) and a few dozen cases of each station come from the demo's own loaders, which
go through the real services.
"""

import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import func, insert, select, text

from station.accounts import add_station, create_user
from station.cases import service
from station.cases.models import Case, CaseEvent, CaseSequence, ReportSequence, keep_next_due
from station.cases.refs import format_ref, format_report_ref
from station.confidential import gate, sealing
from station.confidential.keyring import current_keys
from station.confidential.models import AccessEntry, Sealed
from station.demo.world import DEMO_USERS, DemoContext
from station.extensions import db
from station.models import Station, User
from station.policies.defaults import policy_for
from station.rules import roles as R
from station.rules import workflow
from station.rules.vocab import CONFIDENTIAL_KINDS, WORK_ORDER_LINES
from station.search.index import index_text
from station.search.models import CaseSearch
from station.timeutil import local_now, station_tz, to_utc, utcnow

from .words import Texts

SIZES = (10_000, 100_000, 1_000_000)
YEARS = 10
OPEN_SHARE = 0.02
CHUNK = 5_000
PASSWORD = "bench-password-2026"  # every generated account's; the instance is thrown away
STATIONS = ("城关供电所", "东岭供电所", "河口供电所")
STATION_WEIGHTS = (0.5, 0.3, 0.2)
# The bulk channels: box cases come only from a box opening (the boxes' own loader).
CHANNELS = ("phone", "phone", "phone", "counter", "visit", "letter", "transfer")
KINDS = ("complaint",) * 10 + ("consultation",) * 5 + ("suggestion",) * 3 + (
    "praise", "appeal", "report",
)  # fmt: skip
IMPORTANCE = ("general",) * 17 + ("important", "important", "urgent")
LINES = ("service", "service", "95598", "95598", "station", "12398", "12345", "other")


class Refused(ValueError):
    """A size or a target the generator will not take; ``str()`` says why."""


def check_size(size: int) -> int:
    if size not in SIZES:
        shown = ", ".join(f"{s:,}" for s in SIZES)
        raise Refused(f"The benchmark generates {shown} cases, not {size:,}.")
    return size


@dataclass
class Step:
    """One action of the closed loop: ``cases.actions.<action>(case, actor, **values)``."""

    action: str
    at: datetime  # naive UTC
    actor_id: int
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class Plan:
    station_id: int
    channel: str
    fields: dict[str, Any]
    received_local: datetime
    registered_by_id: int
    registered_at: datetime  # naive UTC: when the clerk registered it
    steps: list[Step] = field(default_factory=list)


@dataclass
class Staff:
    station_id: int
    clerks: list[int]  # user ids: the users' objects do not outlive a chunk's session
    head: int
    inspector: int
    topic_ids: list[int]


@dataclass
class World:
    """The stations and their staff, and what the bulk writer keeps between chunks."""

    staff: list[Staff]
    tz: str
    names: dict[int, str]  # user id -> display name (an assignment's event names them)
    next_case_id: int = 1
    next_event_id: int = 1
    numbers: dict[tuple[int, int, bool], int] = field(default_factory=dict)
    policies: dict[tuple[int, str, str], Any] = field(default_factory=dict)


# ---------------------------------------------------------------- stations and staff


def setup_stations(count: int = len(STATIONS)) -> list[Staff]:
    """The stations, each with the demo's staff (usernames prefixed after the first)."""
    staff = []
    for index, name in enumerate(STATIONS[:count]):
        station = add_station(name)
        prefix = "" if index == 0 else f"s{index + 1}_"
        users: dict[str, User] = {}
        for username, person, roles, in_station in DEMO_USERS:
            if not in_station and index > 0:
                continue
            user, _ = create_user(
                prefix + username,
                list(roles),
                name=person,
                station=station if in_station else None,
                password=PASSWORD,
            )
            user.must_change_password = False
            users[username] = user
        db.session.flush()
        clerks = [u for u in users.values() if R.CLERK in u.roles]
        head = next(u for u in users.values() if R.HEAD in u.roles)
        inspector = next(u for u in users.values() if u.station_id and R.INSPECTOR in u.roles)
        from station.policies.models import Topic

        topic_ids = list(db.session.scalars(select(Topic.id).where(Topic.station_id == station.id)))
        staff.append(Staff(station.id, [u.id for u in clerks], head.id, inspector.id, topic_ids))
    db.session.commit()
    return staff


def world_of(staff: list[Staff]) -> World:
    names = dict(db.session.execute(select(User.id, User.name)).all())
    names = {uid: db.session.get(User, uid).display_name for uid in names}
    world = World(staff=staff, tz=station_tz(), names=names)
    world.next_case_id = (db.session.scalar(select(func.max(Case.id))) or 0) + 1
    world.next_event_id = (db.session.scalar(select(func.max(CaseEvent.id))) or 0) + 1
    for model, report in ((CaseSequence, False), (ReportSequence, True)):
        for row in db.session.scalars(select(model)):
            world.numbers[(row.station_id, row.year, report)] = row.last
    return world


# ---------------------------------------------------------------- plans


def plans(world: World, size: int, seed: int = 2026) -> Iterator[Plan]:
    """``size`` cases received over the ten years up to now, oldest first; about 2% open."""
    rng = random.Random(seed)
    texts = Texts(rng)
    now = local_now(world.tz).replace(microsecond=0)
    first = now.date() - timedelta(days=365 * YEARS)
    span = (now.date() - first).days
    for i in range(size):
        day = first + timedelta(days=int(span * (i + rng.random()) / size))
        received = datetime.combine(day, time(8)) + timedelta(minutes=rng.randint(0, 570))
        received = min(received, now - timedelta(minutes=30))
        staff = rng.choices(world.staff, STATION_WEIGHTS[: len(world.staff)])[0]
        yield plan_one(rng, texts, world, staff, received, now)


def _fields(rng: random.Random, texts: Texts, staff: Staff, channel: str, received: datetime):
    kind = rng.choice(KINDS)
    anonymous = (kind == "report" and rng.random() < 0.4) or rng.random() < 0.03
    fields: dict[str, Any] = {
        "kind": kind,
        "importance": rng.choice(IMPORTANCE),
        "topic_id": rng.choice(staff.topic_ids),
        "subject": texts.subject(),
        "content": texts.content(),
        "anonymous": anonymous,
        "person_phone": texts.phone() if not anonymous or rng.random() < 0.3 else "",
    }
    if not anonymous:
        fields["person_name"] = texts.name()
        fields["person_address"] = texts.address()
        if rng.random() < 0.3:
            fields["person_id_number"] = texts.id_number()
    if channel == "phone":
        line = rng.choice(LINES)
        fields["phone_line"] = line
        if line in WORK_ORDER_LINES:
            fields["external_ref"] = f"GD{received:%Y%m%d}{rng.randint(0, 99999):05d}"
            fields["external_due"] = received.date() + timedelta(days=rng.choice((2, 3, 5)))
    elif channel == "letter":
        fields["postmark_date"] = received.date() - timedelta(days=rng.randint(1, 5))
        fields["postcode"] = "4373" + f"{rng.randint(0, 99):02d}"
    elif channel == "visit":
        fields["identity_checked"] = not anonymous
        fields["identity_document"] = "" if anonymous else "身份证"
        fields["demands"] = texts.sentence()
        if rng.random() < 0.05:
            fields["collective"] = True
            fields["headcount"] = rng.randint(5, 30)
            fields["representatives"] = "、".join(texts.name() for _ in range(2))
    elif channel == "transfer":
        fields["superior_name"] = rng.choice(("县信访局", "县供电公司", "镇政府"))
        fields["superior_ref"] = f"ZB{received:%Y}-{rng.randint(1, 999):03d}"
        fields["superior_due"] = received.date() + timedelta(days=rng.choice((10, 15, 30)))
    return fields


def plan_one(
    rng: random.Random, texts: Texts, world: World, staff: Staff, received: datetime, now: datetime
) -> Plan:
    """One case and its loop: closed (archived once a year old) unless recent, and now and
    then an old one left open (late)."""
    channel = rng.choice(CHANNELS)
    clerk = rng.choice(staff.clerks)
    utc = to_utc(received, world.tz)
    plan = Plan(
        station_id=staff.station_id,
        channel=channel,
        fields=_fields(rng, texts, staff, channel, received),
        received_local=received,
        registered_by_id=clerk,
        registered_at=utc + timedelta(minutes=rng.randint(1, 20)),
    )
    age = (now - received).days
    recent = age < 60 and rng.random() < 0.9
    left_open = recent or rng.random() < OPEN_SHARE / 4
    t = plan.registered_at

    def later(hours: float) -> datetime:
        nonlocal t
        t = t + timedelta(hours=hours * (0.5 + rng.random()))
        return t

    def step(action: str, actor: int, hours: float, **values: Any) -> None:
        plan.steps.append(Step(action, later(hours), actor, values))

    if channel == "counter" and not left_open and rng.random() < 0.3:
        step("answer_on_spot", clerk, 0.2, content=texts.sentence())
        step("note", clerk, 2, text=texts.sentence())
        if age > 400:
            step("archive", staff.head, 24 * 30, year=received.year, volume=f"{received:%Y}-01")
        return plan
    stop = rng.choice(("registered", "accepted", "review", "replied")) if left_open else ""
    if stop == "registered":
        step("remind", staff.head, 4, text=texts.sentence())
        step("note", clerk, 4, text=texts.sentence())
        return plan
    assignee = clerk
    if rng.random() < 0.3:
        assignee = rng.choice(staff.clerks)
        step("assign", staff.head, 1, assignee_id=assignee, note="")
    step("accept", assignee, 6)
    plan.steps[-1].values["contacted_at"] = plan.steps[-1].at
    reviewed = rng.random() < 0.2 or stop == "review"
    if reviewed:
        step("submit_review", assignee, 12, note=texts.sentence())
        if stop == "review":
            return plan
        step("review_instruction", staff.head, 12, instruction="请抓紧处理，按时答复。")
    elif stop == "accepted":
        step("note", assignee, 12, text=texts.sentence())
        return plan
    step("reply", assignee, 24, method=rng.choice(("phone", "phone", "letter", "in_person")),
         content=texts.sentence(), remedy="", superior_reply="")  # fmt: skip
    if stop == "replied":
        return plan
    satisfaction = rng.choices(("satisfied", "basically", "dissatisfied", "unreachable"),
                               (80, 12, 5, 3))[0]  # fmt: skip
    step("follow_up", assignee, 48, satisfaction=satisfaction, remarks="")
    step("close", assignee, 4, note="")
    if age > 400:
        step("archive", staff.head, 24 * 30, year=received.year, volume=f"{received:%Y}-01")
    return plan


# ---------------------------------------------------------------- rows


@dataclass
class Rows:
    cases: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    search: list[dict] = field(default_factory=list)
    sealed: list[dict] = field(default_factory=list)
    access: list[Any] = field(default_factory=list)  # ORM objects of on_registered


_CASE_COLUMNS = [c for c in Case.__table__.columns]
_EVENT_FIELDS = sealing.PROTECTED[CaseEvent][1]


def _defaults(case: Case) -> None:
    """The column defaults the INSERT gives a case (``""``, False …), at once: the index and
    the sealing read the case as the app's flushed case is read."""
    for column in _CASE_COLUMNS:
        default = column.default
        if default is not None and default.is_scalar and getattr(case, column.key) is None:
            setattr(case, column.key, default.arg)


def _case_row(case: Case) -> dict:
    return {column.key: getattr(case, column.key) for column in _CASE_COLUMNS}


def _policy(world: World, station_id: int, kind: str, importance: str):
    key = (station_id, kind, importance)
    if key not in world.policies:
        world.policies[key] = policy_for(*key)
    return world.policies[key]


def _ref(world: World, case: Case, year: int) -> str:
    """The next number of the station's year, as ``refs.next_ref`` would take it."""
    report = case.kind in CONFIDENTIAL_KINDS
    key = (case.station_id, year, report)
    world.numbers[key] = world.numbers.get(key, 0) + 1
    fmt = format_report_ref if report else format_ref
    return fmt(key[1], world.numbers[key])


def build(world: World, plan: Plan, rows: Rows) -> Case:
    """The rows of one planned case, appended to ``rows``; the case (transient) returned."""
    case = service.new_case(
        station_id=plan.station_id,
        channel=plan.channel,
        fields=plan.fields,
        received_local=plan.received_local,
        registered_by_id=plan.registered_by_id,
        tz=world.tz,
        policy=lambda *key: _policy(world, *key),
    )
    _defaults(case)
    case.id = world.next_case_id
    world.next_case_id += 1
    case.ref = _ref(world, case, plan.received_local.year)
    case.registered_at = plan.registered_at
    case.status = workflow.REGISTERED
    events = [_event(world, case, plan.registered_by_id, plan.registered_at, "registered", "",
                     channel=plan.channel)]  # fmt: skip
    for step in plan.steps:
        events.append(apply_step(world, case, step))
    keep_next_due(None, None, case)
    report = case.kind in CONFIDENTIAL_KINDS
    rows.search.append({"case_id": case.id, "station_id": case.station_id,
                        "tokens": index_text(case)})  # fmt: skip
    if report:
        before = set(db.session.new)
        gate.on_registered(case)  # identity marks and the access log's first entry
        for obj in set(db.session.new) - before:
            if isinstance(obj, AccessEntry):
                obj.at = plan.registered_at
            rows.access.append(obj)
        _seal(world, rows, "case", case.id, case.id, sealing.take_out(case, sealing.CASE_FIELDS))
    rows.cases.append(_case_row(case))
    for ev in events:
        if report:
            obj = CaseEvent(note=ev["note"], data=ev["data"])
            _seal(world, rows, "event", ev["id"], case.id, sealing.take_out(obj, _EVENT_FIELDS))
            ev["note"], ev["data"] = obj.note, obj.data
        rows.events.append(ev)
    return case


def _seal(world: World, rows: Rows, owner: str, owner_id: int, case_id: int, values: dict) -> None:
    keys = current_keys(db.session.connection())
    blob = sealing.seal_values(keys, owner, owner_id, values)
    rows.sealed.append({"owner": owner, "owner_id": owner_id, "case_id": case_id, "blob": blob})


def _event(world: World, case: Case, actor_id: int | None, at: datetime, action: str,
           note: str = "", **data: Any) -> dict:  # fmt: skip
    row = {"id": world.next_event_id, "case_id": case.id, "at": at, "actor_id": actor_id,
           "action": action, "note": note, "data": service.event_data(**data)}  # fmt: skip
    world.next_event_id += 1
    return row


def apply_step(world: World, case: Case, step: Step) -> dict:
    """What ``cases.actions.<step.action>`` sets on the case, and its event's row."""
    v = step.values
    facts = workflow.Facts(review_pending=bool(case.review_pending))
    case.status = workflow.next_state(step.action, case.status, facts)

    def ev(note: str = "", **data: Any) -> dict:
        return _event(world, case, step.actor_id, step.at, step.action, note, **data)

    match step.action:
        case "accept":
            case.contacted_at = v["contacted_at"]
            if case.assignee_id is None:
                case.assignee_id = step.actor_id
            return ev(v.get("note", ""), contacted_at=v["contacted_at"])
        case "assign":
            before = world.names[case.assignee_id] if case.assignee_id else ""
            case.assignee_id = v["assignee_id"]
            return ev(v.get("note", ""), assignee=world.names[v["assignee_id"]], before=before)
        case "submit_review":
            case.review_pending = True
            return ev(v.get("note", ""), due=case.due_review)
        case "review_instruction":
            case.review_pending = False
            return ev(v["instruction"])
        case "note":
            return ev(v["text"])
        case "remind":
            return ev(v["text"], assignee=case.assignee_id)
        case "reply":
            case.replied_at = step.at
            case.reply_method = v["method"]
            service.apply_followup_deadline(case, world.tz)
            return ev(v["content"], method=v["method"], remedy=v.get("remedy", ""),
                      superior_reply=v.get("superior_reply", ""))  # fmt: skip
        case "answer_on_spot":
            case.on_the_spot = True
            case.contacted_at = case.replied_at = case.closed_at = step.at
            case.reply_method = "in_person"
            case.assignee_id = case.assignee_id or step.actor_id
            return ev(v["content"])
        case "follow_up":
            case.followed_up_at = step.at
            case.satisfaction = v["satisfaction"]
            return ev(v.get("remarks", ""), satisfaction=v["satisfaction"])
        case "close":
            case.closed_at = step.at
            return ev(v.get("note", ""))
        case "archive":
            case.archived_at = step.at
            case.archive_year = v["year"]
            case.archive_volume = v["volume"]
            return ev("", year=v["year"], volume=v["volume"])
    raise ValueError(f"the generator has no step {step.action}")


# ---------------------------------------------------------------- writing


def write_plans(world: World, planned: Iterable[Plan], chunk: int = CHUNK) -> int:
    """Write the planned cases, ``chunk`` at a time, each chunk committed; returns the count."""
    count = 0
    batch: list[Plan] = []
    for plan in planned:
        batch.append(plan)
        if len(batch) == chunk:
            count += _write(world, batch)
            batch = []
    if batch:
        count += _write(world, batch)
    _sequences(world)
    db.session.commit()
    return count


def _write(world: World, batch: list[Plan]) -> int:
    rows = Rows()
    with db.session.no_autoflush:  # the gate's rows wait for their cases' rows
        for plan in batch:
            build(world, plan, rows)
    conn = db.session.connection()
    conn.execute(insert(Case), rows.cases)
    conn.execute(insert(CaseEvent), rows.events)
    conn.execute(insert(CaseSearch), rows.search)
    if rows.sealed:
        conn.execute(insert(Sealed), rows.sealed)
    db.session.flush()  # the gate's identity marks and access entries
    db.session.commit()
    for obj in rows.access:
        db.session.expunge(obj)  # nothing of a chunk stays in memory
    return len(batch)


def _sequences(world: World) -> None:
    """The stations' reference counters where the bulk left them; PostgreSQL's id sequences
    past the ids given here, so that the next case registered takes the next id."""
    for (station_id, year, report), last in world.numbers.items():
        model = ReportSequence if report else CaseSequence
        row = db.session.get(model, (station_id, year))
        if row is None:
            db.session.add(model(station_id=station_id, year=year, last=last))
        else:
            row.last = last
    db.session.flush()
    if db.engine.dialect.name == "postgresql":
        for table in ("cases", "case_event"):
            sequence = f"pg_get_serial_sequence('{table}', 'id')"
            db.session.execute(text(f"SELECT setval({sequence}, (SELECT max(id) FROM {table}))"))


# ---------------------------------------------------------------- the duties


class _StationContext(DemoContext):
    """The demo's world for one of several stations: random streams of its own (a reception
    form's one-time key, drawn from them, is unique across the installation)."""

    def random(self, feature: str) -> random.Random:
        return random.Random(f"bench:{self.station.id}:{feature}")


def load_duties(staffs: list[Staff]) -> list[str]:
    """Each station's duties and a few dozen cases, through the demo's loaders (the real
    services): boxes and their openings, the reporting-line log, reception days, key
    persons and their visits, reports naming people."""
    from station.box.demo import load_boxes
    from station.cases.demo import load_cases
    from station.confidential.demo import load_reports
    from station.hotline.demo import load_hotline
    from station.people.demo import load_visits
    from station.reception.demo import load_reception

    lines = []
    for index, staff in enumerate(staffs):
        station = db.session.get(Station, staff.station_id)
        prefix = "" if index == 0 else f"s{index + 1}_"
        users = {}
        for username, *_rest in DEMO_USERS:
            user = db.session.scalar(select(User).where(User.username == prefix + username))
            users[username] = user or db.session.scalar(
                select(User).where(User.username == username)
            )
        ctx = _StationContext(station=station, users=users)
        for feature in (load_cases, load_reports, load_reception, load_boxes, load_hotline,
                        load_visits):  # fmt: skip
            lines += [f"{station.name}: {line}" for line in feature(ctx)]
        db.session.commit()
    return lines


def generate(
    size: int, *, seed: int = 2026, chunk: int = CHUNK, stations: int = len(STATIONS)
) -> list[str]:
    """Everything, into the app's (empty, migrated) database; returns lines to print. Any
    size (the tests use a few cases); the command takes only ``SIZES``."""
    started = utcnow()
    staff = setup_stations(stations)
    lines = load_duties(staff)  # first: the demo's cases are made only in a station with none
    world = world_of(staff)
    written = write_plans(world, plans(world, size, seed), chunk)
    lines.append(f"Bulk cases: {written:,}")
    total = db.session.scalar(select(func.count(Case.id)))
    lines.append(
        f"Cases in all: {total:,}; generated in {(utcnow() - started).total_seconds():.0f} s"
    )
    return lines
