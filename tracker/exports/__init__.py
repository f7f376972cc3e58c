"""Exports: pure writers that turn a report (or a template) into bytes."""
