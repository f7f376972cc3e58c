"""In-app notifications, reminders and the personal calendar feed."""

from flask import Blueprint

bp = Blueprint("notifications", __name__)

from . import routes  # noqa: E402,F401
