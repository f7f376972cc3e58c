"""Chỉ tiêu through the JSON API: set up, figures, the list of a period, and bad input."""

from __future__ import annotations

import pytest
from api_support import api_factory
from indicator_support import YEAR, set_up
from sqlalchemy import func, select

from tracker.common import clock
from tracker.common.access import system_principal
from tracker.domain.periods import parse_period
from tracker.indicators.models import IndicatorChange, IndicatorValue
from tracker.reports.issuing import issue_report


@pytest.fixture
def api_as(client, world):
    return api_factory(client, world)


signed = set_up


def stored_figures(db) -> int:
    return db.session.scalar(select(func.count()).select_from(IndicatorValue))


def test_a_ratio_of_87292_over_117681_reports_74_18_against_a_target_of_70(api_as, world, db):
    indicator = signed(api_as("director"))
    put = api_as("head_a").put(
        f"/indicators/{indicator['id']}/values/{YEAR}-Q3",
        json={"numerator": 87292, "denominator": 117681, "note": "Theo iOffice"},
    )
    assert put.status_code == 200, put.get_json()
    body = put.get_json()
    assert (body["value"], body["numerator"], body["denominator"]) == (74.18, 87292, 117681)
    assert (body["target"], body["status"], body["period"]) == (70, "achieved", f"{YEAR}-Q3")
    assert body["version"] == 1
    listed = api_as("viewer").get(f"/indicators?period={YEAR}-Q3").get_json()["items"]
    assert [(i["code"], i["value"], i["status"]) for i in listed] == [("KYSO", 74.18, "achieved")]


def test_figures_typed_the_vietnamese_way_are_read(api_as, world, db):
    indicator = signed(api_as("director"), code="HOSO", kind="count", measure="hồ sơ")
    put = api_as("staff_a").put(
        f"/indicators/{indicator['id']}/values/{YEAR}-Q3", json={"value": "1.009.186"}
    )
    assert put.status_code == 200, put.get_json()
    assert put.get_json()["value"] == 1009186


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"numerator": 5, "denominator": 0}, "denominator", "Mẫu số phải lớn hơn 0"),
        ({"numerator": 6, "denominator": 5}, "numerator", "lớn hơn mẫu số"),
        ({"numerator": "1,009,186", "denominator": 5}, "numerator", "kiểu tiếng Anh"),
        ({"value": 74}, "value", "tử số và mẫu số"),
        ({"numerator": -1, "denominator": 5}, "numerator", "không được âm"),
    ],
)
def test_a_bad_ratio_is_refused_naming_the_field(api_as, world, db, body, field, words):
    indicator = signed(api_as("director"))
    response = api_as("head_a").put(f"/indicators/{indicator['id']}/values/{YEAR}-Q3", json=body)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert field in error["fields"] and words in error["message"]
    assert stored_figures(db) == 0


def test_a_negative_count_and_a_period_outside_the_years_are_refused(api_as, world, db):
    indicator = signed(api_as("director"), code="TK", kind="count", measure="tài khoản")
    head = api_as("head_a")
    path = f"/indicators/{indicator['id']}/values"
    negative = head.put(f"{path}/{YEAR}-Q3", json={"value": -3})
    assert (
        negative.status_code == 422 and "không được âm" in negative.get_json()["error"]["message"]
    )
    outside = head.put(f"{path}/{YEAR - 1}-Q3", json={"value": 3})
    assert outside.status_code == 422
    assert outside.get_json()["error"]["fields"]["period"].startswith("Chỉ tiêu “TK” áp dụng")
    future = head.put(f"{path}/{YEAR + 1}-Q1", json={"value": 3})
    assert future.status_code == 422
    assert stored_figures(db) == 0


def test_another_units_head_may_not_enter_the_figure(api_as, world, db):
    indicator = signed(api_as("director"))
    response = api_as("head_b").put(
        f"/indicators/{indicator['id']}/values/{YEAR}-Q3", json={"numerator": 1, "denominator": 2}
    )
    assert response.status_code == 403
    assert stored_figures(db) == 0


def test_only_leaders_set_indicators_up(api_as, world, db):
    response = api_as("head_a").post(
        "/indicators", json={"code": "X", "name": "X", "measure": "%", "kind": "ratio", "unit": "A"}
    )
    assert response.status_code == 403


def test_a_stale_version_is_a_conflict_and_every_change_is_kept(api_as, world, db):
    indicator = signed(api_as("director"), code="DV", kind="cumulative", measure="dịch vụ")
    head = api_as("head_a")
    path = f"/indicators/{indicator['id']}/values/{YEAR}-Q3"
    first = head.put(path, json={"value": 1900}).get_json()
    second = head.put(path, json={"value": 1960, "version": first["version"], "note": "Bổ sung"})
    assert second.status_code == 200 and second.get_json()["version"] == 2
    stale = head.put(path, json={"value": 1, "version": first["version"]})
    assert stale.status_code == 409
    db.session.expire_all()
    assert db.session.scalar(select(IndicatorValue.value)) == 1960
    changes = db.session.scalars(select(IndicatorChange).order_by(IndicatorChange.id)).all()
    assert [c.changes["value"] for c in changes] == [[None, "1900"], ["1900", "1960"]]
    assert changes[1].note == "Bổ sung"


def test_a_longer_period_is_made_from_its_quarters(api_as, world, db):
    count = signed(
        api_as("director"), code="TK", kind="count", measure="tài khoản", targets={str(YEAR): 400}
    )
    head = api_as("head_a")
    for quarter, value in ((1, 149), (2, 200), (3, 100)):
        head.put(f"/indicators/{count['id']}/values/{YEAR}-Q{quarter}", json={"value": value})
    [nine] = head.get(f"/indicators?period={YEAR}-9M").get_json()["items"]
    assert (nine["value"], nine["version"]) == (449, None)
    [year] = head.get(f"/indicators?period={YEAR}").get_json()["items"]
    assert (year["value"], year["target"], year["percent_of_target"]) == (449, 400, 112.3)


def test_after_the_report_is_issued_only_a_leader_corrects_and_it_is_marked(api_as, world, db):
    indicator = signed(api_as("director"), code="TK", kind="count", measure="tài khoản")
    head = api_as("head_a")
    path = f"/indicators/{indicator['id']}/values/{YEAR}-Q3"
    assert head.put(path, json={"value": 449}).status_code == 200
    issued = issue_report(
        world.users["director"],
        system_principal(),
        parse_period(f"{YEAR}-Q3"),
        {
            "number": "45/BC-STTTT",
            "date": clock.today().isoformat(),
            "signer_name": "Nguyễn Văn Giám",
            "signer_title": "GIÁM ĐỐC",
            "recipients": ["Lưu: VT."],
        },
    )
    db.session.commit()
    same = head.put(path, json={"value": 449, "version": 1})  # a whole form saved again
    assert same.status_code == 200 and same.get_json()["version"] == 1
    refused = head.put(path, json={"value": 450, "version": 1})
    assert refused.status_code == 403
    assert issued.number in refused.get_json()["error"]["message"]
    corrected = api_as("director").put(path, json={"value": 450, "note": "Sai sót khi nhập"})
    assert corrected.status_code == 200 and corrected.get_json()["value"] == 450
    last = db.session.scalars(select(IndicatorChange).order_by(IndicatorChange.id.desc())).first()
    assert (last.after_issue, last.changes["value"]) == (True, ["449", "450"])


def test_a_figure_too_large_to_be_true_is_refused(api_as, world, db):
    indicator = signed(api_as("director"), code="TK", kind="count", measure="tài khoản")
    path = f"/indicators/{indicator['id']}/values/{YEAR}-Q3"
    for value in (1e30, "1E+30", "1e999999"):
        response = api_as("head_a").put(path, json={"value": value})
        assert response.status_code == 422, value
        assert "số quá lớn" in response.get_json()["error"]["message"]
    assert stored_figures(db) == 0


def test_a_year_of_targets_outside_2000_to_2100_is_refused(api_as, world, db):
    response = api_as("director").post(
        "/indicators",
        json={"code": "X", "name": "X", "measure": "%", "kind": "ratio", "unit": "A",
              "targets": {"1999": 3}},
    )  # fmt: skip
    assert response.status_code == 422
    assert "2000–2100" in response.get_json()["error"]["message"]


def test_a_year_adds_its_quarters_and_the_months_of_quarters_without_a_figure(api_as, world, db):
    indicator = signed(api_as("director"), code="TK", kind="count", measure="tài khoản")
    head = api_as("head_a")
    for period, value in ((f"{YEAR}-Q1", 10), (f"{YEAR}-04", 5), (f"{YEAR}-05", 5)):
        assert (
            head.put(
                f"/indicators/{indicator['id']}/values/{period}", json={"value": value}
            ).status_code
            == 200
        )
    [year] = head.get(f"/indicators?period={YEAR}").get_json()["items"]
    assert year["value"] == 20
