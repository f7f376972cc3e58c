"""The periodic report page, its texts, downloads and imports (plans, past reports)."""

from flask import Blueprint

bp = Blueprint("reports", __name__)

from . import onboarding, routes  # noqa: E402,F401
