"""Figures typed the Vietnamese way, read strictly, written back the same way."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.numbers import format_figure, json_number, read_figure


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("1.009.186", "1009186"),
        ("1009186", "1009186"),
        ("74,18", "74.18"),
        ("74,18 %", "74.18"),
        ("74,18%", "74.18"),
        (" 6.897 ", "6897"),
        ("1.009.186,5", "1009186.5"),
        (87292, "87292"),
        (74.18, "74.18"),
        (Decimal("0.5"), "0.5"),
    ],
)
def test_what_a_vietnamese_typist_writes_is_read(typed, number):
    assert read_figure(typed, "Giá trị") == Decimal(number)


def test_english_thousands_are_refused_with_the_way_to_write_them():
    with pytest.raises(ValueError) as refused:
        read_figure("1,009,186", "Giá trị")
    message = str(refused.value)
    assert message.startswith("Giá trị: “1,009,186” viết theo kiểu tiếng Anh.")
    assert "hãy viết 1.009.186." in message


@pytest.mark.parametrize("typed", ["12.5", "1.00.000", "abc", "", "%", "1..2", None, True, [1]])
def test_anything_else_is_refused_naming_the_field(typed):
    with pytest.raises(ValueError, match="^Tử số: "):
        read_figure(typed, "Tử số")


@pytest.mark.parametrize("typed", [float("nan"), float("inf"), "1" * 16, 1e30, "1E+30"])
def test_no_infinity_and_no_runaway_figure(typed):
    with pytest.raises(ValueError):
        read_figure(typed, "Giá trị")


def test_figures_are_written_as_read():
    assert format_figure(Decimal(1009186)) == "1.009.186"
    assert format_figure(Decimal("74.18"), 2) == "74,18"
    assert format_figure(Decimal("74.1"), 2) == "74,10"
    assert format_figure(None) == "—"


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False))
def test_a_written_figure_reads_back_to_itself(number):
    assert read_figure(format_figure(number, 2), "Giá trị") == number


def test_figures_go_into_json_as_numbers_people_read():
    assert json_number(None) is None
    assert json_number(Decimal("1009186.0000")) == 1009186
    assert isinstance(json_number(Decimal("1009186.0000")), int)
    assert json_number(Decimal("74.1800")) == 74.18
    assert json_number(Decimal("74.175"), 2) == 74.18  # a rate's two decimals
    assert json_number(Decimal("70"), 2) == 70.0 and isinstance(json_number(Decimal(70), 2), float)
