"""Helpers for the chỉ tiêu tests: set one up through the API, as a director would."""

from __future__ import annotations

YEAR = 2026


def set_up(api, **extra) -> dict:
    """POST /indicators the signed-documents rate of division A (or what `extra` changes)."""
    body = {
        "code": "KYSO",
        "name": "Tỷ lệ văn bản đi được ký số",
        "measure": "%",
        "kind": "ratio",
        "unit": "A",
        "section": "I.2",
        "targets": {str(YEAR): 70},
    } | extra
    response = api.post("/indicators", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()
