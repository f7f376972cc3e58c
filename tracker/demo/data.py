"""The demo department's data, read once from demo.json (data, not code).

Our own data, in the shape of a real provincial report; the people are fictitious. The
loader (loader.py) dates the tasks relative to the day the demo is loaded.
"""

from __future__ import annotations

import json
from pathlib import Path

DATA = json.loads(Path(__file__).with_name("demo.json").read_text(encoding="utf-8"))

DEMO_PASSWORD: str = DATA["password"]  # printed by `make run`; demo only
ORGANISATION: dict[str, str] = DATA["organisation"]
# (code, name, short name, kind, parent code)
UNITS = [(u["code"], u["name"], u["short_name"], u["kind"], u["parent"]) for u in DATA["units"]]
# (username, full name, job title, role, unit code)
USERS = [
    (u["username"], u["full_name"], u["job_title"], u["role"], u["unit"]) for u in DATA["users"]
]
# (code, title): the headings of the report, in order
SECTIONS = [(s["code"], s["title"]) for s in DATA["sections"]]
# (the reference as written, its subject)
DOCUMENTS = [(d["reference"], d["title"]) for d in DATA["documents"]]
# past, current, next, parent, subtasks: each task a dict with a relative `when` (builder.py)
TASKS: dict = DATA["tasks"]
# (task title, days added to its deadline, reason, decision: None pending / True / False)
EXTENSIONS = [(e["task"], e["days"], e["reason"], e["approved"]) for e in DATA["extensions"]]
# Chỉ tiêu with the figures of the last four quarters (see "_about" in demo.json)
INDICATORS: list[dict] = DATA["indicators"]["items"]
