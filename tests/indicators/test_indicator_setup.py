"""Thiết lập chỉ tiêu: the leaders' form to set an indicator up and change it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from indicator_support import YEAR, figure, indicator
from sqlalchemy import select
from task_pages import text

from tracker.indicators.models import Indicator


def form(world, **changes) -> dict:
    return {
        "code": "dvc",
        "name": "Dịch vụ công trực tuyến",
        "measure": "dịch vụ",
        "kind": "cumulative",
        "direction": "up",
        "unit": str(world.units["b"].id),
        "section": str(world.sections["I.2"].id),
        "first_year": "",
        "last_year": "",
        "targets": f"{YEAR}: 1.500\n{YEAR}-Q4: 1.450",
        "documents": "Quyết định 411/QĐ-TTg",
    } | changes


def test_a_director_sets_one_up_with_its_targets(login_as, world, db):
    client = login_as("director")
    response = client.post_form("/indicators/new", form(world), token_from="/indicators/new")
    assert response.status_code == 303
    made = db.session.scalar(select(Indicator).where(Indicator.code == "DVC"))
    assert response.headers["Location"].endswith(f"/indicators/{made.id}")
    assert {t.period: t.value for t in made.targets} == {
        str(YEAR): Decimal(1500),
        f"{YEAR}-Q4": Decimal(1450),
    }
    assert (made.first_year, made.last_year, made.unit.code) == (YEAR, YEAR, "B")
    assert [d.symbol for d in made.documents] == ["411/QĐ-TTg"]


def test_a_target_line_without_its_colon_is_named(login_as, world, db):
    client = login_as("director")
    bad = form(world, targets=f"{YEAR}: 70\n2027 80")
    response = client.post_form("/indicators/new", bad, token_from="/indicators/new")
    assert response.status_code == 422
    assert "Chỉ tiêu giao, dòng 2: viết “kỳ: chỉ tiêu”" in text(response)
    assert db.session.scalar(select(Indicator.id)) is None


def test_changing_it_keeps_its_figures_meaning(login_as, world, db):
    made = indicator(world, "KYSO", "ratio", target=70)
    figure(made, f"{YEAR}-Q3", "74.18", Decimal(87292), Decimal(117681))
    client = login_as("director")
    page = f"/indicators/{made.id}/edit"
    assert 'value="KYSO"' in text(client.get(page))
    kept = form(world, code="KYSO", kind="ratio", measure="%", targets=f"{YEAR}: 75",
                unit=str(world.units["a"].id), version=str(made.version))  # fmt: skip
    assert client.post_form(page, kept, token_from=page).status_code == 303
    db.session.expire_all()
    assert [(t.period, t.value) for t in made.targets] == [(str(YEAR), Decimal(75))]
    other_kind = kept | {"kind": "count", "version": str(made.version)}
    refused = client.post_form(page, other_kind, token_from=page)
    assert refused.status_code == 422
    assert "Chỉ tiêu đã có số liệu: không đổi loại được." in text(refused)
    stale = kept | {"version": "1"}
    assert client.post_form(page, stale, token_from=page).status_code == 409


@pytest.mark.parametrize("who", ["head_a", "viewer"])
def test_only_leaders_have_the_form(login_as, world, who):
    assert login_as(who).get("/indicators/new").status_code == 403
