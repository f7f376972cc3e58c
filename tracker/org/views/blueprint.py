"""The `admin` blueprint, on its own so that every view module can import it."""

from flask import Blueprint

bp = Blueprint("admin", __name__)
