"""Signing in and out, passwords, one's own account, and API tokens."""
