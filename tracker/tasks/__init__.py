"""Tasks: assign, update, confirm or return, extensions, evidence, history, lists and the API."""
