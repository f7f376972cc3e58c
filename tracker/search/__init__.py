"""One search box over tasks and documents."""

from flask import Blueprint

bp = Blueprint("search", __name__)

from . import routes  # noqa: E402,F401
