"""The OpenAPI 3.1 description of /api/v1, generated from the endpoints and their schemas.

Each endpoint says what it is with `@operation(...)`: its summary, the schema of its query,
body and answer, and the errors it may give. `openapi_document(app)` walks the API's routes
and lets apispec turn the marshmallow schemas into the description, so that what is
described is what validates and what serialises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask
from marshmallow import Schema

from tracker.api.schemas import Error

JSON = "application/json"
ERROR_MEANINGS = {
    "400": "Bad request: malformed JSON or a bad query argument.",
    "401": "Not signed in, or the token is invalid, expired or revoked.",
    "403": "Not allowed (or, for a session write, no valid X-CSRFToken header).",
    "404": "Not found, or not visible to the caller.",
    "409": "Stale or already used: nothing changed (`current` holds a task as it is now).",
    "413": "The body is too large.",
    "415": "The body is not JSON (Content-Type: application/json).",
    "422": "A field is invalid; `error.fields` names it.",
    "429": "Too many attempts; wait a few minutes.",
}
WRITE_ERRORS = ("400", "401", "403", "413", "415", "422")
TAGS = ("auth", "reference", "tasks", "workflow", "documents", "reports", "meta")
_CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


@dataclass
class Operation:
    """What one endpoint is, as the description says it."""

    summary: str
    tag: str
    response: type[Schema] | dict | None = None
    status: str = "200"
    errors: tuple[str, ...] = ("401",)
    query: type[Schema] | None = None
    extra_query: type[Schema] | None = None  # e.g. the page arguments of a list
    body: type[Schema] | None = None
    body_required: bool = True
    example: dict | None = None
    description: str | None = None
    public: bool = False
    headers: dict = field(default_factory=dict)
    binary: str | None = None  # the media type of a file answer
    path: str | None = None  # when one route serves several described paths
    path_params: dict = field(default_factory=dict)
    etag: bool = False

    def render(self, spec: APISpec, route_params: list[dict]) -> dict:
        responses = {self.status: self._success(spec)}
        for status in self.errors:
            responses[status] = _json(Error, ERROR_MEANINGS[status])
        responses["default"] = _json(Error, "Any other error, in the same shape.")
        operation: dict = {"summary": self.summary, "tags": [self.tag], "responses": responses}
        parameters = [self.path_params.get(p["name"], p) for p in route_params]
        for query in (self.query, self.extra_query):
            if query is not None:
                parameters.append({"in": "query", "schema": query})
        if self.etag:
            parameters.append(
                {
                    "name": "If-Match",
                    "in": "header",
                    "schema": {"type": "string"},
                    "description": "The version read, as the ETag gave it (if no body has it).",
                }
            )
        if parameters:
            operation["parameters"] = parameters
        if self.body is not None:
            media: dict = {"schema": self.body}
            if self.example:
                media["example"] = self.example
            operation["requestBody"] = {"required": self.body_required, "content": {JSON: media}}
        if self.description:
            operation["description"] = self.description
        if self.public:
            operation["security"] = []
        return operation

    def _success(self, spec: APISpec) -> dict:
        if self.binary:
            content = {self.binary: {"schema": {"type": "string", "format": "binary"}}}
            return {"description": self.summary, "content": content}
        if self.response is None:
            return {"description": "Done; no content."}
        answer = _json(self.response, "OK")
        headers = dict(self.headers)
        if self.etag:
            headers["ETag"] = {
                "description": "The task's version, quoted.",
                "schema": {"type": "string"},
            }
        if headers:
            answer["headers"] = headers
        return answer


def operation(**described) -> callable:
    """Describe an endpoint (several times when one route serves several paths)."""

    def decorate(view):
        view.operations = [Operation(**described), *getattr(view, "operations", [])]
        return view

    return decorate


def _json(schema, description: str) -> dict:
    return {"description": description, "content": {JSON: {"schema": schema}}}


def _route(rule: str, prefix: str) -> tuple[str, list[dict]]:
    """A Flask rule as an OpenAPI path, with its path parameters."""
    params = []
    for converter, name in _CONVERTER.findall(rule):
        kind = {"type": "integer", "minimum": 1} if converter == "int" else {"type": "string"}
        params.append({"name": name, "in": "path", "required": True, "schema": kind})
    return _CONVERTER.sub(r"{\2}", rule[len(prefix) :]), params


def openapi_document(app: Flask, prefix: str = "/api/v1") -> dict:
    """The whole description of the API the app serves (built once per app)."""
    cached = app.extensions.get("openapi_document")
    if cached is not None:
        return cached
    spec = APISpec(
        title="Tracker API",
        version="1.0.0",
        openapi_version="3.1.0",
        plugins=[MarshmallowPlugin(schema_name_resolver=_schema_name)],
        info={
            "description": (
                "Tasks, deadlines, legal documents and the periodic report of a provincial"
                " department. Authenticate with `Authorization: Bearer TOKEN` (from POST"
                " /auth/token) or the browser session; session writes need the header"
                " `X-CSRFToken`. Writes take JSON (`Content-Type: application/json`)."
                " Messages are in Vietnamese."
            )
        },
        servers=[{"url": prefix}],
        security=[{"bearerAuth": []}, {"sessionCookie": []}],
        tags=[{"name": name} for name in TAGS],
    )
    spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})
    spec.components.security_scheme(
        "sessionCookie",
        {
            "type": "apiKey",
            "in": "cookie",
            "name": "session",
            "description": "The browser session; writes also need X-CSRFToken.",
        },
    )
    paths: dict[str, dict] = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.endpoint.startswith("api."):
            continue
        view = app.view_functions[rule.endpoint]
        path, params = _route(rule.rule, prefix)
        for described in getattr(view, "operations", []):
            methods = sorted(rule.methods - {"HEAD", "OPTIONS"})
            for method in methods:
                at = described.path or path
                paths.setdefault(at, {})[method.lower()] = described.render(spec, params)
    for path, operations in paths.items():
        spec.path(path=path, operations=operations)
    document = spec.to_dict()
    app.extensions["openapi_document"] = document
    return document


def _schema_name(schema) -> str:
    """Components are named after their schema class (TaskSchema → Task)."""
    cls = schema if isinstance(schema, type) else type(schema)
    name = cls.__name__
    return name[: -len("Schema")] if name.endswith("Schema") and name != "Schema" else name
