"""Tracker (theo dõi nhiệm vụ): the application factory. It only wires things together."""

from __future__ import annotations

import gc
import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from config import config_for
from tracker.common import answer_cache, freshness
from tracker.extensions import babel, bootstrap, csrf, db, limiter, login_manager, migrate
from tracker.web.json_bodies import BoundedJSONProvider

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: Any = None) -> Flask:
    """Build the application; `config` (a dict or an object) overrides config.py and env."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        instance_path=os.environ.get("TRACKER_INSTANCE_PATH", str(ROOT / "instance")),
    )
    app.json = BoundedJSONProvider(app)  # JSON bodies: size and nesting checked first
    overrides = _as_dict(config)
    app.config.from_object(config_for(overrides.get("ENV_NAME")))
    app.config.update(overrides)
    os.makedirs(app.instance_path, exist_ok=True)
    _configure_database(app)
    _configure_secret_key(app)

    register_extensions(app)
    register_blueprints(app)
    register_hooks(app)
    if app.config.get("TUNE_GC", True):
        _tune_garbage_collector()
    return app


def _tune_garbage_collector() -> None:
    """Keep the cycle collector's full passes off the request path.

    A page builds tens of thousands of short-lived objects; with Python's defaults a full
    collection then walks every object the process holds (modules, mappers, compiled
    templates) and a request now and then took 100 ms longer (the benchmark's p95). What
    exists at start-up is frozen out of those passes, and collections run less often.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 50)


def _as_dict(config: Any) -> dict:
    if config is None:
        return {}
    if isinstance(config, dict):
        return dict(config)
    return {key: getattr(config, key) for key in dir(config) if key.isupper()}


def _configure_database(app: Flask) -> None:
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        path = Path(app.instance_path) / "tracker.db"
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{path}"
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite"):
        options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
        options.setdefault("connect_args", {})
        # Several request threads share the file; the busy timeout makes writers wait.
        options["connect_args"].setdefault("check_same_thread", False)
        options["connect_args"].setdefault("timeout", app.config["SQLITE_BUSY_TIMEOUT_MS"] / 1000)
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """Turn on foreign keys and WAL for SQLite connections (ignored elsewhere)."""
    module = type(dbapi_connection).__module__
    if not module.startswith("sqlite3"):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # SQLite's default page cache is 2 MB; a province's hot pages (the task indexes) need
    # more, and sorts and groupings belong in memory rather than in temporary files.
    cursor.execute("PRAGMA cache_size=-32000")
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def _configure_secret_key(app: Flask) -> None:
    if app.config.get("SECRET_KEY"):
        return
    if not app.config.get("GENERATE_SECRET_KEY"):
        raise RuntimeError(
            "TRACKER_SECRET_KEY is not set: a production server refuses to start without it."
        )
    key_file = Path(app.instance_path) / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    app.config["SECRET_KEY"] = key_file.read_text().strip()


def register_extensions(app: Flask) -> None:
    from tracker import models  # noqa: F401  (registers the tables for migrations)
    from tracker.indicators import models as _indicator_models  # noqa: F401  (the same)
    from tracker.web.i18n import select_timezone

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, timezone_selector=select_timezone)
    bootstrap.init_app(app)
    limiter.init_app(app)
    freshness.install()
    answer_cache.init_app(app)


def register_blueprints(app: Flask) -> None:
    """Every feature's pages, and the JSON API with each feature's endpoints on it."""
    # Importing a feature's `api` module adds its endpoints to the one API blueprint.
    from tracker.api import openapi  # noqa: F401
    from tracker.api.blueprint import bp as api
    from tracker.auth import api as auth_api  # noqa: F401
    from tracker.auth import views as auth
    from tracker.bulk import views as bulk
    from tracker.documents import api as documents_api  # noqa: F401
    from tracker.documents import views as documents
    from tracker.indicators import api as indicators_api  # noqa: F401
    from tracker.indicators import views as indicators
    from tracker.notify import views as notify
    from tracker.ops import probes
    from tracker.org import api as org_api  # noqa: F401
    from tracker.org import views as org
    from tracker.overview import views as overview
    from tracker.reports import api as reports_api  # noqa: F401
    from tracker.reports import api_issued  # noqa: F401
    from tracker.reports import views as reports
    from tracker.search import views as search
    from tracker.tasks import api as tasks_api  # noqa: F401
    from tracker.tasks import api_actions as task_actions_api  # noqa: F401
    from tracker.tasks import views as tasks

    app.register_blueprint(auth.bp)
    app.register_blueprint(overview.bp)
    app.register_blueprint(tasks.bp, url_prefix="/tasks")
    app.register_blueprint(bulk.bp, url_prefix="/tasks/bulk")
    app.register_blueprint(indicators.bp, url_prefix="/indicators")
    app.register_blueprint(documents.bp, url_prefix="/documents")
    app.register_blueprint(reports.bp, url_prefix="/reports")
    app.register_blueprint(org.bp, url_prefix="/admin")
    app.register_blueprint(search.bp, url_prefix="/search")
    app.register_blueprint(notify.bp)
    app.register_blueprint(api, url_prefix="/api/v1")
    # The API authenticates with bearer tokens or the session; its JSON bodies carry no
    # CSRF token, so CSRF is checked in the API itself for session-authenticated writes.
    csrf.exempt(api)
    app.register_blueprint(probes.bp)


def register_hooks(app: Flask) -> None:
    from tracker import cli, errors
    from tracker.auth.sessions import load_session_user
    from tracker.notify import subscribers
    from tracker.web import requests, templating
    from tracker.web.request_log import configure_logging

    configure_logging(app)
    subscribers.connect()
    errors.register(app)
    templating.register(app)
    requests.register(app)
    # Both cookies name a server-side session: an ended one opens nothing (auth/sessions).
    login_manager.user_loader(load_session_user)
    cli.register(app)
