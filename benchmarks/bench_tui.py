"""TUI benchmarks: start-up (headless and under a pseudo-terminal) and peak memory of a call.

Each figure is measured for our app and for the minimal Textual app of `minimal_app.py`,
alternating the two so that both see the same machine load. Every run is a fresh process.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import select
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CHILD = HERE / "tui_child.py"
COLUMNS, ROWS = 100, 30
# Text that is on the first frame of each app (ANSI codes removed from the output first).
OURS_READY = ("Scenarios",)
REF_READY = ("Say something to the debtor",)
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|P[^\x1b]*\x1b\\|[@-Z\\-_])")


class NotAvailable(Exception):
    """The measurement could not be made (the TUI is missing or failed): shown as such."""


def tui_available() -> str | None:
    """None when `negotiation_sim.tui.app.make_app` can be imported, else why not."""
    code = "import negotiation_sim.tui.app as a; a.make_app"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(), timeout=120)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["import failed"])[-1]
        return f"not available: {last[:120]}"
    return None


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), env.get("PYTHONPATH", "")) if p)
    for key in ("TEXTUAL", "TEXTUAL_DEVTOOLS_PORT", "TEXTUAL_DRIVER"):
        env.pop(key, None)
    return env


def _child(*args: str, timeout: float = 180) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(CHILD), *args],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=timeout,
        cwd=ROOT,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise NotAvailable(f"child failed: {(done.stderr.strip().splitlines() or ['no output'])[-1][:160]}")
    result: dict[str, Any] = json.loads(lines[-1])
    if "error" in result:
        raise NotAvailable(str(result["error"]))
    return result


def headless_start(target: str) -> dict[str, float]:
    """Seconds from script start to the first interactive screen under run_test (a fresh process)."""
    return _child("start", target)


def pty_start(target: str, timeout: float = 60.0) -> float:
    """Seconds from spawning the real program under a pseudo-terminal to its first screen on it."""
    if target == "ours":
        cmd, ready = [sys.executable, "-m", "negotiation_sim"], OURS_READY
    else:
        cmd, ready = [sys.executable, str(HERE / "minimal_app.py")], REF_READY
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    env = _env() | {
        "TERM": "xterm-256color",
        "COLUMNS": str(COLUMNS),
        "LINES": str(ROWS),
        "COLORTERM": "truecolor",
    }
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=ROOT,
        env=env,
        close_fds=True,
        start_new_session=True,
    )
    os.close(slave)
    raw = b""
    seen_at: float | None = None
    try:
        while seen_at is None and time.perf_counter() - t0 < timeout:
            readable, _, _ = select.select([master], [], [], 0.02)
            if readable:
                try:
                    chunk = os.read(master, 1 << 16)
                except OSError:  # the program closed the terminal
                    break
                if not chunk:
                    break
                raw += chunk
                screen = _ANSI.sub("", raw.decode("utf-8", "replace"))
                if any(text in screen for text in ready):
                    seen_at = time.perf_counter() - t0
            elif proc.poll() is not None:
                break
    finally:
        _stop(proc, master)
    if seen_at is None:
        tail = _ANSI.sub("", raw.decode("utf-8", "replace"))[-200:].strip()
        raise NotAvailable(f"first screen not seen within {timeout:g} s ({' | '.join(ready)}); output ends: {tail!r}")
    return seen_at


def _stop(proc: subprocess.Popen[bytes], master: int) -> None:
    """End the program this benchmark started (by its pid), then close our end of the terminal."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
    with contextlib.suppress(OSError):
        os.close(master)


# The most patient debtor: a 40-turn call does not make her hang up.
MEMORY_SCENARIO = "chatty-hearing-aids"


def call_lines(turns: int = 40, scenario_id: str = MEMORY_SCENARIO, seed: int = 7) -> list[str]:
    """`turns` lines that keep the call open that long (checked headless with the same seed)."""
    from negotiation_sim.bots import ByTheBook, CallView
    from negotiation_sim.content.library import load_library
    from negotiation_sim.engine.session import CallSession

    lib = load_library()
    scenario = lib.scenario(scenario_id)
    persona = lib.persona_for(scenario)

    def still_open(lines: list[str]) -> bool:
        session = CallSession(scenario, persona, seed=seed)
        for line in lines:
            session.say(line)
        return not session.closed

    pool = [
        "Let's get back to the balance, please.",
        "Let me take a moment to look at that.",
        "I understand, that sounds difficult.",
        "Can you tell me a bit more about what happened?",
        "What are your thoughts on how we can resolve this?",
        "Thank you for explaining that.",
        "How has your week been?",
    ]
    lines: list[str] = []
    session = CallSession(scenario, persona, seed=seed)
    bot = ByTheBook()
    while len(lines) < 8:  # a proper opening first: disclosure, identity, the reminder
        line = bot.reply(CallView(session.scenario, session.events, session.turn))
        if not still_open([*lines, line]):
            break
        lines.append(line)
        session.say(line)
    k = 0
    while len(lines) < turns:
        for attempt in range(len(pool)):
            line = pool[(k + attempt) % len(pool)]
            if still_open([*lines, line]):
                lines.append(line)
                k += attempt + 1
                break
        else:
            break  # nothing keeps the call open any longer
    return lines


def memory(target: str, lines: list[str], scenario_id: str = MEMORY_SCENARIO, seed: int = 7) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump({"scenario": scenario_id, "seed": seed, "lines": lines}, f)
        name = f.name
    try:
        return _child("memory", target, name, timeout=600)
    finally:
        os.unlink(name)
