"""Property-based test of the whole API against its own OpenAPI description (schemathesis).

Every operation of /api/v1/openapi.json gets generated requests (valid and invalid), sent
with a director's bearer token over a small department with tasks and documents; no
response may be a server error, and every response must match the schema it documents.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

import pytest
import schemathesis
from api_support import issue_token
from factories import make_section, make_unit
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tracker import create_app
from tracker.api.spec import openapi_document
from tracker.documents.linking import document_from_text
from tracker.domain.timeliness import Status
from tracker.extensions import db

EXAMPLES_PER_OPERATION = 25

# Cases sent and their statuses, per operation: printed at the end of the module (run with
# -s to see them; the figures go into the issue's closing notes).
SENT: Counter = Counter()
STATUSES: Counter = Counter()


@pytest.fixture(scope="module", autouse=True)
def cases_report():
    yield
    if SENT:
        print(f"\nschemathesis: {SENT.total()} cases over {len(SENT)} operations")
        for label, count in sorted(SENT.items()):
            print(f"  {count:5d}  {label}")
        print("  statuses: " + ", ".join(f"{s}: {n}" for s, n in sorted(STATUSES.items())))


@pytest.fixture
def department(world):
    """A department with some work: tasks in both divisions, linked to documents."""
    cited = document_from_text("Quyết định 135/QĐ-TTg ngày 20/01/2020")
    plan = document_from_text("Kế hoạch 12/KH-UBND")
    # The units and sections the description's examples name, as in the demo.
    make_unit("BCVT", "Phòng Bưu chính, Viễn thông", world.units["root"])
    make_section("I.3", "Lĩnh vực viễn thông", world.sections["I"])
    db.session.commit()
    tasks = [
        world.task(title="Tuyên truyền chuyển đổi số", due=world.days(-5)),
        world.task(unit="b", title="Cấp phép bưu chính", due=world.days(3)),
        world.task(title="Báo cáo quý", status=Status.SUBMITTED, done=world.days(-1)),
        world.task(section="I.2", title="Đã xong", status=Status.DONE, done=world.days(-9)),
    ]
    for task in tasks[:2]:
        task.documents = [cited, plan]
    db.session.commit()
    return world


@pytest.fixture
def bearer(client, department) -> dict:
    token = issue_token(client, department.users["director"].username)
    return {"Authorization": f"Bearer {token}"}


# The description is generated from an application's routes (built here, before the test
# app exists, since parametrize needs it at collection); requests go to the test app.
# (schemathesis.pytest.from_fixture would load it from the app, but fails under pytest 9.)
# Unexpected methods (405) cost a sixth of the run with all eight: one (PUT) is enough to
# see that every 405 names the allowed methods (check below).
CONFIG = schemathesis.Config.from_dict({"phases": {"coverage": {"unexpected-methods": ["put"]}}})

# The families of the "input robustness" issue, in every date argument and field: days past
# the horizon (and the last one Python knows), year 0, Unicode digits; real dates too.
HOSTILE_DATES = st.one_of(
    st.sampled_from(
        ["9999-12-31", "0001-01-01", "0000-01-01", "2101-01-01", "1899-12-31", "²⁰²⁰-01-01"]
    ),
    st.sampled_from(["٢٠٢٠-٠١-٠١", "2020-01-01\x00", "31/12/9999", "9" * 5000]),
    st.dates().map(date.isoformat),
)
schemathesis.openapi.format("date", HOSTILE_DATES)


@schemathesis.check
def every_405_says_what_is_allowed(ctx, response, case):
    """A 405 carries Allow (RFC 9110 §15.5.6), which a script reads to correct itself."""
    if response.status_code == 405:
        assert response.headers.get("allow"), f"405 without Allow on {case.method} {case.path}"


DESCRIBED = openapi_document(create_app({"ENV_NAME": "testing"}))
schema = schemathesis.openapi.from_dict(DESCRIBED, config=CONFIG)


@pytest.mark.slow
@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_response_matches_the_schema(case, app, bearer):
    response = case.call_and_validate(
        app=app,
        headers=bearer,
        checks=[not_a_server_error, response_schema_conformance, every_405_says_what_is_allowed],
    )
    SENT[f"{case.method.upper()} {case.path}"] += 1
    STATUSES[response.status_code] += 1


def test_the_served_description_is_the_one_tested(client):
    served = client.get("/api/v1/openapi.json")
    assert served.status_code == 200
    assert served.get_json() == json.loads(json.dumps(DESCRIBED))
