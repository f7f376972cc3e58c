"""The report's items as the tasks they become: achievements under their headings, the
plan's items under the section their words name, each with its lead unit guessed.

An item keeps its whole text and its place: the writer stores them as the task's result (an
achievement) or report wording (a plan item) and its report order, so that the report
written back says what the original said, in the same order.
"""

from __future__ import annotations

import re

from tracker.domain.legal_refs import find_refs
from tracker.imports.report_mapping import UnitMatcher, completion_date, normal, short_title
from tracker.reports.importing.plan import ItemPlan, PlanTaskPlan

_GENERIC = re.compile(r"^(?:linh vuc|cong tac|hoat dong|ve) ")


def _guess(matcher: UnitMatcher, text: str, *headings: str):
    """(unit id, mention, from a heading) for an item: its own words first, then headings."""
    if found := matcher.find(text):
        return found.unit_id, found.text, False
    for heading in headings:  # "Công tác thanh tra": the inspectorate's own heading
        if found := matcher.find(heading, proper_only=False):
            return found.unit_id, found.text, True
    return None, None, False


def item_plans(parsed, window, sections, matcher) -> list[ItemPlan]:
    """Every achievement of the report, in its order, as the done task it becomes."""
    titles = {s.key: s.title for s in sections}
    parents = {s.key: s.parent_key for s in sections}
    items: list[ItemPlan] = []
    for section in parsed.walk():
        chain, key = [], section.code
        while key is not None:
            chain.append(titles[key])
            key = parents[key]
        for order, entry in enumerate(section.items, start=1):
            text = entry.full_text
            refs = find_refs(text)
            unit_id, mention, from_heading = _guess(matcher, text, *chain)
            items.append(
                ItemPlan(
                    key=f"item-{len(items) + 1}",
                    section_key=section.code,
                    text=text,
                    title=short_title(text),
                    completed_on=completion_date(text, window, refs),
                    refs=refs,
                    unit_id=unit_id,
                    unit_mention=mention,
                    guessed_from_heading=from_heading,
                    order=order,
                )
            )
    return items


def plan_task_plans(parsed, sections, matcher) -> list[PlanTaskPlan]:
    """Every item of the plan heading, in its order, under the section its words name."""
    default = sections[0].key if sections else ""
    phrases = []
    for section in sections:
        phrase = _GENERIC.sub("", normal(section.title))
        if phrase.count(" ") >= 1:
            phrases.append((len(phrase), section.key, re.compile(rf"\b{re.escape(phrase)}\b")))
    phrases.sort(key=lambda p: -p[0])
    tasks = []
    for n, text in enumerate(parsed.plan_items, start=1):
        folded = normal(text)
        section_key = next((key for _, key, rx in phrases if rx.search(folded)), default)
        unit_id, mention, _ = _guess(matcher, text)
        tasks.append(
            PlanTaskPlan(
                key=f"plan-{n}",
                text=text,
                title=short_title(text),
                section_ref=f"r:{section_key}",
                refs=find_refs(text),
                unit_id=unit_id,
                unit_mention=mention,
                order=n,
            )
        )
    return tasks
