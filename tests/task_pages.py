"""Helpers for the task page tests: read a form's hidden fields, post like a browser."""

from __future__ import annotations

import html
import re

FORM_RE = r'<form[^>]*action="{action}"[^>]*>(.*?)</form>'
HIDDEN_RE = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)"')


def hidden_fields(page: str, action: str) -> dict:
    """The hidden inputs of the first form posting to `action` on the page."""
    match = re.search(FORM_RE.format(action=re.escape(action)), page, re.S)
    assert match, f"no form posting to {action}"
    return {name: html.unescape(value) for name, value in HIDDEN_RE.findall(match.group(1))}


def submit(client, page_url: str, action: str, data: dict, **kw):
    """Fill the form posting to `action` as shown on `page_url`, then post it."""
    page = client.get(page_url).get_data(as_text=True)
    fields = hidden_fields(page, action)
    fields.update(data)
    return client.raw.post(action, data=fields, **kw)


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))
