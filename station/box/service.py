"""The suggestion boxes: their settings, recording an opening (its items become cases of
channel ``box``), and what the boxes owe (the duty source "box"). The view commits."""

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import func, select

from ..cases import service as cases
from ..cases.models import Case
from ..duties.registry import DutyItem
from ..extensions import db
from ..i18n import lazy_gettext as _l
from ..models import User
from ..rules import roles as R
from ..timeutil import local_now, local_today, station_tz
from . import schedule
from .models import BoxItem, BoxOpening, SuggestionBox

ITEM_KINDS = ("suggestion", "complaint", "praise", "report")
# The time of day given to an item of an opening made on an earlier day.
EARLIER_DAY_TIME = time(12, 0)


class OpeningRefused(ValueError):
    """An opening that cannot be recorded: ``errors`` maps a field name to its message."""

    def __init__(self, errors: dict[str, object]) -> None:
        super().__init__(", ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Item:
    kind: str
    subject: str
    content: str
    person_name: str = ""
    person_phone: str = ""


@dataclass(frozen=True)
class Witness:
    user_id: int | None = None
    name: str = ""


def boxes(station_id: int, *, include_inactive: bool = True) -> list[SuggestionBox]:
    query = select(SuggestionBox).where(SuggestionBox.station_id == station_id)
    if not include_inactive:
        query = query.where(SuggestionBox.active.is_(True))
    return list(db.session.scalars(query.order_by(SuggestionBox.active.desc(), SuggestionBox.id)))


def possible_openers(station_id: int) -> list[User]:
    """The station's active clerks and heads: those who may be designated to open a box."""
    users = db.session.scalars(
        select(User)
        .where(User.station_id == station_id, User.active.is_(True))
        .order_by(User.name, User.username)
    )
    return [u for u in users if u.has_role(R.CLERK, R.HEAD)]


def station_users(station_id: int) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .where(User.station_id == station_id, User.active.is_(True))
            .order_by(User.name, User.username)
        )
    )


def save_box(
    box: SuggestionBox | None,
    station_id: int,
    *,
    place: str,
    interval_days: int,
    active: bool,
    opener_ids: list[int],
    today: date,
) -> SuggestionBox:
    """Create (``box`` None) or change a box; the openers must be the station's."""
    if box is None:
        box = SuggestionBox(station_id=station_id, created_on=today)
        db.session.add(box)
    box.place, box.interval_days, box.active = place, interval_days, active
    allowed = {u.id: u for u in possible_openers(station_id)}
    box.openers = [allowed[i] for i in opener_ids if i in allowed]
    db.session.flush()
    return box


def openings(box: SuggestionBox) -> list[BoxOpening]:
    """The box's openings, latest first."""
    return list(
        db.session.scalars(
            select(BoxOpening)
            .where(BoxOpening.box_id == box.id)
            .order_by(BoxOpening.opened_on.desc(), BoxOpening.id.desc())
        )
    )


def last_opened(box: SuggestionBox) -> date | None:
    return db.session.scalar(
        select(func.max(BoxOpening.opened_on)).where(BoxOpening.box_id == box.id)
    )


def next_due(box: SuggestionBox) -> date:
    return schedule.due_date(last_opened(box), box.created_on, box.interval_days)


def cases_of(opening: BoxOpening) -> list[Case]:
    """The cases the opening's items became, in the order they were entered."""
    return list(
        db.session.scalars(
            select(Case)
            .join(BoxItem, BoxItem.case_id == Case.id)
            .where(BoxItem.opening_id == opening.id)
            .order_by(BoxItem.position, BoxItem.id)
        )
    )


def opening_of_case(case_id: int) -> BoxOpening | None:
    return db.session.scalar(select(BoxOpening).join(BoxItem).where(BoxItem.case_id == case_id))


def check_opening(
    box: SuggestionBox,
    *,
    opened_on: date | None,
    opener_id: int | None,
    witness: Witness,
    item_count: int | None,
    items: list[Item],
    today: date,
) -> dict[str, object]:
    """Every reason the opening cannot be recorded, by field (empty: it can)."""
    errors: dict[str, object] = {}
    previous = last_opened(box)
    if opened_on is None:
        errors["opened_on"] = _l("Enter the day the box was opened.")
    elif opened_on > today:
        errors["opened_on"] = _l("An opening cannot be in the future.")
    elif previous is not None and opened_on < previous:
        errors["opened_on"] = _l(
            "The box was last opened on %(day)s: an opening cannot be before it.",
            day=previous.isoformat(),
        )
    if opener_id not in {u.id for u in box.openers}:
        errors["opener"] = _l("The opener must be one of the people designated for this box.")
    if witness.user_id is None and not witness.name:
        errors["witness"] = _l("Name the witness: a user of the station or another person.")
    elif witness.user_id is not None and witness.user_id == opener_id:
        errors["witness"] = _l("The opener cannot be their own witness.")
    elif witness.user_id is not None and witness.user_id not in {
        u.id for u in station_users(box.station_id)
    }:
        errors["witness"] = _l("The witness must be a user of this station or a named person.")
    if item_count is None or item_count < 0:
        errors["item_count"] = _l("Enter how many items were found (0 if none).")
    elif item_count != len(items):
        errors["item_count"] = _l(
            "%(count)s items were found but %(rows)s entered: enter every item, or correct "
            "the count.",
            count=item_count,
            rows=len(items),
        )
    return errors


def record_opening(
    box: SuggestionBox,
    user: User,
    *,
    opened_on: date | None,
    opener_id: int | None,
    witness: Witness,
    item_count: int | None,
    items: list[Item],
    tz: str,
) -> tuple[BoxOpening, list[Case]]:
    """Record the opening and register each item as a case of channel ``box``, or raise
    ``OpeningRefused`` having saved nothing. A report item is sealed by registering it."""
    today = local_today(tz)
    errors = check_opening(
        box,
        opened_on=opened_on,
        opener_id=opener_id,
        witness=witness,
        item_count=item_count,
        items=items,
        today=today,
    )
    if errors:
        raise OpeningRefused(errors)
    assert opened_on is not None and opener_id is not None and item_count is not None
    opening = BoxOpening(
        station_id=box.station_id,
        box_id=box.id,
        opened_on=opened_on,
        opener_id=opener_id,
        witness_id=witness.user_id,
        witness_name="" if witness.user_id else witness.name,
        item_count=item_count,
        recorded_by_id=user.id,
    )
    db.session.add(opening)
    db.session.flush()
    received = _received_at(opened_on, today, tz)
    made = []
    for position, item in enumerate(items):
        case = cases.register(
            station_id=box.station_id,
            channel="box",
            fields=_fields(item),
            received_local=received,
            registered_by=user,
            tz=tz,
        )
        db.session.add(BoxItem(opening_id=opening.id, case_id=case.id, position=position))
        made.append(case)
    db.session.flush()
    return opening, made


def _received_at(opened_on: date, today: date, tz: str) -> datetime:
    if opened_on == today:
        return local_now(tz).replace(tzinfo=None, microsecond=0)
    return datetime.combine(opened_on, EARLIER_DAY_TIME)


def _fields(item: Item) -> dict[str, object]:
    anonymous = not (item.person_name or item.person_phone)
    return {
        "kind": item.kind,
        "importance": "general",
        "subject": item.subject,
        "content": item.content,
        "person_name": item.person_name,
        "person_phone": item.person_phone,
        "anonymous": anonymous,
    }


def owed(station_id: int, today: date) -> list[DutyItem]:
    """The duty source "box": every active box due by ``today`` (due today, or late)."""
    found = []
    for box in boxes(station_id, include_inactive=False):
        due = next_due(box)
        if due <= today:
            found.append(
                DutyItem(
                    duty="box",
                    label=str(_l("Suggestion box: %(place)s", place=box.place)),
                    due=due,
                    endpoint="box.show",
                    params={"box_id": box.id},
                )
            )
    return found


def default_today() -> date:
    return local_today(station_tz())
