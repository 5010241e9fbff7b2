"""The access log's words for its reader (log.ACTIONS), and the reasons a disclosure or
referral request or decision is refused."""

from flask_babel import lazy_gettext as _l

# What every duty's list shows in place of a matter that became a report (转保密处理).
HANDLED = _l("Confidential handling")

ACTION = {
    "registered": _l("Registered"),
    "view": _l("Opened"),
    "print": _l("Printed"),
    "export": _l("Exported"),
    "search_hit": _l("Found by a search"),
    "contact_shown": _l("Contact shown"),
    "identity_search": _l("Searched for a reporter"),
    "message_written": _l("Message for the reporter written"),
    "disclosure_requested": _l("Identity requested"),
    "disclosure_approved": _l("Identity request approved"),
    "disclosure_refused": _l("Identity request refused"),
    "referral_requested": _l("Referral to the discipline commission requested"),
    "referral_approved": _l("Referral to the discipline commission approved"),
    "referral_refused": _l("Referral to the discipline commission refused"),
    "county_queue": _l("County inspector's requests listed"),
    "refused_attempt": _l("Attempt refused"),
    "receipt_query": _l("Receipt code looked up"),
    "receipt_miss": _l("Receipt code not found"),
    "receipt_malformed": _l("Receipt code mistyped"),
    "receipt_throttled": _l("Too many receipt codes tried"),
    "role_requested": _l("Role requested"),
    "role_approved": _l("Role approved"),
    "role_refused": _l("Role refused"),
    "user_created": _l("User created on the station PC"),
    "action": _l("Worked on"),
}

# Disclosure.state -> words.
STATE = {
    "pending": _l("Waiting"),
    "approved": _l("Approved"),
    "refused": _l("Refused"),
}

# county.KINDS -> what the county-level inspector's queue calls a request.
KIND = {
    "disclosure": _l("Identity request"),
    "referral": _l("Referral to the discipline commission"),
}

# disclosures.Refused.why -> what the user is told.
REFUSED = {
    "sees_already": _l("You already see who reported."),
    "no_reason": _l("Write the reason."),
    "too_long": _l("The reason is too long: at most 500 characters."),
    "bad_days": _l("Choose from 1 to 30 days."),
    "already_waiting": _l("You have already asked. Your request is waiting for an inspector."),
    "already_disclosed": _l("Your request was approved: you already see who reported."),
    "not_inspector": _l("Only an inspector decides this."),
    "own_request": _l("You made this request yourself. Another inspector must decide it."),
    "excluded": _l("You may not decide this request."),
    "decided": _l("This request has already been decided."),
    "not_approver": _l("You may not decide this request: see who decides it on the report's page."),
    "own_referral": _l("You made this request yourself. Someone else must decide it."),
    "may_not_refer": _l("Only the head or the inspector handling the report asks for this."),
    "already_referred": _l("This report has already been referred to the discipline commission."),
    "referral_waiting": _l("A referral of this report is already waiting for a decision."),
}


def action_label(action: str) -> str:
    return str(ACTION.get(action, action))
