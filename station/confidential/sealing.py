"""Sealing by construction: a report's words never reach the database in plain text.

Whatever code writes a report's row — intake, an action on the case, an upload, a
disclosure request — the mapper events below take its protected fields out of
the INSERT or UPDATE, store them sealed in ``sealed`` (one row per record) and
leave the column blank. After the write the object in memory gets its words
back, so that the request that wrote them can go on using them (the search
index, a confirmation); nothing else ever reads them but ``gate.open_report``.
"""

import json
from typing import Any

from sqlalchemy import delete, event, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm.attributes import get_history, set_committed_value

from ..attachments.models import Attachment
from ..cases.models import Case, CaseEvent, Enclosure, Extension, Transfer
from ..rules.vocab import CONFIDENTIAL_KINDS
from .keyring import current_keys
from .keys import Keys
from .models import Disclosure, Referral, Sealed

# model -> (owner name in ``sealed``, protected fields). Every text a report's record holds.
CASE_FIELDS = (
    "subject", "content", "summary", "person_name", "person_phone", "person_id_number",
    "person_address", "postcode", "identity_document", "demands", "earlier_petitions",
    "skip_or_repeat_reason", "representatives", "external_ref", "superior_name",
    "superior_ref",
)  # fmt: skip
PROTECTED: dict[type, tuple[str, tuple[str, ...]]] = {
    Case: ("case", CASE_FIELDS),
    CaseEvent: ("event", ("note", "data")),
    Transfer: ("transfer", ("unit", "request", "result")),
    Extension: ("extension", ("reason", "decision_note")),
    Enclosure: ("enclosure", ("description", "kept_at")),
    Attachment: ("attachment", ("filename",)),
    Disclosure: ("disclosure", ("reason", "decision_reason")),
    Referral: ("referral", ("reason", "decision_reason")),
}
OWNER_MODEL = {owner: model for model, (owner, _fields) in PROTECTED.items()}
_STASH = "_sealed_plain"


def blank(field: str) -> Any:
    """What a protected column holds for a report: nothing."""
    if field == "data":
        return {}
    return ""


def context(owner: str, owner_id: int) -> str:
    return f"{owner}:{owner_id}"


def case_id_of(target: Any) -> int | None:
    return target.id if isinstance(target, Case) else target.case_id


def is_report(connection: Connection, target: Any) -> bool:
    if isinstance(target, Case):
        return target.kind in CONFIDENTIAL_KINDS
    kind = connection.scalar(select(Case.kind).where(Case.id == target.case_id))
    return kind in CONFIDENTIAL_KINDS


def read(connection: Connection, owner: str, owner_id: int) -> dict[str, Any]:
    blob = connection.scalar(
        select(Sealed.blob).where(Sealed.owner == owner, Sealed.owner_id == owner_id)
    )
    if blob is None:
        return {}
    plain = current_keys(connection).open(blob, context(owner, owner_id))
    return json.loads(plain.decode("utf-8"))


def seal_values(keys: Keys, owner: str, owner_id: int, values: dict[str, Any]) -> bytes:
    """The ``sealed.blob`` of a record's protected values, bound to the record."""
    return keys.seal(
        json.dumps(values, ensure_ascii=False, default=str).encode("utf-8"),
        context(owner, owner_id),
    )


def write(connection: Connection, owner: str, owner_id: int, case_id: int, values: dict) -> None:
    """Seal ``values`` over what the record had sealed before."""
    merged = {**read(connection, owner, owner_id), **values}
    blob = seal_values(current_keys(connection), owner, owner_id, merged)
    where = (Sealed.owner == owner, Sealed.owner_id == owner_id)
    if connection.scalar(select(Sealed.owner_id).where(*where)) is None:
        connection.execute(
            insert(Sealed).values(owner=owner, owner_id=owner_id, case_id=case_id, blob=blob)
        )
    else:
        connection.execute(update(Sealed).where(*where).values(blob=blob))


def _take_out(connection: Connection, target: Any, fields: tuple[str, ...], new: bool) -> None:
    """Before the write: move the protected values into the stash, blank the columns."""
    if not is_report(connection, target):
        return
    stash = take_out(target, fields, new)
    if stash:
        setattr(target, _STASH, stash)


def take_out(target: Any, fields: tuple[str, ...], new: bool = True) -> dict[str, Any]:
    """A report's record's protected values (all of a new one, else those changed), its
    columns left blank; what is to be sealed."""
    stash = {}
    for field in fields:
        if new or get_history(target, field).has_changes():
            value = getattr(target, field)
            # A column left to its default is None until the INSERT: its default is blank.
            stash[field] = blank(field) if value is None else value
            setattr(target, field, blank(field))
    return stash


def _seal(connection: Connection, target: Any, owner: str) -> None:
    """After the write (the row has its id): seal the stash, give the object its words back."""
    stash = target.__dict__.pop(_STASH, None)
    if not stash:
        return
    write(connection, owner, target.id, case_id_of(target), stash)
    for field, value in stash.items():
        set_committed_value(target, field, value)


def _forget(connection: Connection, target: Any, owner: str) -> None:
    connection.execute(delete(Sealed).where(Sealed.owner == owner, Sealed.owner_id == target.id))


def install() -> None:
    """Listen on every protected model (once per process)."""
    for model in PROTECTED:
        if event.contains(model, "before_insert", _listeners[model][0]):
            continue
        before_insert, before_update, after_write, after_delete = _listeners[model]
        event.listen(model, "before_insert", before_insert)
        event.listen(model, "before_update", before_update)
        event.listen(model, "after_insert", after_write)
        event.listen(model, "after_update", after_write)
        event.listen(model, "after_delete", after_delete)


def _make_listeners(owner: str, fields: tuple[str, ...]):
    def before_insert(_mapper: Any, connection: Connection, target: Any) -> None:
        _take_out(connection, target, fields, new=True)

    def before_update(_mapper: Any, connection: Connection, target: Any) -> None:
        _take_out(connection, target, fields, new=False)

    def after_write(_mapper: Any, connection: Connection, target: Any) -> None:
        _seal(connection, target, owner)

    def after_delete(_mapper: Any, connection: Connection, target: Any) -> None:
        _forget(connection, target, owner)

    return before_insert, before_update, after_write, after_delete


_listeners = {model: _make_listeners(owner, fields) for model, (owner, fields) in PROTECTED.items()}
