"""Answers computed from the database, kept per process under the data's token.

A key holds the data version's token (`tracker/freshness.py`) and everything else the
answer depends on; a write anywhere changes the token, so a kept answer is only ever
served for the very data it was computed from. The entries are bounded (least recently
used go first); `ANSWER_CACHE_ENTRIES = 0` turns the cache off.

Statements are keyed by SQLAlchemy's own cache key (the statement's structure) and the
values of its parameters: two selects share an entry only if they are the same SQL with
the same values, which includes the visibility clause of the user asking.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from flask import current_app
from sqlalchemy.sql import Executable

from tracker.common.freshness import CHANGED, current_token
from tracker.extensions import db

_MISSING = object()


class AnswerCache:
    """The answers of one data version, the most recently used kept when there are too many.

    Answers of an older token can never be asked for again (tokens are random, never
    reused): the first answer under a new token drops them all at once, so the memory held
    is that of the current data only.
    """

    def __init__(self, entries: int):
        self.entries = entries
        self._token: str | None = None
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, token: str, key: Hashable):
        with self._lock:
            if token != self._token:
                return _MISSING
            value = self._data.get(key, _MISSING)
            if value is not _MISSING:
                self._data.move_to_end(key)
            return value

    def put(self, token: str, key: Hashable, value) -> None:
        with self._lock:
            if token != self._token:
                # (A transaction begun before the latest write may still bring the older
                # token back: the entries then switch again; correct, only less useful.)
                self._data.clear()
                self._token = token
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.entries:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self._token = None


def init_app(app) -> None:
    app.extensions["answer_cache"] = AnswerCache(app.config.get("ANSWER_CACHE_ENTRIES", 2048))


def _cache() -> AnswerCache | None:
    cache = current_app.extensions.get("answer_cache")
    return cache if cache is not None and cache.entries > 0 else None


def remembered(key: Hashable, compute: Callable[[], Any]):
    """The answer for `key` at the current data, computed once per data version.

    The answer must be plain data (numbers, strings, tuples, dicts, bytes), never ORM
    objects: those belong to one session.
    """
    cache = _cache()
    if cache is None:
        return compute()
    session = db.session
    if session.info.get(CHANGED) or session.new or session.dirty or session.deleted:
        # This transaction has written (or is about to): what it reads must include its
        # own changes, which no kept answer does.
        return compute()
    token = current_token(session)
    if token is None:
        return compute()
    value = cache.get(token, key)
    if value is _MISSING:
        value = compute()
        cache.put(token, key, value)
    return value


def statement_key(stmt: Executable) -> Hashable | None:
    """The SQL of a statement and the values of its parameters, as one hashable key.

    None for a construct SQLAlchemy cannot key: its answers are never kept.
    """
    generated = stmt._generate_cache_key()  # noqa: SLF001  (SQLAlchemy's caching recipe)
    if generated is None:
        return None
    values = tuple(_hashable(p.effective_value) for p in generated.bindparams)
    return (generated.key, values)


def _hashable(value):
    """Parameter values as keys: an IN list becomes a tuple (a set, a sorted one)."""
    if isinstance(value, set | frozenset):
        return tuple(sorted(value, key=repr))
    if isinstance(value, list):
        return tuple(value)
    return value


def _kept(kind: str, stmt: Executable, compute: Callable[[], Any]):
    key = statement_key(stmt) if _cache() is not None else None
    return compute() if key is None else remembered((kind, key), compute)


def rows_of(stmt: Executable) -> list[tuple]:
    """The rows of a select, as plain tuples, kept for the current data."""
    return _kept("rows", stmt, lambda: [tuple(r) for r in db.session.execute(stmt)])


def scalar_of(stmt: Executable):
    """The single value of a select (a count), kept for the current data."""
    return _kept("scalar", stmt, lambda: db.session.scalar(stmt))


def scalars_of(stmt: Executable) -> list:
    """The first column of a select's rows (keys of a page), kept for the current data."""
    return _kept("scalars", stmt, lambda: list(db.session.scalars(stmt)))
