"""The monthly summary's XLSX and CSV (/summary/<YYYY-MM>.xlsx, .csv) against the
hand-counted October 2026 (tests/summary/summary_support.py), their refusals, and the
print stylesheet. Every figure below is the fixture's, counted by hand; the files show the
summary as the county receives it, so the report is a count and never a row, even for the
head who may read it."""

# ruff: noqa: F811 (the fixture ``october`` is imported and taken as an argument)
from datetime import datetime
from io import BytesIO
from pathlib import Path

import pytest
from helpers import say, text
from openpyxl import load_workbook
from summary_support import (
    REPORT_SUBJECT,
    october,  # noqa: F401 (a fixture, taken by name)
    page,
)

STATIC = Path(__file__).resolve().parents[2] / "static"
HEADING = "测试供电所月度汇总（2026年10月）"
SHEETS = [
    "概况",
    "按渠道和类别",
    "按问题分类",
    "按缓急程度",
    "办理时限",
    "截至2026年10月31日超期",
    "回访",
    "申诉与重复投诉",
    "个人考核",
    "站务",
]


def workbook(response):
    assert response.status_code == 200, response.status_code
    return load_workbook(BytesIO(response.data))


def values(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("who", ["head", "clerk", "inspector"])
def test_the_xlsx_of_october_cell_by_cell(app, client, auth, october, who):
    auth.login(who)
    response = page(client, "/summary/2026-10.xlsx")
    book = workbook(response)
    assert book.sheetnames == SHEETS
    overview, received, topics, importance, kept, late, calls, returns, people, duties = (
        book[n] for n in SHEETS
    )
    assert values(overview) == [
        [f"{HEADING}：概况", None],
        ["项目", "案件"],
        ["本月受理（不含举报）", 5],
        ["本月收到举报", 1],
        ["截至2026年10月31日未办结", 5],
        ["当日已超期", 4],
        ["其中超期举报（只计件数）", 1],
    ]
    assert values(received) == [
        [f"{HEADING}：按渠道和类别", None, None, None, None, None, None],
        ["来源渠道", "投诉", "咨询", "意见建议", "表扬", "申诉", "合计"],
        ["来信", 1, 0, 0, 0, 0, 1],
        ["来访", 1, 0, 0, 0, 0, 1],
        ["来电", 2, 0, 0, 0, 0, 2],
        ["窗口受理", 0, 1, 0, 0, 0, 1],
        ["合计", 4, 1, 0, 0, 0, 5],
    ]
    topic_rows = values(topics)
    assert topic_rows[:2] == [[f"{HEADING}：按问题分类", None], ["问题分类", "案件"]]
    # 电压质量 and the cases without a topic have 2 each: those without a topic come last.
    assert topic_rows[2:] == [["电压质量", 2], ["未分类", 2], ["停电抢修", 1]]
    assert values(importance) == [
        [f"{HEADING}：按缓急程度", None],
        ["缓急程度", "案件"],
        ["一般", 4],
        ["重要", 1],
        ["紧急", 0],
    ]
    assert values(kept) == [
        [f"{HEADING}：办理时限"] + [None] * 9,
        ["时限", "期限", "未超期", "已超期", "未完成、已超期", "未完成、未到期", "按期率",
         "延期件按期", "延期件逾期", "延期件未完成"],
        ["首次联系", 4, 3, 1, 0, 0, 0.75, 1, 0, 0],
        ["答复", 4, 2, 1, 1, 0, 0.5, 1, 0, 0],
        ["办结", 4, 2, 1, 1, 0, 0.5, 0, 0, 1],
    ]  # fmt: skip
    r = october
    assert values(late) == [
        [f"{HEADING}：截至2026年10月31日超期", None, None, None, None],
        ["编号", "承办人", "时限", "期限", "超期工作日"],
        [r["c6"], "clerk", "首次联系", datetime(2026, 10, 8), 17],
        [r["c3"], "clerk", "回访", datetime(2026, 10, 26), 4],
        [r["c7"], "clerk", "办结", datetime(2026, 10, 27), 3],
    ]
    assert values(calls) == [
        [f"{HEADING}：回访", None, None, None, None, None],
        ["回访次数", "满意", "基本满意", "不满意", "联系不上", "满意率"],
        [3, 1, 0, 1, 1, 0.5],
    ]
    assert values(returns)[2:] == [["转为申诉的件数", 0], ["重复投诉", 0]]
    # A clerk's file has their own row only, as their page (CSV_OCTOBER counts them).
    assert values(people)[2:] == [["clerk", 2, 9, 6, 1, 0]] + (
        [] if who == "clerk" else [["head", 0, 0, 0, 0, 0]]
    )
    assert values(duties)[12:14] == [
        ["所长接待日", "接待日", 4],
        ["所长接待日", "有来访的接待日", 0],
    ]
    # The report: counted in the overview, its reference and subject in no cell.
    every_cell = [str(v) for sheet in book for row in values(sheet) for v in row]
    assert not [v for v in every_cell if r["c4"] in v or REPORT_SUBJECT in v]


def test_the_xlsx_formats_frozen_rows_widths_and_name(app, client, auth, october):
    auth.login("head")
    response = page(client, "/summary/2026-10.xlsx")
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="summary-2026-10.xlsx"; '
        "filename*=UTF-8''%E6%9C%88%E5%BA%A6%E6%B1%87%E6%80%BB-2026-10.xlsx"
    )
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = workbook(response)
    kept, late, calls = book["办理时限"], book["截至2026年10月31日超期"], book["回访"]
    assert [kept.cell(3, c).number_format for c in (2, 7)] == ["0", "0.0%"]
    assert calls["F3"].number_format == "0.0%"
    assert late["D3"].number_format == "yyyy-mm-dd"
    assert late["A3"].number_format == "General"
    # Every row of a table alike, not the first only: the last late case's due day and
    # the close's rate, each in a box.
    assert late["D5"].number_format == "yyyy-mm-dd" and late["E5"].number_format == "0"
    assert kept.cell(5, 7).number_format == "0.0%"
    assert [late["A5"].border.left.style, kept.cell(5, 7).border.bottom.style] == ["thin"] * 2
    for sheet in book:
        assert sheet.freeze_panes == "A3"
        assert sheet["A1"].font.bold and sheet["A2"].font.bold
    # Wide enough for its header: 未完成、未到期 is 7 Chinese characters, 14 Latin wide.
    assert kept.column_dimensions["F"].width == 16
    assert kept.column_dimensions["B"].width == 8  # 期限 and the counts: the narrowest


def test_a_rate_with_nothing_due_is_empty_not_zero(app, client, auth, october):
    """September 2026 holds only C6, received on the 30th: no deadline fell in it and no
    call was made."""
    auth.login("clerk")
    book = workbook(page(client, "/summary/2026-09.xlsx"))
    assert values(book["办理时限"])[2:] == [
        ["首次联系", 0, 0, 0, 0, 0, None, 0, 0, 0],
        ["答复", 0, 0, 0, 0, 0, None, 0, 0, 0],
        ["办结", 0, 0, 0, 0, 0, None, 0, 0, 0],
    ]
    assert values(book["回访"])[2:] == [[0, 0, 0, 0, 0, None]]
    csv = page(client, "/summary/2026-09.csv").data.decode("utf-8-sig")
    assert "\r\n首次联系,0,0,0,0,0,,0,0,0\r\n" in csv
    assert "\r\n0,0,0,0,0,\r\n" in csv


CSV_OCTOBER = (
    f"{HEADING}：概况\r\n"
    "项目,案件\r\n"
    "本月受理（不含举报）,5\r\n"
    "本月收到举报,1\r\n"
    "截至2026年10月31日未办结,5\r\n"
    "当日已超期,4\r\n"
    "其中超期举报（只计件数）,1\r\n"
    "\r\n"
    f"{HEADING}：按渠道和类别\r\n"
    "来源渠道,投诉,咨询,意见建议,表扬,申诉,合计\r\n"
    "来信,1,0,0,0,0,1\r\n"
    "来访,1,0,0,0,0,1\r\n"
    "来电,2,0,0,0,0,2\r\n"
    "窗口受理,0,1,0,0,0,1\r\n"
    "合计,4,1,0,0,0,5\r\n"
    "\r\n"
    f"{HEADING}：按问题分类\r\n"
    "问题分类,案件\r\n"
    "{topics}"
    "停电抢修,1\r\n"
    "\r\n"
    f"{HEADING}：按缓急程度\r\n"
    "缓急程度,案件\r\n"
    "一般,4\r\n"
    "重要,1\r\n"
    "紧急,0\r\n"
    "\r\n"
    f"{HEADING}：办理时限\r\n"
    "时限,期限,未超期,已超期,未完成、已超期,未完成、未到期,按期率,延期件按期,延期件逾期,延期件未完成\r\n"
    "首次联系,4,3,1,0,0,75.0%,1,0,0\r\n"
    "答复,4,2,1,1,0,50.0%,1,0,0\r\n"
    "办结,4,2,1,1,0,50.0%,0,0,1\r\n"
    "\r\n"
    f"{HEADING}：截至2026年10月31日超期\r\n"
    "编号,承办人,时限,期限,超期工作日\r\n"
    "{c6},clerk,首次联系,2026-10-08,17\r\n"
    "{c3},clerk,回访,2026-10-26,4\r\n"
    "{c7},clerk,办结,2026-10-27,3\r\n"
    "\r\n"
    f"{HEADING}：回访\r\n"
    "回访次数,满意,基本满意,不满意,联系不上,满意率\r\n"
    "3,1,0,1,1,50.0%\r\n"
    "\r\n"
    f"{HEADING}：申诉与重复投诉\r\n"
    "项目,案件\r\n"
    "转为申诉的件数,0\r\n"
    "重复投诉,0\r\n"
    "\r\n"
    # The clerk: C1 and C2 closed; contact met by C1, C2, C7 and C3 (extended), missed by
    # C6; reply met by C1, C7, C3, missed by C2 and C6; close met by C1 and C2, missed by
    # C7, C6 and C3; C2's dissatisfied answer. The head handled nothing.
    f"{HEADING}：个人考核\r\n"
    "工作人员,办结件数,按期节点,超期节点,不满意,被催办次数\r\n"
    "clerk,2,9,6,1,0\r\n"
    "head,0,0,0,0,0\r\n"
    "\r\n"
    # No box, call, visitor or key person in October; its reception days, Mondays but for
    # the holiday's: 8, 12, 19 and 26 October.
    f"{HEADING}：站务\r\n"
    "站务,项目,数量\r\n"
    "意见箱,应开箱次数,0\r\n"
    "意见箱,按期开箱,0\r\n"
    "意见箱,逾期开箱,0\r\n"
    "意见箱,尚未开箱,0\r\n"
    "举报电话登记,来电数,0\r\n"
    "举报电话登记,已登记为案件,0\r\n"
    "举报电话登记,电话答复,0\r\n"
    "举报电话登记,打错或无声,0\r\n"
    "举报电话登记,重复来电（已有案件）,0\r\n"
    "举报电话登记,尚未处理,0\r\n"
    "所长接待日,接待日,4\r\n"
    "所长接待日,有来访的接待日,0\r\n"
    "所长接待日,接待来访人数,0\r\n"
    "所长接待日,当场答复,0\r\n"
    "所长接待日,已登记为案件,0\r\n"
    "所长接待日,已引导至其他部门,0\r\n"
    "所长接待日,未接待即离开,0\r\n"
    "所长接待日,扰乱秩序，已报警,0\r\n"
    "所长接待日,尚未处理,0\r\n"
    "重点客户回访,回访次数,0\r\n"
    "重点客户回访,满意,0\r\n"
    "重点客户回访,基本满意,0\r\n"
    "重点客户回访,不满意,0\r\n"
    "重点客户回访,逾期未回访人数,0\r\n"
)


def test_the_csv_of_october(app, client, auth, october):
    auth.login("head")
    response = page(client, "/summary/2026-10.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="summary-2026-10.csv"; '
        "filename*=UTF-8''%E6%9C%88%E5%BA%A6%E6%B1%87%E6%80%BB-2026-10.csv"
    )
    raw = response.data
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel on Windows needs
    assert raw.count(b"\r\n") == raw.count(b"\n")  # every line ends in CRLF
    body = raw.decode("utf-8-sig")
    # 电压质量 and the cases without a topic have 2 each: those without a topic come last.
    topics = "电压质量,2\r\n未分类,2\r\n"
    assert body == CSV_OCTOBER.replace("{topics}", topics).format(**october)
    assert october["c4"] not in body and REPORT_SUBJECT not in body


BAD_MONTH = "A month is written as year and month, such as 2026-10."


@pytest.mark.parametrize("ext", ["xlsx", "csv"])
@pytest.mark.parametrize(
    "month, status, message, values",
    [
        ("2026-1", 400, BAD_MONTH, {}),
        ("2026-13", 400, BAD_MONTH, {}),
        ("october", 400, BAD_MONTH, {}),
        ("2026-12", 404, "%(month)s has not begun yet.", {"month": "2026-12"}),
        ("2026-08", 404, "The station's first case was received in %(month)s.",
         {"month": "2026-09"}),
    ],
)  # fmt: skip
def test_export_months_refused_with_the_pages_message(
    app, client, auth, october, ext, month, status, message, values
):
    auth.login("head")
    response = page(client, f"/summary/{month}.{ext}")
    assert response.status_code == status
    assert response.mimetype == "text/html"
    assert say(app, message, **values) in text(response)


@pytest.mark.parametrize("who", ["county", "admin"])
@pytest.mark.parametrize("ext", ["xlsx", "csv"])
def test_exports_refused_to_county_and_admins(app, client, auth, october, who, ext):
    auth.login(who)
    response = page(client, f"/summary/2026-10.{ext}")
    assert response.status_code == 403
    assert "Content-Disposition" not in response.headers


def test_the_page_links_its_exports_and_prints_as_a_report(app, client, auth, october):
    auth.login("clerk")
    body = text(page(client))
    assert 'href="/summary/2026-10.xlsx"' in body
    assert 'href="/summary/2026-10.csv"' in body
    assert "data-print" in body and "onclick" not in body and "<script>" not in body
    # The report's heading on paper: the station and the month.
    assert '<p class="summary-masthead-station">测试供电所</p>' in body
    assert "2026年10月优质服务例会通报" in body
    # The links and the button are in a part that does not print.
    exports = body.split('<div class="summary-exports toolbar no-print">', 1)[1].split("</div>")[0]
    assert "2026-10.xlsx" in exports and "data-print" in exports


def test_the_print_stylesheet(app):
    css = (STATIC / "app.css").read_text(encoding="utf-8")
    summary = css.split("/* ---- the monthly summary (station/summary) ---- */", 1)[1]
    summary = summary.split("/* ---- the county's", 1)[0]
    assert "@page { size: A4;" in summary
    printed = summary.split("@media print {")[-1]
    assert ".summary-masthead { display: block;" in printed
    assert ".summary .summary-exports" in printed and "display: none !important" in printed
    assert ".summary a[href]::after { content: none !important; }" in printed
    # The navigation, the footer and whatever says no-print are hidden on paper for every page.
    assert ".no-print, .site-header, .site-footer { display: none !important; }" in css
