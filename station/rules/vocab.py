"""The closed vocabularies of casework: channels, kinds, importance, states.

See docs/domain.md "Channels", "Kinds and importance" and "The closed loop".

Plain values only; their labels for the UI live in ``station/cases/labels.py``.
"""

CHANNELS = ("letter", "visit", "phone", "counter", "transfer", "box")
# Channels whose cases come only from a record of their own room, never typed at /cases/new:
# a box's cases come from its opening (station/box/).
RECORD_ONLY_CHANNELS = frozenset({"box"})
KINDS = ("complaint", "report", "consultation", "suggestion", "praise", "appeal")
IMPORTANCE = ("general", "important", "urgent")
# "service" is the station's ordinary service line, the default for a new call; "station" is
# its reporting line (举报电话). Calls before the service line existed all say "station":
# which of them came in on the reporting line cannot be told afterwards, so they keep it.
PHONE_LINES = ("service", "95598", "station", "12398", "12345", "other")
# Lines whose work orders come down with an external number and deadline.
WORK_ORDER_LINES = frozenset({"95598", "12398", "12345"})
ENCLOSURE_KINDS = ("certificate", "cash", "disc", "photo", "writing", "other")
REPLY_METHODS = ("phone", "letter", "in_person")
SATISFACTION = ("satisfied", "basically", "dissatisfied", "unreachable")
# A key person visited at home was reached: the same words, without "unreachable".
VISIT_SATISFACTION = ("satisfied", "basically", "dissatisfied")
TIME_UNITS = ("workdays", "days")

DEFAULT_TOPICS = (
    "停电与供电质量",
    "电费电价",
    "电能计量",
    "业扩报装",
    "服务态度",
    "安全隐患",
    "廉洁作风",
    "其他",
)

# Kinds handled under the confidentiality rules: only these roles open them.
CONFIDENTIAL_KINDS = frozenset({"report"})
