"""Chỉ tiêu pages: the list of a period, one indicator, and a unit's figures in one form."""

from __future__ import annotations

from decimal import Decimal

import pytest
from indicator_support import YEAR, figure, indicator
from sqlalchemy import func, select
from task_pages import text

from tracker.indicators.models import IndicatorChange, IndicatorValue


@pytest.fixture
def figures(world):
    signed = indicator(world, "KYSO", "ratio", target=70)
    figure(signed, f"{YEAR}-Q3", "74.18", Decimal(87292), Decimal(117681))
    online = indicator(world, "HOSO", "ratio", unit="b", target=30)
    figure(online, f"{YEAR}-Q3", "5.84", Decimal(6304), Decimal(108014))
    accounts = indicator(world, "TK", "count", measure="tài khoản")
    return signed, online, accounts


def test_the_list_shows_figure_target_and_standing_in_words(login_as, figures):
    page = text(login_as("viewer").get(f"/indicators/?period={YEAR}-Q3"))
    assert "74,18 %" in page and "87.292/117.681" in page and "70 %" in page
    assert "Đạt, vượt" in page and "Không đạt" in page
    assert "Chưa có số liệu" in page  # TK has no figure
    assert "Cách đánh giá:" in page


def test_the_list_filters_by_unit_standing_and_words_without_accents(login_as, world, figures):
    client = login_as("viewer")
    by_unit = text(client.get(f"/indicators/?period={YEAR}-Q3&unit={world.units['b'].id}"))
    assert "Chỉ tiêu HOSO" in by_unit and "Chỉ tiêu KYSO" not in by_unit
    failing = text(client.get(f"/indicators/?period={YEAR}-Q3&status=not_achieved"))
    assert "Chỉ tiêu HOSO" in failing and "Chỉ tiêu KYSO" not in failing
    searched = text(client.get(f"/indicators/?period={YEAR}-Q3&q=chi+tieu+kyso"))
    assert "Chỉ tiêu KYSO" in searched and "Chỉ tiêu HOSO" not in searched


def test_the_indicator_page_has_its_chart_and_history(login_as, figures):
    signed = figures[0]
    page = text(login_as("viewer").get(f"/indicators/{signed.id}"))
    assert '<svg class="indicator-chart"' in page
    assert "Quý III năm 2026" in page and "87.292/117.681" in page


def test_a_head_enters_the_quarter_in_one_form(login_as, world, db, figures):
    _, _, accounts = figures
    signed = figures[0]
    client = login_as("head_a")
    form = client.get(f"/indicators/entry?period={YEAR}-Q4")
    assert form.status_code == 200
    page = text(form)
    assert "Chỉ tiêu KYSO" in page and "Chỉ tiêu HOSO" not in page  # B's is not A's to enter
    response = client.post_form(
        "/indicators/entry",
        {
            "unit": world.units["a"].id,
            "period": f"{YEAR}-Q4",
            f"numerator-{signed.id}": "10.200",
            f"denominator-{signed.id}": "13.100",
            f"value-{accounts.id}": "1.009",
            f"note-{accounts.id}": "Theo hệ thống",
        },
        token_from=f"/indicators/entry?period={YEAR}-Q4",
    )
    assert response.status_code == 303
    stored = dict(
        db.session.execute(
            select(IndicatorValue.indicator_id, IndicatorValue.value).where(
                IndicatorValue.period == f"{YEAR}-Q4"
            )
        ).all()
    )
    assert stored == {signed.id: Decimal("77.86"), accounts.id: Decimal(1009)}


def test_one_bad_figure_saves_none_of_the_form(login_as, world, db, figures):
    signed, _, accounts = figures
    client = login_as("head_a")
    response = client.post_form(
        "/indicators/entry",
        {
            "unit": world.units["a"].id,
            "period": f"{YEAR}-Q4",
            f"numerator-{signed.id}": "1,009,186",
            f"denominator-{signed.id}": "13.100",
            f"value-{accounts.id}": "12",
        },
        token_from=f"/indicators/entry?period={YEAR}-Q4",
    )
    assert response.status_code == 422
    page = text(response)
    assert "Không số liệu nào được lưu." in page and "kiểu tiếng Anh" in page
    assert 'value="1,009,186"' in page  # what was typed stays in the form
    q4 = (
        select(func.count())
        .select_from(IndicatorValue)
        .where(IndicatorValue.period == f"{YEAR}-Q4")
    )
    assert db.session.scalar(q4) == 0
    assert db.session.scalar(select(func.count()).select_from(IndicatorChange)) == 0


def test_saving_the_same_figures_again_records_nothing(login_as, world, db, figures):
    signed = figures[0]
    client = login_as("head_a")
    body = {
        "unit": world.units["a"].id,
        "period": f"{YEAR}-Q3",
        f"numerator-{signed.id}": "87.292",
        f"denominator-{signed.id}": "117.681",
        f"version-{signed.id}": "1",
    }
    token = f"/indicators/entry?period={YEAR}-Q3"
    assert client.post_form("/indicators/entry", body, token_from=token).status_code == 303
    db.session.expire_all()
    assert (
        db.session.scalar(
            select(IndicatorValue.version).where(IndicatorValue.indicator_id == signed.id)
        )
        == 1
    )
    assert db.session.scalar(select(func.count()).select_from(IndicatorChange)) == 0


def test_a_viewer_has_no_form_to_fill(login_as, figures):
    assert login_as("viewer").get("/indicators/entry").status_code == 403


def test_a_period_that_names_none_is_said_not_ignored(login_as, figures):
    page = text(login_as("viewer").get("/indicators/?period=2026-Q9"))
    assert "Kỳ báo cáo “2026-Q9” không hợp lệ" in page and "Đang hiển thị quý hiện tại." in page


def test_the_entry_form_shows_a_stored_figure_whole(login_as, world, db, figures):
    _, _, accounts = figures
    figure(accounts, f"{YEAR}-Q3", "12.5")
    page = text(login_as("head_a").get(f"/indicators/entry?period={YEAR}-Q3"))
    assert f'name="value-{accounts.id}" inputmode="decimal" autocomplete="off"' in page
    assert 'value="12,5"' in page  # saving the form again changes nothing
