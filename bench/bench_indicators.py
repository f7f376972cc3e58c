"""Chỉ tiêu of a province: `python -m bench.bench_indicators`.

Issue 17's targets: the indicator list of a province (200 units × 20 indicators, five years
of quarterly figures: 4,000 indicators, 80,000 figures) p95 ≤ 50 ms; the report with its
indicator appendix within the report's own targets (JSON of a quarter ≤ 0.5 s, Excel of a
quarter ≤ 2 s, Word ≤ 2 s). The province is seeded by `flask tracker bench-seed` in a
temporary folder (SQLite) or `--url` names one already seeded; its indicators are added
here (once: a database that has them keeps them). Requests go through the pages' own
addresses in-process, as the director makes them, with kept answers ("warm", the usual
case) and with none ("cold", the first view after any write).

    .venv/bin/python -m bench.bench_indicators
    .venv/bin/python -m bench.bench_indicators --url postgresql+psycopg://postgres@127.0.0.1/b100
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, insert, select

from bench.bench_issue import make_app
from bench.measure import FlaskClient, sign_in
from bench.provision import create_schema, seed

PER_UNIT, YEARS = 20, 5
KINDS = ("count", "cumulative", "ratio")
TARGETS = {"list": 0.050, "json": 0.5, "xlsx": 2.0, "docx": 2.0}


def add_indicators(app, today: date, rng: random.Random) -> int:
    """Give every unit PER_UNIT indicators with targets and quarterly figures; return how
    many indicators the database holds."""
    from tracker.extensions import db
    from tracker.indicators.models import Indicator, IndicatorTarget, IndicatorValue
    from tracker.models import Section, Unit

    with app.app_context():
        held = db.session.scalar(select(func.count()).select_from(Indicator))
        if held:
            return held
        units = db.session.scalars(select(Unit.id)).all()
        sections = db.session.scalars(select(Section.id).where(Section.parent_id.is_not(None)))
        sections = sections.all()
        first = today.year - YEARS + 1
        rows = []
        for unit in units:
            for n in range(PER_UNIT):
                kind = KINDS[n % 3]
                rows.append({
                    "code": f"U{unit}-{n:02d}", "name": f"Chỉ tiêu {n + 1} của đơn vị {unit}",
                    "measure": "%" if kind == "ratio" else "hồ sơ", "kind": kind,
                    "direction": "down" if n % 7 == 6 else "up", "unit_id": unit,
                    "section_id": rng.choice(sections), "first_year": first,
                    "last_year": today.year, "sort_order": n,
                })  # fmt: skip
        db.session.execute(insert(Indicator), rows)
        made = db.session.execute(select(Indicator.id, Indicator.kind)).all()
        targets, figures = [], []
        for indicator_id, kind in made:
            for year in range(first, today.year + 1):
                goal = Decimal(rng.choice((60, 70, 80))) if kind == "ratio" else Decimal(1000)
                targets.append({"indicator_id": indicator_id, "period": str(year), "value": goal})
                for quarter in range(1, 5):
                    end = date(year, 3 * quarter, 28)
                    if end > today:
                        break
                    figures.append(_figure(indicator_id, kind, year, quarter, end, rng))
        db.session.execute(insert(IndicatorTarget), targets)
        for start in range(0, len(figures), 20_000):
            db.session.execute(insert(IndicatorValue), figures[start : start + 20_000])
        db.session.commit()
        return len(made)


def _figure(indicator_id: int, kind: str, year: int, quarter: int, as_of: date, rng) -> dict:
    now = datetime.now(UTC).replace(tzinfo=None)
    row = {"indicator_id": indicator_id, "period": f"{year}-Q{quarter}", "as_of": as_of}
    row |= {"updated_at": now, "version": 1, "numerator": None, "denominator": None}
    if kind == "ratio":
        denominator = rng.randint(1_000, 100_000)
        numerator = rng.randint(denominator // 3, denominator)
        value = (Decimal(numerator) * 100 / denominator).quantize(Decimal("0.01"))
        return row | {"value": value, "numerator": numerator, "denominator": denominator}
    step = rng.randint(150, 320)
    return row | {"value": Decimal(step * (quarter if kind == "cumulative" else 1))}


def timed(client: FlaskClient, path: str, runs: int, before=None) -> list[float]:
    times = []
    for _ in range(runs):
        if before:
            before()
        started = time.perf_counter()
        status, _ = client.request("GET", path)
        times.append(time.perf_counter() - started)
        if status != 200:
            raise RuntimeError(f"GET {path}: HTTP {status}")
    return times


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def measure(url: str, instance: Path, runs: int) -> bool:
    app = make_app(url, instance)
    today = date.today()
    count = add_indicators(app, today, random.Random(17))
    client = FlaskClient(app)
    sign_in(client, "giamdoc")
    quarter = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    clear = app.extensions["answer_cache"].clear
    ok = True
    print(f"{count:,} indicators; period {quarter}")
    list_page, api = f"/indicators/?period={quarter}", f"/api/v1/indicators?period={quarter}"
    report = f"/reports/{quarter}/download/"
    checks = (  # (what, address, target, what runs before each request, runs)
        ("Indicator list, page", list_page, "list", None, runs),
        ("Indicator list, page (cold)", list_page, None, clear, runs),
        ("Indicators JSON", api, "list", None, runs),
        ("Indicators JSON (cold)", api, None, clear, runs),
        ("Report JSON with appendix", f"/api/v1/reports/{quarter}", "json", None, 5),
        ("Report JSON with appendix (cold)", f"/api/v1/reports/{quarter}", None, clear, 3),
        ("Report Excel with appendix", report + "xlsx", "xlsx", None, 3),
        ("Report Word with appendix", report + "docx", "docx", None, 3),
    )
    for name, path, target, before, n in checks:
        times = timed(client, path, n, before)
        verdict = ""
        if target is not None:
            met = p95(times) <= TARGETS[target]
            ok &= met
            verdict = f"target ≤ {TARGETS[target] * 1000:.0f} ms: {'met' if met else 'MISSED'}"
        print(
            f"{name:34s} median {statistics.median(times) * 1000:8.1f} ms  "
            f"p95 {p95(times) * 1000:8.1f} ms  {verdict}"
        )
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="an already seeded database (not created nor dropped)")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--tasks", type=int, default=100_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-indicators-") as folder:
        instance = Path(folder)
        url = args.url
        if url is None:
            url = f"sqlite:///{instance / 'bench.db'}"
            create_schema(url, instance)
            seconds, _ = seed(url, instance, 200, args.tasks, 1)
            print(f"seeded {args.tasks:,} tasks in 200 units in {seconds:.0f} s")
        return 0 if measure(url, instance, args.runs) else 1


if __name__ == "__main__":
    raise SystemExit(main())
