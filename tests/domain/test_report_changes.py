"""What changed since a report was issued, read from the issued JSON and the live one."""

from tracker.domain.report.changes import LABELS, changes_since, gone_from


def report(achieved=(), pending=(), unfinished=(), plan=()):
    """A report's JSON with only what the comparison reads."""
    return {
        "sections": [
            {
                "achievements": [],
                "sections": [
                    {"achievements": [{"task_id": t, "title": f"Việc {t}"} for t in achieved]}
                ],
            }
        ],
        "pending_confirmation": [{"task_id": t, "title": f"Việc {t}"} for t in pending],
        "unfinished": [{"task_id": t, "title": f"Việc {t}", "due_date": d} for t, d in unfinished],
        "plan": [{"task_id": t, "title": f"Việc {t}", "due_date": d} for t, d in plan],
    }


def kinds(before, after, due_now=None):
    return [(c.kind, c.task_id, c.detail) for c in changes_since(before, after, due_now)]


def test_the_same_report_has_no_changes():
    same = report(achieved=[1], pending=[2], unfinished=[(3, "2026-09-10")])
    assert kinds(same, same) == []


def test_each_kind_of_change_is_told_apart():
    before = report(
        achieved=[1],
        pending=[2, 3],
        unfinished=[(4, "2026-09-10"), (5, "2026-09-12")],
    )
    after = report(
        achieved=[2],  # confirmed
        unfinished=[(3, "2026-09-30"), (4, "2026-09-20"), (6, None)],  # returned, moved, new
        pending=[7],  # handed in since
    )
    assert kinds(before, after) == [
        ("confirmed", 2, ""),
        ("withdrawn", 1, ""),
        ("returned", 3, ""),
        ("submitted", 7, ""),
        ("rescheduled", 4, "10/09/2026 → 20/09/2026"),
        ("added", 6, ""),
        ("removed", 5, ""),
    ]


def test_a_task_whose_deadline_left_the_window_was_rescheduled_not_removed():
    before = report(unfinished=[(4, "2026-09-10"), (5, "2026-09-12")])
    after = report()
    found = kinds(before, after, {4: "2027-01-15", 5: "2026-09-12"})
    assert found == [("rescheduled", 4, "10/09/2026 → 15/01/2027"), ("removed", 5, "")]
    assert gone_from(before, after) == {4, 5}


def test_a_deadline_removed_reads_as_no_deadline():
    before = report(plan=[(8, "2026-12-01")])
    assert kinds(before, report(plan=[(8, None)])) == [("rescheduled", 8, "01/12/2026 → không hạn")]


def test_labels_say_what_happened_and_titles_come_along():
    before = report(pending=[2])
    change = changes_since(before, report(achieved=[2]))[0]
    assert change.label == LABELS["confirmed"] and change.title == "Việc 2"


def test_a_change_is_named_by_the_live_title_else_by_the_issued_one():
    before = report(unfinished=[(4, "2026-09-10"), (5, "2026-09-12")])
    after = report(unfinished=[(4, "2026-09-11")])
    after["unfinished"][0]["title"] = "Việc 4 (đổi tên)"
    titles = {c.task_id: c.title for c in changes_since(before, after, {5: "2027-01-02"})}
    assert titles == {4: "Việc 4 (đổi tên)", 5: "Việc 5"}


def test_a_report_without_some_lists_reads_as_empty_ones():
    bare = {"sections": [{"sections": []}]}
    assert changes_since(bare, bare) == []
    assert [c.kind for c in changes_since(bare, report(pending=[3], plan=[(4, None)]))] == [
        "submitted",
        "added",
    ]
