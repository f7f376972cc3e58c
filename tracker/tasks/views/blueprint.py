"""The `tasks` blueprint, on its own so that every view module can import it."""

from flask import Blueprint

bp = Blueprint("tasks", __name__)
