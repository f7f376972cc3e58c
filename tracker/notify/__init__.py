"""Telling people: in-app notifications, e-mails, the daily digest, reminders, calendar feeds."""
