"""Where the classroom database lives: `--db PATH`, else NEGOTIATION_SIM_DB, else the user data dir."""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV = "NEGOTIATION_SIM_DB"
APP_NAME = "negotiation-sim"
DB_FILENAME = "classroom.sqlite3"


def default_db_path() -> Path:
    """The database file in the user data directory (platformdirs), e.g. ~/.local/share/negotiation-sim/."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / DB_FILENAME


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """`explicit` (the --db option) wins, then the NEGOTIATION_SIM_DB variable, then the default."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(DB_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    return default_db_path()
