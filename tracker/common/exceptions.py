"""Use cases as verb_noun functions. They flush; the request (or command) commits once."""


class ServiceError(Exception):
    """A refused use case, with a message a division head understands (in Vietnamese).

    `field` names the form or API field at fault; `status` is the HTTP meaning.
    """

    status = 422

    def __init__(self, message: str, field: str | None = None, fields: dict | None = None):
        super().__init__(message)
        self.message = message
        self.fields = dict(fields or {})
        if field:
            self.fields.setdefault(field, message)
        self.field = field


class ValidationFailed(ServiceError):
    status = 422


class NotAllowed(ServiceError):
    status = 403


class NotFound(ServiceError):
    status = 404


class Conflict(ServiceError):
    """Someone else changed the record since it was read (a stale version)."""

    status = 409

    def __init__(self, message: str, current=None):
        super().__init__(message)
        self.current = current
