"""Reception day's demo: the last reception days with visitors and every outcome, the host
schedule (the head and a clerk in turn), and today's queue if today is a reception day.

Each visitor is signed in through the real service at the desk or the kiosk, with the clock
pinned to the moment; the outcomes are recorded as the host would. One matter became a
report: its visitor shows only "转保密处理". The last past day ended with one visitor not
dealt with, so that the duty shows it late.
"""

from datetime import date, datetime, timedelta

from ..cases import service as cases
from ..demo.carry_on import carry_on
from ..demo.world import DemoContext
from ..extensions import db
from ..intake import sources
from ..timeutil import clock_at, local_today, station_tz, to_utc
from . import schedule, service
from .models import ANSWERED, CASE, LEFT, POLICE, REFERRED

HEAD, DEPUTY, CLERK, INSPECTOR = "zhaojun", "liqiang", "wangfang", "chenjing"

# name, phone, matter, headcount, outcome, what the host did (answer, where to, police note),
# and for a case its kind.
VISITORS = (
    ("刘德明", "13807160011", "咨询峰谷分时电价怎么计费", 1,
     ANSWERED, "当面讲解了峰谷时段和电价。", "consultation"),
    ("陈桂兰", "13907160022", "电表箱门损坏，多次报修无人处理", 1, CASE, "", "complaint"),
    ("黄建华", "13507160033", "宅基地边的线杆要求迁移", 3,
     REFERRED, "县公司运检部（线路迁改）", ""),
    ("吴小燕", "13607160044", "询问光伏并网手续", 1, LEFT, "", ""),
    ("周大勇", "13707160055", "停电赔偿，情绪激动", 1,
     POLICE, "在大厅摔椅子、辱骂工作人员，已报110，民警到场处置。", ""),
    ("某村民", "13807160066", "反映抄表员私自收取现金电费", 1, CASE, "", "report"),
    ("郑国平", "13907160077", "新装报装进度慢", 2, CASE, "", "complaint"),
    ("孙丽", "13507160088", "咨询电费发票开具", 1,
     ANSWERED, "说明了在营业厅和网上开具发票的办法。", "consultation"),
    ("马志强", "13607160099", "变压器噪音扰民", 4, None, "", ""),  # not dealt with
)  # fmt: skip
TODAY_VISITORS = (
    ("钱文", "13807161100", "咨询阶梯电价", 1),
    ("冯敏", "13907161200", "路灯不亮多日", 2),
)


def _at(day: date, hour: int, minute: int, tz: str):
    return clock_at(to_utc(datetime(day.year, day.month, day.day, hour, minute), tz))


def load_reception(ctx: DemoContext) -> list[str]:
    """The demo step: past days with every outcome, the host schedule, today's queue."""
    if not ctx.fresh:
        return []
    tz = station_tz()
    rnd = ctx.random("reception")
    station_id = ctx.station.id
    today = local_today(tz)
    weekday = service.setting(station_id).weekday
    past = schedule.between(today - timedelta(days=35), today - timedelta(days=1), weekday)[-3:]
    coming = schedule.coming(today, 6, weekday)
    head = ctx.users[HEAD]
    for index, day in enumerate(past + coming):
        with _at(min(day, past[0]) - timedelta(days=3), 9, 0, tz):
            host = ctx.users[HEAD if index % 2 == 0 else DEPUTY]
            service.name_host(station_id, day, host.id, head)
    chunks = [VISITORS[0:3], VISITORS[3:6], VISITORS[6:]]
    count = 0
    for day, chunk in zip(past, chunks, strict=True):
        for minutes, spec in enumerate(chunk):
            _visit(ctx, day, 9 + minutes, spec, tz, rnd)
            count += 1
    if service.is_reception_day(station_id, today):
        for minutes, (name, phone, matter, headcount) in enumerate(TODAY_VISITORS):
            with _at(today, 8, 40 + 10 * minutes, tz):
                service.sign_in(
                    station_id, name=name, phone=phone, matter=matter, headcount=headcount,
                    form_key=f"{rnd.getrandbits(64):016x}", user=ctx.users[CLERK],
                )  # fmt: skip
                count += 1
    db.session.flush()
    return [f"Demo reception days: {count} visitors on {len(past)} past days, hosts named"]


def _visit(ctx: DemoContext, day: date, hour: int, spec: tuple, tz: str, rnd) -> None:
    name, phone, matter, headcount, outcome, note, kind = spec
    station_id = ctx.station.id
    host = service.host_of(station_id, day) or ctx.users[HEAD]
    with _at(day, hour, 5, tz):
        visitor = service.sign_in(
            station_id, name=name, phone=phone, matter=matter, headcount=headcount,
            form_key=f"{rnd.getrandbits(64):016x}", user=ctx.users[CLERK],
        )  # fmt: skip
        db.session.flush()
    if outcome is None:
        return
    with _at(day, hour, 35, tz):
        service.call_in(visitor, day)
    with _at(day, hour, 50, tz):
        if outcome == ANSWERED:
            service.answer_on_spot(visitor, day, host, kind=kind, answer=note)
        elif outcome == CASE:
            received = datetime.combine(day, datetime.min.time()).replace(hour=hour, minute=5)
            case = cases.register(
                station_id=station_id,
                channel="visit",
                fields={**service.case_fields(visitor), "kind": kind},
                received_local=received,
                registered_by=ctx.users[CLERK],
                tz=tz,
            )
            sources.after_register(case, ctx.users[CLERK], (service.VISITOR_SOURCE, visitor))
            carry_on(
                case, clerk=ctx.users[CLERK], inspector=ctx.users[INSPECTOR], head=ctx.users[HEAD],
                rng=rnd, tz=tz, now=ctx.now,
            )  # fmt: skip
        else:
            service.record_outcome(visitor, day, outcome, note, host)
        db.session.flush()
