"""Importing a past report: read it, plan what it creates, let people choose, write it at once."""
