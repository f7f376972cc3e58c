"""The site's own address, for links that leave the page: calendar feeds, e-mails.

TRACKER_BASE_URL when it is set (the address people use, behind any proxy); otherwise, in a
request, the address the request came to (through a trusted proxy: the one people typed);
otherwise (a command run by cron) the development server's.
"""

from __future__ import annotations

from flask import current_app, has_request_context, request

DEVELOPMENT_URL = "http://127.0.0.1:5000"


def site_url() -> str:
    """The site's address without a trailing slash."""
    configured = current_app.config.get("BASE_URL")
    if configured:
        return configured.rstrip("/")
    if has_request_context():
        return request.host_url.rstrip("/")
    return DEVELOPMENT_URL
