"""One TUI measurement in a fresh process (started by bench_tui.py); prints one JSON line.

    python benchmarks/tui_child.py start  ours|ref
    python benchmarks/tui_child.py memory ours|ref CALL.json   # {"scenario": id, "seed": n, "lines": [...]}

`start`: seconds from the first line of this script (before Textual is imported) until the
app's first screen is up under `App.run_test` (headless) — the moment `run_test` hands over
a pilot: the screen is composed, mounted and takes keys. For our app it also reports when
the home screen has the library loaded.
`memory`: the peak resident memory (VmHWM) after a call of the given lines typed into
the app (ours: the call screen; ref: the minimal app's Input).
A failure prints {"error": "..."}: the benchmark shows the row as not available.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import asyncio  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import traceback  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))
SIZE = (100, 30)


def make(target: str, **kwargs: Any) -> Any:
    if target == "ref":
        from minimal_app import make_app

        return make_app()
    from negotiation_sim.tui.app import make_app

    return make_app(**kwargs)


async def until(pilot: Any, condition: Any, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await pilot.pause(0.005)


async def start(target: str) -> dict[str, float]:
    app = make(target)
    async with app.run_test(size=SIZE) as pilot:
        up = time.perf_counter() - T0
        result = {"seconds": up}
        if target == "ours":
            await until(pilot, lambda: getattr(app, "library", None) is not None, "the content library")
            result["library_seconds"] = time.perf_counter() - T0
        await pilot.press("ctrl+q")
    return result


async def memory(target: str, call: dict[str, Any]) -> dict[str, float]:
    from textual.widgets import Input

    lines: list[str] = call["lines"]
    turns = 0
    if target == "ref":
        app = make("ref")
        async with app.run_test(size=SIZE) as pilot:
            for line in lines:
                app.query_one(Input).value = line
                await pilot.press("enter")
                await pilot.pause()
                turns += 1
    else:
        app = make("ours", scenario_id=call["scenario"], seed=call["seed"])
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: app.library is not None, "the content library")
            await until(pilot, lambda: type(app.screen).__name__ == "AccountScreen", "the account screen")
            await pilot.pause()
            await pilot.press("ctrl+d")
            await until(pilot, lambda: hasattr(app.screen, "session"), "the call screen")
            screen = app.screen
            for line in lines:
                if screen.session.closed:
                    break
                before = screen.session.turn
                box = screen.focused if isinstance(screen.focused, Input) else screen.query(Input).first()
                box.value = line
                await pilot.press("enter")
                await until(pilot, lambda b=before: screen.session.turn > b, "the debtor's reply")
                await app.workers.wait_for_complete()
                await pilot.pause()
                turns += 1
    return {"peak_mb": peak_rss_kb() / 1024, "turns": turns}


def peak_rss_kb() -> float:
    """This process's peak resident memory. On Linux VmHWM, because ru_maxrss carries over the
    parent's peak through fork and exec (so a child of a big benchmark process looks big)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return float(line.split()[1])
    except OSError:
        pass
    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def main() -> int:
    mode, target = sys.argv[1], sys.argv[2]
    try:
        if mode == "start":
            result = asyncio.run(start(target))
        else:
            call = json.loads(Path(sys.argv[3]).read_text(encoding="utf-8"))
            result = asyncio.run(memory(target, call))
    except Exception as exc:  # the TUI is being built: report what failed instead of a traceback
        last = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{Path(last.filename).name}:{last.lineno}"
        print(json.dumps({"error": f"{type(exc).__name__}: {exc} ({where})"}))
        return 0
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
