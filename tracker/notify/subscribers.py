"""Who hears about what: the e-mail handlers subscribed to the task events."""


def connect() -> None:
    from tracker.notify import mail  # noqa: F401  (registers the e-mail event handlers)
