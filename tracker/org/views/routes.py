"""Routes of the admin blueprint: the guard every page passes, the dashboard, the areas.

Every admin page needs the admin role (Action.ADMINISTER); the guard runs before any of
them, so that no page can forget it. The services check it again.
"""

from __future__ import annotations

from flask import current_app, render_template
from flask_login import current_user

from tracker.common.access import require
from tracker.org.directory import admin_summary, failed_bursts
from tracker.org.settings import organisation
from tracker.org.views.blueprint import bp
from tracker.permissions import Action


@bp.before_request
def guard():
    """Send the anonymous to the login page and refuse everyone but admins (403)."""
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    require(Action.ADMINISTER)
    return None


@bp.get("/")
def index():
    return render_template(
        "admin/index.html",
        summary=admin_summary(),
        bursts=failed_bursts(),
        org=organisation(),
    )
