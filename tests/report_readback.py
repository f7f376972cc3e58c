"""Read a period report back out of its renderings: the JSON, the page, Excel and Word.

Each reader returns the same three lists, so tests can check that every rendering holds
exactly the report's achievements, unfinished items and plan, in the same order.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import docx
import lxml.html
import openpyxl

from tracker.exports.cells import neutralise

UNFINISHED_HEAD = ("STT", "Nhiệm vụ", "Đơn vị chủ trì", "Hạn hoàn thành", "Quá hạn (ngày)")
NOT_DUE_HEAD = UNFINISHED_HEAD[:4]
_BULLET = re.compile(r"^[-–•]\s+")


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _iso(value) -> str | None:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _dmy(iso: str | None) -> str:
    return date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""


def walk(sections: list[dict]):
    """Every section of the JSON tree in reading order."""
    for section in sections:
        yield section
        yield from walk(section["sections"])


def json_items(body: dict) -> dict:
    """The report's items as the JSON holds them."""
    return {
        "achievements": [
            (a["task_id"], a["title"], a["result"], section["code"])
            for section in walk(body["sections"])
            for a in section["achievements"]
        ],
        "unfinished": [
            (u["task_id"], u["title"], u["unit"], u["due_date"], u["days_overdue"])
            for u in body["unfinished"]
        ],
        "plan": [
            (p["no"], p["task_id"], " ".join((p["wording"] or p["title"]).split()), p["lead_unit"],
             p["due_date"], p["carried_over"], ", ".join(p["support_units"]), p["product"] or "")
            for p in body["plan"]
        ],
    }  # fmt: skip


# -- Excel ---------------------------------------------------------------------------------


def _table(book, name: str) -> list[tuple]:
    """The data rows of a sheet: no header, no merged group headings, no "none" row."""
    ws = book[name]
    merged = {r.min_row for r in ws.merged_cells.ranges}
    return [
        tuple(c.value for c in row)
        for number, row in enumerate(ws.iter_rows(min_row=2), start=2)
        if number not in merged
    ]


def xlsx_items(data: bytes) -> dict:
    """The report's items as the Excel workbook holds them."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    try:
        return {
            "achievements": [(r[1], r[2]) for r in _table(book, "Kết quả")],
            "unfinished": [(r[1], r[2], _iso(r[3]), r[4]) for r in _table(book, "Quá hạn") if r[0]]
            + [(r[1], r[2], _iso(r[3]), 0) for r in _table(book, "Chưa đến hạn") if r[0]],
            "plan": [
                (r[0], r[1], r[2] or "", _iso(r[5]), r[6] == "Chuyển tiếp", r[3] or "", r[4] or "")
                for r in _table(book, "Kế hoạch kỳ tới")
            ],
        }
    finally:
        book.close()


def expected_xlsx(items: dict) -> dict:
    """What the workbook must hold for the JSON's items (text cells are neutralised)."""
    return {
        "achievements": [(neutralise(t), neutralise(r)) for _, t, r, _ in items["achievements"]],
        # the overdue sheet, then the one of work not yet due
        "unfinished": [
            (neutralise(t), neutralise(u), d, n) for _, t, u, d, n in items["unfinished"] if n >= 1
        ]
        + [(neutralise(t), neutralise(u), d, 0) for _, t, u, d, n in items["unfinished"] if n < 1],
        "plan": [
            (no, neutralise(t), neutralise(u), d, c, neutralise(s), neutralise(p))
            for no, _, t, u, d, c, s, p in items["plan"]
        ],
    }


# -- Word ----------------------------------------------------------------------------------


def docx_items(data: bytes) -> dict:
    """The report's items as the Word document holds them."""
    document = docx.Document(io.BytesIO(data))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    heads = [i for i, (style, _) in enumerate(paragraphs) if style == "Report Heading 1"]
    assessment = next(i for i in heads if paragraphs[i][1].endswith("ĐÁNH GIÁ CHUNG"))
    plan_at = next(i for i in heads if "PHƯƠNG HƯỚNG, NHIỆM VỤ" in paragraphs[i][1])
    body_start = heads[0] if heads[0] < assessment else assessment
    achievements = [
        text
        for style, text in paragraphs[body_start:assessment]
        if not style.startswith("Report Heading")
    ]
    plan = []
    for _, text in paragraphs[plan_at + 1 :]:
        if text.startswith("Trên đây"):
            break
        if match := re.match(r"^(\d+)\. ", text):
            plan.append((int(match.group(1)), text))
    unfinished = []
    for table in document.tables:
        rows = [tuple(cell.text for cell in row.cells) for row in table.rows]
        if rows and rows[0] == UNFINISHED_HEAD:
            unfinished += [(r[1], r[2], r[3], int(r[4].replace(".", ""))) for r in rows[1:]]
        elif rows and rows[0] == NOT_DUE_HEAD:
            unfinished += [(r[1], r[2], r[3], 0) for r in rows[1:]]
    return {"achievements": achievements, "unfinished": unfinished, "plan": plan}


def expected_docx_achievements(body: dict) -> list[str]:
    """The paragraphs the achievements make: "- " and the first line, then the other lines."""
    found = []
    for section in walk(body["sections"]):
        found += ["- " + sentence for sentence in section.get("figures", [])]  # chỉ tiêu first
        for a in section["achievements"]:
            lines = _lines(a["result"]) or _lines(a["title"])
            found += ["- " + _BULLET.sub("", lines[0]), *lines[1:]]
    return found


def plan_line_matches(text: str, item: tuple, department: str = "") -> bool:
    """Whether a Word plan line names the plan item: number, its words, the lead unit (unless
    the department itself), the supporting units, the product and the deadline."""
    no, _, words, unit, due, _, support, product = item
    return (
        text.startswith(f"{no}. {words.rstrip('.;')}")
        and (unit == department or unit in text)
        and support in text
        and (not product or f"sản phẩm: {product}" in text)
        and (due is None or f"hạn: {_dmy(due)}" in text)
    )


# -- the page ------------------------------------------------------------------------------


def page_items(html: str) -> dict:
    """The report's items as the report page shows them."""
    tree = lxml.html.fromstring(html)
    doc = tree.get_element_by_id("report")
    return {
        "achievements": [
            (int(el.get("data-task")), el.get("data-section")) for el in doc.find_class("doc-item")
        ],
        "headings": [
            el.get("data-section") for el in doc.xpath(".//*[@data-section][not(@data-task)]")
        ],
        "unfinished": [int(el.get("data-task")) for el in doc.xpath(".//tr[@data-task]")],
        "plan": [
            (int(el.get("data-no")), int(el.get("data-task")), "is-carried" in el.get("class"))
            for el in doc.find_class("doc-plan")
        ],
        "text": doc.text_content(),
    }
