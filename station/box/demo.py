"""The suggestion boxes' demo: two boxes with two months of openings, through the real
services. The one in the service hall (营业厅) is opened on time; the one at 东村村委会
was last opened twelve days ago and is overdue. Their items became cases, one a report."""

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from ..cases.models import Case
from ..demo.carry_on import carry_on
from ..demo.world import DemoContext
from ..extensions import db
from ..rules import workdays
from ..timeutil import clock_at, local_today, station_tz, to_utc
from . import schedule, service
from .models import SuggestionBox

CLERK, OTHER_CLERK, HEAD, INSPECTOR = "wangfang", "liqiang", "zhaojun", "chenjing"
HISTORY_DAYS = 60

ITEMS = [
    service.Item(
        "suggestion", "建议营业厅中午不休息", "上班族中午才有空来办业务，希望中午也能办理。"
    ),
    service.Item(
        "complaint",
        "抄表时间不固定",
        "每月抄表日期变来变去，电费忽高忽低。",
        "周建华",
        "13972061188",
    ),
    service.Item("praise", "表扬抢修班连夜抢修", "台风那晚抢修班一夜没睡，把电送上了。", "刘大妈"),
    service.Item("suggestion", "村口路灯太暗", "村口路灯亮度不够，晚上走路看不清。"),
    service.Item(
        "complaint", "缴费短信收不到", "换了手机号后一直收不到缴费提醒。", "", "13607165522"
    ),
    service.Item("suggestion", "希望增加自助缴费机", "营业厅排队的人多，希望放一台自助缴费机。"),
    service.Item("praise", "表扬营业员耐心", "营业员小王耐心教我用手机交电费。", "陈奶奶"),
    service.Item("complaint", "停电没有提前通知", "上周二停电一整天，事先没有看到通知。", "吴国强"),
    service.Item("suggestion", "公告栏字太小", "营业厅公告栏上的字太小，老年人看不清。"),
]
REPORT = service.Item(
    "report", "举报有人私接电线", "东村某户从变压器私拉电线，已经好几个月了，怕出事故。"
)


def _next_workday(day: date) -> date:
    day += timedelta(days=1)
    while not workdays.is_workday(day):
        day += timedelta(days=1)
    return day


def load_boxes(ctx: DemoContext) -> list[str]:
    station = ctx.station
    if db.session.scalar(select(SuggestionBox.id).where(SuggestionBox.station_id == station.id)):
        return []
    rng = ctx.random("box")
    tz = station_tz()
    today = local_today(tz)
    start = today - timedelta(days=HISTORY_DAYS)
    clerk, other, head = ctx.users[CLERK], ctx.users[OTHER_CLERK], ctx.users[HEAD]
    hall = service.save_box(
        None, station.id, place="营业厅", interval_days=5, active=True,
        opener_ids=[clerk.id, other.id], today=start,
    )  # fmt: skip
    village = service.save_box(
        None, station.id, place="东村村委会", interval_days=5, active=True,
        opener_ids=[other.id, head.id], today=start,
    )  # fmt: skip
    pool = list(ITEMS)
    made = 0
    registered: list[Case] = []
    for box, opener, witness, stop in (
        (hall, clerk, service.Witness(user_id=other.id), today - timedelta(days=1)),
        (village, other, service.Witness(name="东村村委会 张主任"), today - timedelta(days=12)),
    ):
        day = schedule.due_date(None, box.created_on, box.interval_days)
        while day <= stop:
            items = rng.sample(pool, rng.choice((0, 0, 1, 2)))
            if box is village and day + timedelta(days=box.interval_days) > stop:
                items.append(REPORT)  # the last opening of the overdue box found a report
            moment = to_utc(datetime.combine(day, time(9, 30)), tz)
            with clock_at(moment):
                _, made_cases = service.record_opening(
                    box, opener, opened_on=day, opener_id=opener.id, witness=witness,
                    item_count=len(items), items=items, tz=tz,
                )  # fmt: skip
            made += len(items)
            registered.extend(made_cases)
            # Before a long holiday the due day can fall on or before this opening (the
            # working day before the holiday): then the demo opens on the next working day.
            due = schedule.due_date(day, box.created_on, box.interval_days)
            day = due if due > day else _next_workday(day)
    for case in registered:
        carry_on(
            case,
            clerk=clerk,
            inspector=ctx.users[INSPECTOR],
            head=head,
            rng=rng,
            tz=tz,
            now=ctx.now,
        )
    db.session.flush()
    return [f"Suggestion boxes: 2 (one overdue), {made} items registered as cases"]
