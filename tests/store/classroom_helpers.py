"""Shared by the classroom tests: the fixture lessons, scripted input for them, and running the CLI."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from contextlib import redirect_stderr, redirect_stdout
from functools import lru_cache
from pathlib import Path

from negotiation_sim.bots import CallView, strategy_named
from negotiation_sim.cli import main
from negotiation_sim.content.library import Library, content_dirs, load_library
from negotiation_sim.engine.session import CallSession

ROOT = Path(__file__).resolve().parents[2]
CONTENT = Path(__file__).resolve().parent / "fixtures"  # lessons/classroom-graded.yaml, classroom-practice.yaml
GRADED = "classroom-graded"
PRACTICE = "classroom-practice"


@lru_cache(maxsize=1)
def library() -> Library:
    lib = load_library(content_dirs([CONTENT]))
    assert not lib.problems, "\n".join(map(str, lib.problems))
    return lib


@lru_cache(maxsize=16)
def scripted(lesson_id: str, strategy: str = "by-the-book", seed: int = 0) -> tuple[tuple[str, ...], ...]:
    """What a scripted trainee says in each of the lesson's calls; each call closes on its last line."""
    lib = library()
    calls = []
    for spec in lib.lesson(lesson_id).calls:
        scenario = lib.scenario(spec.scenario)
        session = CallSession(scenario, lib.persona_for(scenario), seed=spec.seed)
        bot = strategy_named(strategy, seed)
        lines: list[str] = []
        while not session.closed and len(lines) < 40:
            line = bot.reply(CallView(scenario, session.events, session.turn))
            lines.append(line)
            session.say(line)
        if not session.closed:
            lines.append("Thank you for your time. Goodbye.")
            session.say(lines[-1])
        assert session.closed, f"{strategy} did not close {spec.scenario}"
        calls.append(tuple(lines))
    return tuple(calls)


def stdin_for(calls: Sequence[Sequence[str]]) -> str:
    return "".join(line + "\n" for call in calls for line in call)


def env() -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if k not in ("NEGOTIATION_SIM_DB", "NEGOTIATION_SIM_CONTENT")}
    return {**e, "PYTHONPATH": str(ROOT / "src"), "PYTHONUNBUFFERED": "1"}


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "negotiation_sim", "--content", str(CONTENT), *args]


def run_cli(
    *args: str, stdin: str = "", cwd: Path | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """The real command in a subprocess (python -m negotiation_sim)."""
    return subprocess.run(
        command(*args),
        input=stdin,
        capture_output=True,
        text=True,
        env=env(),
        cwd=cwd or ROOT,
        timeout=timeout,
    )


def run_main(*args: str, stdin: str = "", content: Path = CONTENT) -> tuple[int, str, str]:
    """The same command in this process (faster): (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(["--content", str(content), *args])
    finally:
        sys.stdin = old_stdin
    return code, out.getvalue(), err.getvalue()


def copy_db(source: Path, target: Path) -> Path:
    """A consistent copy of a database (WAL included), to change without touching the original."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return target


def query(db: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    """Read the database with a separate connection, the way another process would."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()
