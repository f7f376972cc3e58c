"""The production samples in deploy/ are linted: nginx by crossplane (nginx's own grammar),
the systemd units by systemd-analyze, and every setting they name is one the app reads."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import crossplane
import pytest
from crossplane.analyzer import DIRECTIVES

from config import Config

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def nginx_tree(tmp_path: Path) -> list[dict]:
    """The sample parsed where nginx includes it: inside the http block."""
    main = tmp_path / "nginx.conf"
    main.write_text(f"events {{}}\nhttp {{\n    include {DEPLOY / 'nginx' / 'tracker.conf'};\n}}\n")
    parsed = crossplane.parse(str(main), check_ctx=True, check_args=True)
    assert parsed["status"] == "ok", parsed["errors"]
    [included] = [config for config in parsed["config"] if config["file"].endswith("tracker.conf")]
    return included["parsed"]


def directives(tree: list[dict]):
    for directive in tree:
        yield directive
        yield from directives(directive.get("block", []))


def test_the_nginx_sample_is_valid_and_forwards_what_the_app_trusts(tmp_path):
    tree = list(directives(nginx_tree(tmp_path)))
    unknown = {d["directive"] for d in tree} - set(DIRECTIVES)
    assert not unknown, unknown
    upstream_servers = [
        d
        for d in directives(next(d for d in tree if d["directive"] == "upstream")["block"])
        if d["directive"] == "server"
    ]
    assert len(upstream_servers) >= 2  # two app servers or more
    forwarded = {d["args"][0] for d in tree if d["directive"] == "proxy_set_header"}
    # ProxyFix(x_for=1, x_proto=1, x_host=1) in web/requests.py reads exactly these.
    assert {"X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host"} <= forwarded
    [body_limit] = [d["args"][0] for d in tree if d["directive"] == "client_max_body_size"]
    assert int(body_limit.rstrip("m")) * 1024 * 1024 >= Config.MAX_CONTENT_LENGTH


def test_the_systemd_units_verify(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    env = tmp_path / "env"
    env.write_text((DEPLOY / "env.sample").read_text())
    venv_bin = Path(sys.executable).parent
    units = []
    for unit in sorted((DEPLOY / "systemd").iterdir()):
        # Point the sample's paths at this checkout so that the commands exist.
        text = unit.read_text().replace("/opt/tracker/.venv/bin", str(venv_bin))
        text = text.replace("/opt/tracker", str(ROOT)).replace("/etc/tracker/env", str(env))
        (tmp_path / unit.name).write_text(text)
        units.append(str(tmp_path / unit.name))
    result = subprocess.run(
        [analyze, "verify", *units], capture_output=True, text=True, check=False, timeout=60
    )
    complaints = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if str(tmp_path) in line or "Unknown" in line or "rror" in line
    ]
    assert result.returncode == 0 and not complaints, result.stdout + result.stderr


def test_every_setting_in_the_sample_environment_is_read_by_the_app():
    config_source = (ROOT / "config.py").read_text()
    names = re.findall(r"^([A-Z_]+)=", (DEPLOY / "env.sample").read_text(), re.MULTILINE)
    assert "TRACKER_SECRET_KEY" in names and "REDIS_URL" in names
    unread = [name for name in names if f'"{name}"' not in config_source]
    assert not unread, unread
