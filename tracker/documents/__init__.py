"""The legal document registry and the director's directive view."""

from flask import Blueprint

bp = Blueprint("documents", __name__)

from . import routes  # noqa: E402,F401
