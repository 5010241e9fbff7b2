"""What a report's page shows below its facts (confidential/_report_panel.html): the
identity requests, the referral to the discipline commission, "contact the reporter", the
message for the reporter and the way to its access log. Call only for a report the gate
has opened in this request."""

from dataclasses import dataclass, field
from typing import Any

from ..models import User
from ..rules import roles as R
from . import disclosures, gate, referrals
from .forms import (
    DisclosureDecisionForm,
    DisclosureRequestForm,
    ReferralRequestForm,
    ReporterMessageForm,
)
from .models import Disclosure, Referral


@dataclass
class Panel:
    case: Any
    inspector: bool  # reads the access log, decides requests
    may_request: bool  # a head who sees the identity masked
    identity_shown: bool
    current: Disclosure | None  # the head's approved request, still running
    waiting: Disclosure | None  # the head's request that waits
    approvers: list[User]  # who may decide the head's waiting request
    disclosures: list[Disclosure]  # what the user sees of the report's requests
    request_form: DisclosureRequestForm
    message_form: ReporterMessageForm
    message: str
    may_contact: bool
    persons: list[dict[str, Any]] = field(default_factory=list)  # the persons reported
    decide_forms: dict[int, DisclosureDecisionForm] = field(default_factory=dict)
    contact: dict[str, str] | None = None
    head_excluded: bool = False  # a county-level inspector decides in the head's stead
    referrals: list[Referral] = field(default_factory=list)
    may_refer: bool = False  # no referral waits or was approved
    referral_form: ReferralRequestForm | None = None
    referral_approvers: list[User] = field(default_factory=list)  # for the waiting one
    referral_forms: dict[int, DisclosureDecisionForm] = field(default_factory=dict)


def decide_form(disclosure_id: int, **kwargs: Any) -> DisclosureDecisionForm:
    # One form per waiting request on the page: its prefix keeps the fields apart.
    return DisclosureDecisionForm(prefix=f"decide-{disclosure_id}", **kwargs)


def referral_decide_form(referral_id: int, **kwargs: Any) -> DisclosureDecisionForm:
    return DisclosureDecisionForm(prefix=f"refer-{referral_id}", **kwargs)


def referral_form(**kwargs: Any) -> ReferralRequestForm:
    return ReferralRequestForm(prefix="refer", **kwargs)


def request_form(**kwargs: Any) -> DisclosureRequestForm:
    return DisclosureRequestForm(prefix="disclose", **kwargs)


def message_form(**kwargs: Any) -> ReporterMessageForm:
    return ReporterMessageForm(prefix="message", **kwargs)


def build(
    case: Any,
    user: Any,
    *,
    forms: dict[str, Any] | None = None,
    contact: dict[str, str] | None = None,
) -> Panel:
    """The panel for ``user``; ``forms`` holds a submitted form with its errors by name
    (``request``, ``message``, ``refer``, a disclosure id, or ``("refer", id)``)."""
    forms = forms or {}
    inspector = user.has_role(R.INSPECTOR)
    shown = gate.identity_disclosed(user, case)
    waiting = None if inspector else disclosures.waiting(case, user)
    every = disclosures.of_case(case)
    seen = every if inspector else [d for d in every if d.requested_by_id == user.id]
    decide = {
        d.id: forms.get(d.id) or decide_form(d.id, formdata=None)
        for d in seen
        if inspector
        and d.state == "pending"
        and _approves(user, disclosures.approvers(case, d.requested_by_id))
    }
    return Panel(
        case=case,
        inspector=inspector,
        may_request=user.has_role(R.HEAD) and not shown and waiting is None,
        identity_shown=shown,
        current=None if inspector else disclosures.current(case, user),
        waiting=waiting,
        approvers=disclosures.approvers(case, user.id) if waiting else [],
        disclosures=seen,
        request_form=forms.get("request") or request_form(formdata=None),
        message_form=forms.get("message") or message_form(formdata=None),
        message=gate.reporter_message(case.id),
        may_contact=not shown
        and not case.anonymous
        and bool(case.person_phone or case.person_address or case.postcode),
        decide_forms=decide,
        contact=contact,
        head_excluded=gate.head_excluded(case),
        persons=gate.persons_reported(case),
        **_referral_part(case, user, forms),
    )


def _approves(user: Any, approvers: list[User]) -> bool:
    return any(u.id == user.id for u in approvers)


def _referral_part(case: Any, user: Any, forms: dict[Any, Any]) -> dict[str, Any]:
    """The referral to the discipline commission: its requests, the form to ask while none
    waits or was approved, and the decision form for whoever may decide the waiting one."""
    every = referrals.of_case(case)
    pending = next((r for r in every if r.state == "pending"), None)
    done = any(r.state == "approved" for r in every)
    approvers = referrals.approvers(case, pending.requested_by_id) if pending else []
    decide = {}
    if pending is not None and _approves(user, approvers):
        key = ("refer", pending.id)
        decide[pending.id] = forms.get(key) or referral_decide_form(pending.id, formdata=None)
    return {
        "referrals": every,
        "may_refer": pending is None and not done and user.has_role(*referrals.REQUESTERS),
        "referral_form": forms.get("refer") or referral_form(formdata=None),
        "referral_approvers": approvers,
        "referral_forms": decide,
    }


def for_current_user(case: Any) -> Panel:
    from ..access import acting_user

    return build(case, acting_user())
