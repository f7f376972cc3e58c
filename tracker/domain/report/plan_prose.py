"""How the report writes its plan (section IV). Pure.

A plan item says what will be done, in the department's own words when it gave them, then
who leads it (when it is not the department itself), who supports it, what it delivers and
by when: "5. Tổ chức tập huấn ... (Phòng BCVT chủ trì, Trung tâm CNTT phối hợp; sản phẩm: 03
lớp tập huấn; hạn: 15/12/2026)".
"""

from __future__ import annotations

from tracker.domain.dates import format_day
from tracker.domain.report.parts import PlanItem, Report
from tracker.domain.report.prose import lower_first
from tracker.domain.text import same_name


def plan_details(item: PlanItem, department: str = "") -> list[str]:
    """Who, producing what, by when: the parts printed after the item, in brackets."""
    details = []
    own = not item.lead_unit or same_name(item.lead_unit, department)
    support = [u for u in item.support_units if not same_name(u, item.lead_unit)]
    if support:
        led = "" if own else f"{item.lead_unit} chủ trì, "
        details.append(f"{led}{', '.join(support)} phối hợp")
    elif not own:
        details.append(item.lead_unit)
    if item.product:
        details.append(f"sản phẩm: {' '.join(item.product.split())}")
    if item.due_date:
        details.append(f"hạn: {format_day(item.due_date)}")
    return details


def plan_text(item: PlanItem) -> str:
    """What the item says: its whole wording when the department gave one, else its title."""
    return " ".join((item.wording or item.title).split())


def plan_line(item: PlanItem, department: str = "") -> str:
    """The item as section IV prints it, numbered."""
    text = plan_text(item)
    details = plan_details(item, department)
    if not details:
        return f"{item.no}. {text}"
    return f"{item.no}. {text.rstrip('.;')} ({'; '.join(details)})."


def plan_intro(report: Report) -> str:
    """The sentence above the plan: the director's, else one drafted from the plan."""
    written = " ".join(report.texts.plan_intro.split())
    if written:
        return written
    label, org = lower_first(report.next_period.label), report.organisation.prose_name
    carried = sum(1 for p in report.plan if p.carried_over)
    fresh = len(report.plan) - carried
    text = f"Trong {label}, {org} tập trung thực hiện các nhiệm vụ trọng tâm sau"
    if carried and fresh:
        text += f" ({fresh} nhiệm vụ mới, {carried} nhiệm vụ chuyển tiếp từ kỳ trước)"
    return text + ":"
