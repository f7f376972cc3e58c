"""Settings per environment, read from the environment (CONTRACT.md "Settings")."""

from __future__ import annotations

import os
from datetime import timedelta


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    """Shared defaults; the database URL and secrets come from the environment."""

    ENV_NAME = "base"
    SECRET_KEY = os.environ.get("TRACKER_SECRET_KEY")
    # None means "SQLite in the instance folder", resolved by the factory.
    SQLALCHEMY_DATABASE_URI = os.environ.get("TRACKER_DATABASE_URL")
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    SQLITE_BUSY_TIMEOUT_MS = 15_000
    # Answers kept per process under the data's version (tracker/answer_cache.py); 0: off.
    ANSWER_CACHE_ENTRIES = int(os.environ.get("TRACKER_ANSWER_CACHE_ENTRIES", "2048"))

    # The department's calendar (tracker/common/clock.py) and the zone times are shown in.
    TIMEZONE = os.environ.get("TRACKER_TIMEZONE", "Asia/Ho_Chi_Minh")
    BABEL_DEFAULT_LOCALE = "vi"
    BABEL_DEFAULT_TIMEZONE = TIMEZONE
    BOOTSTRAP_SERVE_LOCAL = True
    BOOTSTRAP_BOOTSWATCH_THEME = None

    WTF_CSRF_TIME_LIMIT = 8 * 3600
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    # Cookies are also marked Secure on every HTTPS request (web.SecureCookiesOverHttps, which
    # sees the proxy's X-Forwarded-Proto when TRACKER_TRUST_PROXY=1); this forces it always.
    SESSION_COOKIE_SECURE = _env_bool("TRACKER_SECURE_COOKIES")
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = timedelta(days=30)
    # Idle timeout: the signed session cookie is refreshed on each request and refused once
    # older than this (a remember-me cookie signs the person in again, see REMEMBER_*).
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    # Trust X-Forwarded-* only when a proxy we control sets them.
    TRUST_PROXY = _env_bool("TRACKER_TRUST_PROXY")

    MAX_CONTENT_LENGTH = 20 * 1024 * 1024
    ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
    IMPORT_MAX_BYTES = 5 * 1024 * 1024
    DUE_SOON_DAYS = int(os.environ.get("TRACKER_DUE_SOON_DAYS", "7"))
    API_TOKEN_LIFETIME = timedelta(days=30)
    PER_PAGE = 50

    SMTP_HOST = os.environ.get("TRACKER_SMTP_HOST")
    SMTP_PORT = int(os.environ.get("TRACKER_SMTP_PORT", "25"))
    SMTP_USER = os.environ.get("TRACKER_SMTP_USER")
    SMTP_PASSWORD = os.environ.get("TRACKER_SMTP_PASSWORD")
    SMTP_TLS = os.environ.get("TRACKER_SMTP_TLS", "none")
    MAIL_FROM = os.environ.get("TRACKER_MAIL_FROM", "tracker@localhost")
    # The address people use (links in e-mails and calendar feeds); unset, pages use the
    # address of the request and commands the development server's (common/site.py).
    BASE_URL = os.environ.get("TRACKER_BASE_URL")

    LOG_FORMAT = os.environ.get("TRACKER_LOG_FORMAT", "json")  # json lines, or "text"
    LOG_LEVEL = os.environ.get("TRACKER_LOG_LEVEL", "INFO")

    REDIS_URL = os.environ.get("REDIS_URL")
    # Shared across app servers through Redis when configured, per process otherwise.
    RATELIMIT_STORAGE_URI = REDIS_URL or "memory://"
    RATELIMIT_KEY_PREFIX = os.environ.get("TRACKER_RATELIMIT_PREFIX", "tracker")
    # Redis down must not mean nobody can sign in: count in memory until it is back.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_SWALLOW_ERRORS = True
    RATELIMIT_HEADERS_ENABLED = True
    # The sign-in throttle (domain/throttle.py), counted in the database so that every
    # worker and app server shares it: free tries per account and address, then a wait
    # that doubles; a generous ceiling per account (from anywhere) and per address.
    LOGIN_THROTTLE_ENABLED = True
    LOGIN_WINDOW_MINUTES = int(os.environ.get("TRACKER_LOGIN_WINDOW_MINUTES", "15"))
    LOGIN_FREE_ATTEMPTS = int(os.environ.get("TRACKER_LOGIN_FREE_ATTEMPTS", "5"))
    LOGIN_FIRST_WAIT_SECONDS = int(os.environ.get("TRACKER_LOGIN_FIRST_WAIT_SECONDS", "30"))
    LOGIN_ACCOUNT_CEILING = int(os.environ.get("TRACKER_LOGIN_ACCOUNT_CEILING", "50"))
    LOGIN_ADDRESS_CEILING = int(os.environ.get("TRACKER_LOGIN_ADDRESS_CEILING", "30"))


class DevelopmentConfig(Config):
    ENV_NAME = "development"
    LOG_FORMAT = os.environ.get("TRACKER_LOG_FORMAT", "text")
    # A missing secret is generated into instance/secret_key by the factory.
    GENERATE_SECRET_KEY = True


class ProductionConfig(Config):
    ENV_NAME = "production"
    GENERATE_SECRET_KEY = False


class TestingConfig(Config):
    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
    GENERATE_SECRET_KEY = False
    SQLALCHEMY_DATABASE_URI = os.environ.get("TRACKER_TEST_DATABASE_URL", "sqlite://")
    WTF_CSRF_ENABLED = True
    RATELIMIT_ENABLED = False
    SMTP_HOST = None
    # Argon2 at full strength makes the suite slow; tests use the cheapest valid profile.
    ARGON2_FAST = True
    # The suite builds an app per test: freezing each one's objects would keep them all.
    TUNE_GC = False


CONFIGS = {
    "development": DevelopmentConfig,
    "production": ProductionConfig,
    "testing": TestingConfig,
}


def config_for(name: str | None = None) -> type[Config]:
    """The settings class for TRACKER_ENV (development unless told otherwise)."""
    name = (name or os.environ.get("TRACKER_ENV") or "development").lower()
    if name not in CONFIGS:
        raise RuntimeError(f"TRACKER_ENV={name!r}: use one of {', '.join(CONFIGS)}")
    return CONFIGS[name]
