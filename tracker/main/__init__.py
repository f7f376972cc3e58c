"""The home page ("Việc của tôi") and the director's overview ("Tổng quan")."""

from flask import Blueprint

bp = Blueprint("main", __name__)

from . import overview, routes  # noqa: E402,F401
