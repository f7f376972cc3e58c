"""The server-drawn SVG chart: valid markup, escaped labels, proportional bars."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tracker.overview.charts import TIMELINESS_SERIES, Series, plain_number, stacked_bars

NS = {"svg": "http://www.w3.org/2000/svg"}


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)  # noqa: S314  (our own markup, parsed to check it)


def segments(root: ET.Element) -> list[ET.Element]:
    return [r for r in root.iter(f"{{{NS['svg']}}}rect") if r.get("class") == "chart-segment"]


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{{{NS['svg']}}}text")]


def test_valid_svg_with_title_description_and_vietnamese_legend():
    rows = [("Phòng A", {"done_on_time": 3, "done_late": 1, "unfinished_on_time": 2, "overdue": 4})]
    root = parse(stacked_bars(rows, title="Biểu đồ quý", ident="q"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "q-title q-desc"
    assert root.find("svg:title", NS).text == "Biểu đồ quý"
    desc = root.find("svg:desc", NS).text
    assert "Phòng A" in desc and "chưa hoàn thành – quá hạn 4" in desc
    legend = texts(root)
    for s in TIMELINESS_SERIES:
        assert s.label in legend
    # One segment per non-zero category, coloured like the badges, each with a tooltip.
    found = {r.get("data-series"): r for r in segments(root)}
    assert set(found) == {"done_on_time", "done_late", "unfinished_on_time", "overdue"}
    assert found["overdue"].get("fill") == "#dc3545"
    assert found["done_on_time"].get("fill") == "#198754"
    assert found["overdue"].find("svg:title", NS).text == "Phòng A – Chưa hoàn thành – quá hạn: 4"


def test_labels_and_links_are_escaped():
    label = 'Phòng <script>alert("x")</script> & "Tổ" \'A\''
    link = '/tasks/?unit=1&timeliness=overdue"><script>'
    markup = stacked_bars([(label, {"overdue": 2}, {"overdue": link})])
    assert "<script>" not in markup
    root = parse(markup)
    assert label in texts(root)[len(TIMELINESS_SERIES)]
    anchors = list(root.iter(f"{{{NS['svg']}}}a"))
    assert [a.get("href") for a in anchors] == [link]


def test_long_labels_are_shortened_but_kept_whole_in_the_tooltip():
    label = "Phòng Văn hóa và Thông tin huyện " * 4
    root = parse(stacked_bars([(label, {"done_on_time": 1})]))
    shown = [t for t in root.iter(f"{{{NS['svg']}}}text") if t.find("svg:title", NS) is not None]
    assert shown[0].find("svg:title", NS).text == label
    assert "".join(shown[0].itertext()).endswith("…")


@pytest.mark.parametrize("rows", [[], [("Phòng A", {}), ("Phòng B", {"overdue": 0})]])
def test_no_data_is_said_in_words(rows):
    root = parse(stacked_bars(rows))
    assert segments(root) == []
    assert "Không có số liệu trong kỳ." in texts(root)
    assert float(root.get("viewBox").split()[3]) > 0


def test_bar_widths_are_proportional_on_one_scale():
    rows = [
        ("A", {"done_on_time": 6, "overdue": 2}),
        ("B", {"done_on_time": 2, "done_late": 2}),
    ]
    root = parse(stacked_bars(rows))
    widths = [(r.get("data-series"), float(r.get("width"))) for r in segments(root)]
    unit = widths[0][1] / 6
    assert widths == [
        ("done_on_time", pytest.approx(6 * unit)),
        ("overdue", pytest.approx(2 * unit)),
        ("done_on_time", pytest.approx(2 * unit)),
        ("done_late", pytest.approx(2 * unit)),
    ]
    # The largest total fills the plot, so B's bar is half as long as A's.
    assert 8 * unit == pytest.approx(float(root.get("viewBox").split()[2]) - 44)
    # Segments of a bar follow one another without gaps.
    a_segments = segments(root)[:2]
    assert float(a_segments[1].get("x")) == pytest.approx(float(a_segments[0].get("width")))


def test_negative_or_missing_counts_draw_nothing_and_other_series_work():
    series = (Series("x", "Loại X", "#000000"), Series("y", "Loại Y", "#ffffff", "#000000"))
    root = parse(stacked_bars([("A", {"x": -3, "y": 5})], series))
    assert [r.get("data-series") for r in segments(root)] == ["y"]
    assert "Loại X" in texts(root)


def test_numbers_use_vietnamese_separators():
    assert plain_number(1009186) == "1.009.186"
    root = parse(stacked_bars([("A", {"done_on_time": 12345})]))
    assert "12.345" in texts(root)


def test_a_narrow_chart_puts_one_legend_item_a_line():
    def legend_lines(width: int) -> set[str]:
        root = parse(stacked_bars([("A", {"overdue": 1})], width=width))
        items = [g for g in root.iter(f"{{{NS['svg']}}}g") if g.get("class") == "chart-legend-item"]
        return {g.find("svg:rect", NS).get("y") for g in items}

    assert len(legend_lines(480)) == 2
    assert len(legend_lines(320)) == len(TIMELINESS_SERIES)


def test_every_link_of_a_chart_has_a_name_and_is_reachable():
    """Issue 16: the overview's chart links had no accessible name, inside role="img"."""
    links = {"overdue": "/tasks/?timeliness=overdue", "done_on_time": "/tasks/?x=1"}
    root = parse(stacked_bars([("Phòng A", {"overdue": 4, "done_on_time": 2}, links)]))
    assert root.get("role") == "group"  # an image would hide its links
    names = [a.get("aria-label") for a in root.iter(f"{{{NS['svg']}}}a")]
    assert names == [
        "Phòng A – Hoàn thành đúng hạn: 2 – xem danh sách",
        "Phòng A – Chưa hoàn thành – quá hạn: 4 – xem danh sách",
    ]
    assert parse(stacked_bars([("Phòng A", {"overdue": 4})])).get("role") == "img"
