"""The periodic report (báo cáo định kỳ): pure modules, no Flask, no database.

- `parts`: the one `Report` object the page, the JSON API and both exports render;
- `rollup`: `build_report`, the roll-up of task facts into that object;
- `window`: the dates a report counts (Decree 09/2019/NĐ-CP, Art. 12);
- `header`: the organisation, the director's texts and the issue stamp;
- `prose`, `plan_prose`: the sentences the report says; `as_json`: CONTRACT's JSON;
- `changes`: what changed between an issued report and the live one.

The names other packages use are importable from here.
"""

from tracker.domain.report.parts import (
    Achievement,
    IndicatorResult,
    Organisation,
    PendingItem,
    PlanItem,
    Report,
    ReportTexts,
    SectionNode,
    SectionReport,
    TaskFact,
    UnfinishedItem,
    UnitStats,
)
from tracker.domain.report.rollup import (
    achievements_of,
    build_report,
    pending_of,
    plan_of,
    section_tree,
    unfinished_of,
    unit_stats,
)

__all__ = [
    "Achievement",
    "IndicatorResult",
    "Organisation",
    "PendingItem",
    "PlanItem",
    "Report",
    "ReportTexts",
    "SectionNode",
    "SectionReport",
    "TaskFact",
    "UnfinishedItem",
    "UnitStats",
    "achievements_of",
    "build_report",
    "pending_of",
    "plan_of",
    "section_tree",
    "unfinished_of",
    "unit_stats",
]
