"""The confidentiality gate's demo: reports that show each of its rules at work.

Beside the reports of the case register's demo (several states), three more, taken
in the last days through the real services:

- one from a call that names a clerk as the person reported: the clerk is excluded
  from it, the inspector handles it, and the head has asked to see who reported
  (waiting for the inspector);
- one at the counter that names the head: the inspector handles it in the head's
  stead, and the county-level inspector (县纪委) approves what the head would;
- one letter with a return address, whose identity request the inspector approved.

The demo prints the receipt codes, so that /confidential/status can be tried.
"""

from ..cases import actions
from ..cases import service as cases
from ..demo import hours
from ..demo.world import DemoContext
from ..extensions import db
from ..timeutil import clock_at, local_now, station_tz, to_utc, utcnow
from . import disclosures, gate, receipts

HEAD, INSPECTOR, CLERK, OTHER_CLERK = "zhaojun", "chenjing", "wangfang", "liqiang"

REPORTS = (
    {
        "key": "clerk",
        "channel": "phone",
        "days_ago": 3,
        "fields": {
            "kind": "report", "phone_line": "station", "subject": "举报抄表员多收电费",
            "content": "来电反映抄表员李强在抄表时多报电量，几户人家的电费比平时高出一倍。",
            "person_name": "钱卫东", "person_phone": "13807161234",
        },
        "persons": [{"name": "李强", "unit": "营业班", "user": OTHER_CLERK}],
    },
    {
        "key": "head",
        "channel": "counter",
        "days_ago": 2,
        "fields": {
            "kind": "report", "subject": "举报所长在业扩报装中吃拿卡要",
            "content": "来人反映所长赵军在新装报装中暗示要好处，不给就拖着不办。",
            "person_name": "孙秀兰", "person_phone": "13907165678",
            "person_address": "城关镇新华村四组",
        },
        "persons": [{"name": "赵军", "unit": "城关供电所", "user": HEAD}],
    },
    {
        "key": "letter",
        "channel": "letter",
        "days_ago": 6,
        "fields": {
            "kind": "report", "subject": "举报施工队偷工减料",
            "content": "来信反映台区改造的施工队埋杆深度不够，拉线用旧料。",
            "person_name": "周建国", "person_address": "城关镇东风村二组15号",
            "postcode": "441000",
        },
        "persons": [{"name": "某施工队", "unit": "外包施工单位", "user": None}],
    },
)  # fmt: skip


def load_reports(ctx: DemoContext) -> list[str]:
    """The demo step: the three reports, their exclusions, requests and receipt codes."""
    if not ctx.fresh:
        return []
    tz = station_tz()
    now = hours.latest(local_now(tz).replace(second=0, microsecond=0))
    lines = []
    made = {}
    for spec in sorted(REPORTS, key=lambda r: -r["days_ago"]):
        received = hours.earlier(now, 8 * spec["days_ago"])
        with clock_at(to_utc(hours.later(received, 0.1), tz)):
            case = cases.register(
                station_id=ctx.station.id,
                channel=spec["channel"],
                fields=spec["fields"],
                received_local=received,
                registered_by=ctx.users[CLERK],
                tz=tz,
            )
            persons = [
                {"name": p["name"], "unit": p["unit"],
                 "user_id": ctx.users[p["user"]].id if p["user"] else None}
                for p in spec["persons"]
            ]  # fmt: skip
            gate.record_persons_reported(case, persons)
            code = receipts.issue(case)
            db.session.flush()  # the rows' defaults take the pinned clock at the flush
        with clock_at(to_utc(hours.later(received, 2), tz)):
            inspector = ctx.users[INSPECTOR]
            # Where the head is named, the inspector assigns it in the head's stead.
            assigner = inspector if spec["key"] == "head" else ctx.users[HEAD]
            actions.assign(case, assigner, assignee=inspector)
            actions.accept(case, inspector, contacted_at=utcnow())
            db.session.flush()
        made[spec["key"]] = case
        lines.append(f"Demo report {case.ref}: receipt code {receipts.show_code(code)}")
    _disclosures(ctx, made, now, tz)
    db.session.flush()
    return lines


def _disclosures(ctx: DemoContext, made: dict, now, tz: str) -> None:
    """The head asks to see who wrote the letter (approved) and who called (waiting)."""
    head, inspector = ctx.users[HEAD], ctx.users[INSPECTOR]
    letter = made["letter"]
    with clock_at(to_utc(hours.earlier(now, 16), tz)):
        approved = disclosures.request(letter, head, "需当面向来信人核实施工地点。", 7)
        db.session.flush()
    with clock_at(to_utc(hours.earlier(now, 12), tz)):
        disclosures.decide(letter, approved, inspector, True, "核实施工地点确需联系来信人。")
        db.session.flush()
    with clock_at(to_utc(hours.earlier(now, 1), tz)):
        disclosures.request(made["clerk"], head, "需要回访核实多收电费的户数。", 7)
        db.session.flush()
