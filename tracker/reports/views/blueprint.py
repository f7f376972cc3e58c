"""The `reports` blueprint, on its own so that every view module can import it."""

from flask import Blueprint

bp = Blueprint("reports", __name__)
