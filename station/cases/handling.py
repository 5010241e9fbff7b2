"""The case page's actions: building their forms and running them.

The view decides who may act and commits; this module turns a valid form into
a call of ``actions`` (``refusals.py`` says why a move is refused).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import url_for
from sqlalchemy import select
from wtforms import SelectChoice

from ..confidential import gate
from ..extensions import db
from ..i18n import gettext as _
from ..models import User
from ..rules import workflow
from ..rules.vocab import SATISFACTION
from ..timeutil import local_today, to_local, to_utc
from . import actions, labels, permissions
from .forms import FORMS, ActionForm, local_now
from .models import Case, CaseEvent, Extension, Transfer
from .page import has_superior
from .service import facts

ActionError = actions.ActionError


@dataclass(frozen=True)
class Outcome:
    """What the user is told after a successful action, and where to go next."""

    message: str
    link: str | None = None
    link_label: str | None = None
    redirect_to: str | None = None


def build_form(action: str, case: Case, tz: str, *, submitted: bool = False) -> ActionForm:
    """The form of ``action`` for this case: with the POSTed data, or with defaults."""
    cls = FORMS[action]
    form = cls(prefix=action) if submitted else cls(formdata=None, prefix=action)
    form.received_local = to_local(case.received_at, tz).replace(tzinfo=None)
    form.current_due = case.due_reply_effective
    if not submitted:
        _defaults(action, form, case)
    _choices(action, form, case)
    return form


def _defaults(action: str, form: Any, case: Case) -> None:
    if action == "accept":
        form.contacted_at.data = local_now()
    elif action == "archive":
        form.year.data = local_now().year
    elif action == "reply":
        form.method.data = reply_method(case)


# The way back to the person that the way they came suggests.
_REPLY_BY_CHANNEL = {"phone": "phone", "letter": "letter", "visit": "in_person"}


def reply_method(case: Case) -> str | None:
    """The reply method to preselect: the channel's own, if the person can be reached that
    way, else by phone or letter if a number or an address was given; None leaves it open."""
    method = _REPLY_BY_CHANNEL.get(case.channel)
    if method == "phone" and not case.person_phone:
        method = None
    if method == "letter" and not case.person_address:
        method = None
    if method is None:
        method = "phone" if case.person_phone else "letter" if case.person_address else None
    return method


def _choices(action: str, form: Any, case: Case) -> None:
    if action == "assign":
        form.assignee.choices = [SelectChoice("", _("Please choose"))] + [
            SelectChoice(u.id, u.display_name) for u in assignable(case)
        ]
    elif action == "transfer_result":
        form.transfer.choices = [
            SelectChoice(t.id, _("%(unit)s: %(request)s", unit=t.unit, request=t.request[:40]))
            for t in open_transfers(case)
        ]
    elif action == "follow_up":
        # "Unreachable" also when a phone was given: it rang and nobody answered.
        form.satisfaction.choices = [SelectChoice(v, labels.SATISFACTION[v]) for v in SATISFACTION]
    elif action == "reply" and not has_superior(case):
        del form.superior_reply


def assignable(case: Case) -> list[User]:
    """The active users of the case's station it may be assigned to (permissions.may_hold),
    but never a person the report names (the gate's exclusions)."""
    users = db.session.scalars(
        select(User).where(User.station_id == case.station_id, User.active.is_(True))
    )
    holders = [u for u in users if permissions.may_hold(u, case)]
    excluded = gate.excluded_user_ids(case, [u.id for u in holders])
    return sorted((u for u in holders if u.id not in excluded), key=lambda u: u.display_name)


def open_transfers(case: Case) -> list[Transfer]:
    return list(
        db.session.scalars(
            select(Transfer)
            .where(Transfer.case_id == case.id, Transfer.result_at.is_(None))
            .order_by(Transfer.id)
        )
    )


def offered(case: Case, user: Any, case_facts: workflow.Facts | None = None) -> list[str]:
    """The actions the case page offers this user now: legal for the case, allowed to them."""
    return [
        a
        for a in workflow.allowed_actions(
            case.status, facts(case) if case_facts is None else case_facts
        )
        if a in FORMS and gate.may_act(user, a, case)
    ]


def perform(action: str, case: Case, form: Any, actor: User, tz: str) -> Outcome:
    """Run the action with the form's data (no commit); raises IllegalMove or ActionError."""
    return _PERFORM[action](case, form, actor, tz)


def _text(field: Any) -> str:
    return (field.data or "").strip()


def _saved(action: str) -> Outcome:
    return Outcome(_("Saved: %(action)s.", action=labels.ACTION[action]))


def _accept(case, form, actor, tz) -> Outcome:
    contacted: datetime = to_utc(form.contacted_at.data, tz)
    actions.accept(case, actor, contacted_at=contacted, note=_text(form.note))
    return _saved("accept")


def _assign(case, form, actor, tz) -> Outcome:
    assignee = db.session.get(User, form.assignee.data)
    if assignee is None or assignee not in assignable(case):
        raise ActionError("no_such_user")
    actions.assign(case, actor, assignee=assignee, note=_text(form.note))
    return Outcome(_("Assigned to %(name)s.", name=assignee.display_name))


def _transfer(case, form, actor, tz) -> Outcome:
    item = actions.transfer(
        case, actor, unit=_text(form.unit), request=_text(form.request),
        due=form.due.data, today=local_today(tz),
    )  # fmt: skip
    return Outcome(
        _("Transferred to %(unit)s.", unit=item.unit),
        link=url_for("cases.transfer_slip", ref=case.ref, transfer_id=item.id),
        link_label=_("Print the transfer slip"),
    )


def _transfer_result(case, form, actor, tz) -> Outcome:
    item = db.session.get(Transfer, form.transfer.data)
    if item is None:
        raise ActionError("no_open_transfer")
    actions.transfer_result(case, actor, item=item, result=_text(form.result))
    return _saved("transfer_result")


def _remind(case, form, actor, tz) -> Outcome:
    actions.remind(case, actor, text=_text(form.text))
    db.session.flush()
    event_id = db.session.scalar(
        select(CaseEvent.id)
        .where(CaseEvent.case_id == case.id, CaseEvent.action == "remind")
        .order_by(CaseEvent.id.desc())
    )
    return Outcome(
        _("The reminder is recorded."),
        link=url_for("cases.reminder", ref=case.ref, event_id=event_id),
        link_label=_("Print the reminder notice"),
    )


def _decide_extension(case, form, actor, tz) -> Outcome:
    item = db.session.scalar(
        select(Extension).where(Extension.case_id == case.id, Extension.decision == "pending")
    )
    if item is None:
        raise ActionError("no_pending_extension")
    approve = form.decision.data == "approve"
    actions.decide_extension(case, actor, item=item, approve=approve, note=_text(form.note))
    if approve:
        return Outcome(_("Extension approved."))
    return Outcome(_("Extension refused."))


def _reply(case, form, actor, tz) -> Outcome:
    superior = form.superior_reply if "superior_reply" in form else None
    actions.reply(
        case, actor, method=form.method.data, content=_text(form.content),
        remedy=_text(form.remedy), superior_reply=_text(superior) if superior else "", tz=tz,
    )  # fmt: skip
    if form.method.data != "letter":
        return _saved("reply")
    return Outcome(
        _("Saved: %(action)s.", action=labels.ACTION["reply"]),
        link=url_for("cases.reply_letter", ref=case.ref),
        link_label=_("Print the reply letter"),
    )


def _reopen(case, form, actor, tz) -> Outcome:
    appeal = actions.reopen_appeal(case, actor, reason=_text(form.reason), tz=tz)
    return Outcome(
        _("The case is reopened as appeal %(ref)s.", ref=appeal.ref),
        redirect_to=url_for("cases.show", ref=appeal.ref),
    )


def _simple(action: str, call: Callable[[Case, Any, Any], None]) -> Callable[..., Outcome]:
    def run(case, form, actor, tz) -> Outcome:
        call(case, form, actor)
        return _saved(action)

    return run


_PERFORM: dict[str, Callable[..., Outcome]] = {
    "accept": _accept,
    "assign": _assign,
    "transfer": _transfer,
    "transfer_result": _transfer_result,
    "remind": _remind,
    "decide_extension": _decide_extension,
    "reply": _reply,
    "reopen_appeal": _reopen,
    "answer_on_spot": _simple(
        "answer_on_spot", lambda c, f, a: actions.answer_on_spot(c, a, content=_text(f.content))
    ),
    "submit_review": _simple(
        "submit_review", lambda c, f, a: actions.submit_review(c, a, note=_text(f.note))
    ),
    "review_instruction": _simple(
        "review_instruction",
        lambda c, f, a: actions.review_instruction(c, a, instruction=_text(f.instruction)),
    ),
    "note": _simple("note", lambda c, f, a: actions.note(c, a, text=_text(f.text))),
    "request_extension": _simple(
        "request_extension",
        lambda c, f, a: actions.request_extension(
            c, a, reason=_text(f.reason), new_due=f.new_due.data
        ),
    ),
    "follow_up": _simple(
        "follow_up",
        lambda c, f, a: actions.follow_up(
            c, a, satisfaction=f.satisfaction.data, remarks=_text(f.remarks)
        ),
    ),
    "close": _simple("close", lambda c, f, a: actions.close(c, a, note=_text(f.note))),
    "archive": _simple(
        "archive",
        lambda c, f, a: actions.archive(c, a, year=f.year.data, volume=_text(f.volume)),
    ),
}
