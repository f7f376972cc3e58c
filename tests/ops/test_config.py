"""Configuration: secrets, the default database, the environment's settings."""

from __future__ import annotations

import pytest

from tracker import create_app


def test_production_refuses_to_start_without_a_secret_key(tmp_path, monkeypatch):
    monkeypatch.delenv("TRACKER_SECRET_KEY", raising=False)
    monkeypatch.setenv("TRACKER_INSTANCE_PATH", str(tmp_path))
    with pytest.raises(RuntimeError, match="TRACKER_SECRET_KEY"):
        create_app({"ENV_NAME": "production", "SECRET_KEY": None})


def test_production_starts_with_a_secret_key(tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_INSTANCE_PATH", str(tmp_path))
    app = create_app({"ENV_NAME": "production", "SECRET_KEY": "s3cret-from-the-environment"})
    assert app.config["SECRET_KEY"] == "s3cret-from-the-environment"
    assert not (tmp_path / "secret_key").exists()


def test_development_generates_a_secret_into_the_instance_folder_once(tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_INSTANCE_PATH", str(tmp_path))
    first = create_app({"ENV_NAME": "development", "SECRET_KEY": None})
    second = create_app({"ENV_NAME": "development", "SECRET_KEY": None})
    key_file = tmp_path / "secret_key"
    assert key_file.exists() and oct(key_file.stat().st_mode)[-3:] == "600"
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"] == key_file.read_text()
    assert len(first.config["SECRET_KEY"]) >= 64


def test_the_default_database_is_sqlite_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_INSTANCE_PATH", str(tmp_path))
    app = create_app({"ENV_NAME": "development", "SQLALCHEMY_DATABASE_URI": None})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'tracker.db'}"


def test_an_unknown_environment_name_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("TRACKER_ENV", "staging")
    with pytest.raises(RuntimeError, match="TRACKER_ENV"):
        create_app()
