"""The organisation: units, the report's sections, people and their roles, settings."""
