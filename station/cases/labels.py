"""What the case register's values are called on screen (English source, translated)."""

from ..i18n import lazy_gettext as _l

CHANNEL = {
    "letter": _l("Letter"),
    "visit": _l("Visit"),
    "phone": _l("Phone call"),
    "counter": _l("At the counter"),
    "transfer": _l("Transferred from above"),
    "box": _l("Suggestion box"),
}
KIND = {
    "complaint": _l("Complaint"),
    "report": _l("Report (confidential)"),
    "consultation": _l("Consultation"),
    "suggestion": _l("Suggestion"),
    "praise": _l("Praise"),
    "appeal": _l("Appeal"),
}
IMPORTANCE = {"general": _l("General"), "important": _l("Important"), "urgent": _l("Urgent")}
STATUS = {
    "registered": _l("Registered"),
    "accepted": _l("Accepted"),
    "in_progress": _l("In progress"),
    "replied": _l("Replied"),
    "followed_up": _l("Followed up"),
    "closed": _l("Closed"),
    "archived": _l("Archived"),
}
PHONE_LINE = {
    "service": _l("Station service line"),
    "95598": _l("95598 hotline"),
    "station": _l("Station reporting line"),
    "12398": _l("12398 energy regulator"),
    "12345": _l("12345 government hotline"),
    "other": _l("Other line"),
}
ENCLOSURE = {
    "certificate": _l("Certificate or ID"),
    "cash": _l("Cash"),
    "disc": _l("Disc"),
    "photo": _l("Photos"),
    "writing": _l("Written work"),
    "other": _l("Other item"),
}
REPLY_METHOD = {"phone": _l("By phone"), "letter": _l("By letter"), "in_person": _l("In person")}
SATISFACTION = {
    "satisfied": _l("Satisfied"),
    "basically": _l("Basically satisfied"),
    "dissatisfied": _l("Dissatisfied"),
    "unreachable": _l("Could not be reached"),
}
UNIT = {"workdays": _l("working days"), "days": _l("days")}
ACTION = {
    "registered": _l("Registered"),
    "accept": _l("Accepted"),
    "assign": _l("Assigned"),
    "transfer": _l("Transferred to a member unit"),
    "transfer_result": _l("Result from the member unit"),
    "submit_review": _l("Submitted to the head for review"),
    "review_instruction": _l("Head's instruction"),
    "note": _l("Note"),
    "remind": _l("Reminder"),
    "request_extension": _l("Extension requested"),
    "decide_extension": _l("Extension decided"),
    "reply": _l("Replied"),
    "answer_on_spot": _l("Answered on the spot"),
    "follow_up": _l("Follow-up call"),
    "close": _l("Closed"),
    "reopen_appeal": _l("Reopened as an appeal"),
    "appeal_of": _l("Appeal against an earlier result"),
    "archive": _l("Archived"),
    "attachment": _l("Attachment added"),
    "key_person": _l("Marked as a key person"),
    "key_person_cleared": _l("No longer a key person"),
    "referred": _l("Referred to the discipline commission"),
    "duplicate_call": _l("Another call about this case"),
}
DEADLINE = {
    "contact": _l("First contact"),
    "reply": _l("Reply"),
    "close": _l("Close"),
    "followup": _l("Follow-up call"),
    "review": _l("Head's review"),
    "transfer": _l("Member unit's result"),
    "external": _l("Work order deadline"),
    "superior": _l("Result due to the superior"),
}
