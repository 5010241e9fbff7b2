"""The reporting-line log's demo: a month of calls with every disposition.

Each call is logged through the real service with the clock pinned to the moment, and
disposed as the clerk on duty would: answered on the phone, became a case, wrong number or
silent, a duplicate of an earlier case. One call became a report: the log shows only its
time, its line and "转保密处理". One call of an earlier day was left without a
disposition, so that the duty shows it late.
"""

from datetime import datetime, timedelta

from ..cases import service as cases
from ..cases.models import Case
from ..demo import hours
from ..demo.carry_on import carry_on
from ..demo.world import DemoContext
from ..extensions import db
from ..intake import sources
from ..timeutil import clock_at, local_today, station_tz, to_utc
from . import service
from .models import ANSWERED, CASE, DUPLICATE, WRONG

CLERKS = ("wangfang", "liqiang")
HEAD, INSPECTOR = "zhaojun", "chenjing"
REPORTING_LINE = "0710-3326110"

# line, number ("" withheld), name ("" anonymous), words, disposition, answer or kind.
CALLS = (
    ("95598", "13807160101", "张桂芳", "询问本月电费为什么比上月高", ANSWERED,
     "已解释阶梯电价第二档从本月起计。"),
    ("station", "13907160202", "李长顺", "家里电压低，冰箱启动不了", CASE, "complaint"),
    ("service", "", "", "", WRONG, ""),
    ("12345", "13507160303", "王秀英", "路灯不亮已经一个星期", CASE, "complaint"),
    ("service", "13607160404", "赵明", "咨询光伏并网要带什么材料", ANSWERED,
     "已告知身份证、房产证明和并网申请表。"),
    ("station", "13507160303", "王秀英", "再次反映路灯不亮", DUPLICATE, 3),  # of the 4th call
    ("95598", "13707160505", "陈建国", "表计箱门被撞坏", CASE, "complaint"),
    ("station", "", "", "反映抄表员私自收取现金电费并不开票", CASE, "report"),
    ("service", "13807160606", "", "打错了，找自来水公司", WRONG, ""),
    ("12398", "13907160707", "刘卫东", "新装报装一个月未接电", CASE, "complaint"),
    ("service", "13507160808", "孙丽", "咨询电费发票怎么开", ANSWERED,
     "已说明营业厅和网上国网两种开票办法。"),
    ("station", "13907160202", "李长顺", "电压低的事情还没人来", DUPLICATE, 1),  # of the 2nd
    ("95598", "13607160909", "周大勇", "建议营业厅周六也开门", CASE, "suggestion"),
    ("service", "", "", "", WRONG, ""),
    ("station", "13707161010", "吴小燕", "表扬抢修班半夜来修线路", CASE, "praise"),
    ("service", "13807161111", "郑国平", "询问停电计划", ANSWERED, "已告知周四上午检修停电。"),
)  # fmt: skip
# The call left without a disposition, on a working day at least two days before today.
UNDISPOSED = ("station", "13907161212", "马志强", "变压器噪音大，晚上睡不着")


def load_hotline(ctx: DemoContext) -> list[str]:
    """The demo step: the reporting line's number and a month of calls."""
    if not ctx.fresh:
        return []
    tz = station_tz()
    rnd = ctx.random("hotline")
    station_id = ctx.station.id
    today = local_today(tz)
    service.save_reporting_line(station_id, REPORTING_LINE, ctx.users["admin"])
    logged = []
    for index, spec in enumerate(CALLS):
        # Every other day of the last month up to yesterday, in office hours (demo/hours.py).
        moment = hours.on_day(today - timedelta(days=31 - 2 * index), rnd.randrange(480))
        _take_on(ctx, logged, moment, rnd, tz)  # the earlier calls' cases, up to this call
        logged.append(_call(ctx, moment, spec, logged, tz, rnd))
    _take_on(ctx, logged, ctx.now, rnd, tz)
    moment = hours.on_day(today - timedelta(days=2), 500)
    line, number, name, words = UNDISPOSED
    with clock_at(to_utc(moment, tz)):
        service.log_call(
            station_id, received_local=moment, line=line, number=number, anonymous=False,
            name=name, words=words, taken_by=ctx.users[CLERKS[0]],
        )  # fmt: skip
    db.session.flush()
    return [f"Demo reporting-line log: {len(CALLS) + 1} calls over a month, one not disposed"]


def _take_on(ctx: DemoContext, logged: list, until: datetime, rnd, tz: str) -> None:
    """The cases the calls became, handled as far as ``until``: a repeat call's note on a
    case's timeline then comes in its place among the case's steps."""
    for call in logged:
        if call.disposition == CASE:
            case = db.session.get(Case, call.case_id)
            carry_on(case, clerk=call.taken_by, inspector=ctx.users[INSPECTOR],
                     head=ctx.users[HEAD], rng=rnd, tz=tz, now=until)  # fmt: skip


def _call(ctx: DemoContext, received: datetime, spec: tuple, logged, tz: str, rnd):
    line, number, name, words, disposition, extra = spec
    clerk = ctx.users[CLERKS[len(logged) % 2]]
    with clock_at(to_utc(received, tz)):
        call = service.log_call(
            ctx.station.id, received_local=received, line=line, number=number,
            anonymous=not name, name=name, words=words, taken_by=clerk,
        )  # fmt: skip
    with clock_at(to_utc(received + timedelta(minutes=8), tz)):
        if disposition == ANSWERED:
            service.answer_on_phone(call, clerk, kind="consultation", answer=extra)
        elif disposition == WRONG:
            service.wrong_number(call, clerk)
        elif disposition == DUPLICATE:
            earlier = db.session.get(Case, logged[extra].case_id)
            service.mark_duplicate(call, clerk, ref=earlier.ref)
        elif disposition == CASE:
            fields = {**service.case_fields(call), "kind": extra}
            if line in ("95598", "12398", "12345"):
                fields["external_ref"] = f"{line}-{received:%m%d%H%M}"
            case = cases.register(
                station_id=ctx.station.id, channel="phone", fields=fields,
                received_local=received, registered_by=clerk, tz=tz,
            )  # fmt: skip
            sources.after_register(case, clerk, (service.CALL_SOURCE, call))
            db.session.flush()
        db.session.flush()
    return call
