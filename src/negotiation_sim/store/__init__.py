"""The classroom store: SQLite (WAL) journal of calls, scorecards and lesson runs. See store.db.Store."""

from __future__ import annotations

from .db import AttemptsUsedUp, Store, StoreError
from .paths import DB_ENV, default_db_path, resolve_db_path
from .records import AttemptRecord, HintRecord, RunRecord, ScoreRecord, StudentRecord

__all__ = [
    "DB_ENV",
    "AttemptRecord",
    "AttemptsUsedUp",
    "HintRecord",
    "RunRecord",
    "ScoreRecord",
    "Store",
    "StoreError",
    "StudentRecord",
    "default_db_path",
    "resolve_db_path",
]
