"""The JSON API (/api/v1), described by /api/v1/openapi.json.

This package holds the API's plumbing (authentication, CSRF, JSON bodies, errors, the
description); the endpoints live with their features (`tracker/<feature>/api.py`).
"""
