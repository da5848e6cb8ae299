"""Core benchmarks: engine turn latency, headless bot calls, `validate` on generated files.

Every function returns plain numbers for one run; `run.py` repeats runs and takes medians.
Times come from `time.perf_counter_ns`. Nothing here is asserted: these are measurements.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------------------- the reference workload


def pyref_us(reps: int = 200) -> float:
    """Median µs of a fixed pure-Python workload shaped like an engine turn (dicts, strings, JSON).

    It is the yardstick the engine and bot figures are divided by: on a slower or busier machine
    both grow, and their ratio stays put.
    """
    payload = [{"i": i, "turn": i // 4, "type": "debtor_said", "text": f"line {i} " * 6} for i in range(12)]

    def work() -> None:
        events = []
        for e in payload:
            copy = {**e, "mood": "calm", "delta": {k: v for k, v in e.items() if k != "text"}}
            copy["text"] = " ".join(copy["text"].split()).replace("line", "Line")
            events.append(copy)
        json.loads(json.dumps(events))
        sorted(events, key=lambda x: (x["turn"], -x["i"]))

    samples = []
    for _ in range(reps):
        t0 = time.thread_time_ns()  # CPU time, like the engine and bot figures
        for _ in range(10):
            work()
        samples.append((time.thread_time_ns() - t0) / 10_000)
    samples.sort()
    return samples[len(samples) // 2]


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), round(q / 100 * len(sorted_values) + 0.5)))
    return sorted_values[rank - 1]


# ---------------------------------------------------------------------------- the engine


def _library() -> Any:
    from negotiation_sim.commands.common import known_moves
    from negotiation_sim.content.library import load_library

    lib = load_library(None, [], known_moves())
    if lib.problems:
        raise RuntimeError("the shipped content has problems: " + "; ".join(map(str, lib.problems[:3])))
    return lib


def _forget(recogniser: Any) -> Callable[[], None]:
    """A function that empties the recogniser's memo of lines it has seen, if it keeps one.

    A trainee types new text, so the engine figure is for lines the recogniser has not seen.
    """
    cache = getattr(recogniser, "_cache", None)
    return cache.clear if hasattr(cache, "clear") else (lambda: None)


def _clock_overhead_us(clock: Callable[[], int]) -> float:
    samples = []
    for _ in range(2000):
        t0 = clock()
        samples.append(clock() - t0)
    samples.sort()
    return samples[len(samples) // 2] / 1000


def engine_turns(seeds: int = 6) -> dict[str, dict[str, float]]:
    """Per scenario: p50 and p99 µs of `CallSession.say` (real recogniser, lines it has not seen).

    Every bot plays `seeds` calls of every scenario; only the `say` call is timed, on the
    thread's CPU clock (what the turn costs, without the time other processes held the CPU)
    and on the wall clock (what a user would wait on this machine as loaded as it was).
    """
    from negotiation_sim.bots import STRATEGIES, CallView, strategy_named
    from negotiation_sim.engine.moves import default_recogniser
    from negotiation_sim.engine.session import CallSession

    lib = _library()
    recogniser = default_recogniser()
    forget = _forget(recogniser)
    cpu_clock, wall_clock = time.thread_time_ns, time.perf_counter_ns
    cpu_cost, wall_cost = _clock_overhead_us(cpu_clock), _clock_overhead_us(wall_clock)
    out: dict[str, dict[str, float]] = {}
    for scenario_id, scenario in sorted(lib.scenarios.items()):
        persona = lib.persona_for(scenario)
        cpu: list[float] = []
        wall: list[float] = []
        ref = pyref_us(20)
        for seed in range(seeds):
            for name in STRATEGIES:
                bot = strategy_named(name, seed)
                session = CallSession(scenario, persona, seed=seed, recogniser=recogniser)
                while not session.closed and session.turn < 40:
                    line = bot.reply(CallView(session.scenario, session.events, session.turn))
                    forget()
                    w0 = wall_clock()
                    c0 = cpu_clock()
                    session.say(line)
                    c1 = cpu_clock()
                    w1 = wall_clock()
                    cpu.append(max(0.0, (c1 - c0) / 1000 - cpu_cost))
                    wall.append(max(0.0, (w1 - w0) / 1000 - wall_cost - cpu_cost))
        cpu.sort()
        wall.sort()
        ref = (ref + pyref_us(20)) / 2  # the reference, taken before and after this scenario
        out[scenario_id] = {
            "p50": percentile(cpu, 50),
            "p99": percentile(cpu, 99),
            "max": cpu[-1] if cpu else float("nan"),
            "wall_p50": percentile(wall, 50),
            "wall_p99": percentile(wall, 99),
            "turns": len(cpu),
            "ref": ref,
        }
    return out


def _pin_one_core() -> str:
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity)"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


IDENTITY_POOL = 64  # like `explore`: call i reuses the debtor identity of seed i mod 64
CHUNK = 20  # calls timed between two measurements of the reference


def bot_calls(
    calls: int = 400, strategies: tuple[str, ...] | None = None, fresh_identities: int | None = None
) -> dict[str, Any]:
    """Headless calls per CPU-second on one core: bots play whole calls over every shipped scenario.

    Includes making the session (first events) and the bots' own thinking, as `explore` and the
    tests run them; the recogniser keeps its memo of seen lines. Seeds cycle through a pool of
    IDENTITY_POOL, as explore's do, unless `fresh_identities` is a first seed: then every call
    has a new seed, and so a new Faker identity.
    """
    from negotiation_sim.bots import STRATEGIES, play_call, strategy_named
    from negotiation_sim.engine.moves import default_recogniser
    from negotiation_sim.engine.session import CallSession

    previous = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    pinned = _pin_one_core()
    try:
        lib = _library()
        recogniser = default_recogniser()
        names = strategies or tuple(STRATEGIES)
        scenarios = [lib.scenarios[k] for k in sorted(lib.scenarios)]

        def seed(i: int) -> int:
            return fresh_identities + i if fresh_identities is not None else i % IDENTITY_POOL

        plan = [(scenarios[i % len(scenarios)], names[i % len(names)], seed(i)) for i in range(calls)]
        for i in range(IDENTITY_POOL):  # warm: the identity pool, memoised stage steps, imports
            scenario, name = scenarios[i % len(scenarios)], names[i % len(names)]
            play_call(
                CallSession(scenario, lib.persona_for(scenario), seed=i, recogniser=recogniser),
                strategy_named(name, i),
            )
        turns = 0
        cpu = wall = 0
        ratios = []
        for start in range(0, calls, CHUNK):  # the reference is taken beside each chunk of calls
            ref = pyref_us(10)
            t0, c0 = time.perf_counter_ns(), time.process_time_ns()
            for scenario, name, call_seed in plan[start : start + CHUNK]:
                session = CallSession(scenario, lib.persona_for(scenario), seed=call_seed, recogniser=recogniser)
                play_call(session, strategy_named(name, call_seed))
                turns += session.turn
            chunk_cpu = time.process_time_ns() - c0
            wall += time.perf_counter_ns() - t0
            cpu += chunk_cpu
            ratios.append(chunk_cpu / 1000 / len(plan[start : start + CHUNK]) / ((ref + pyref_us(10)) / 2))
    finally:
        if previous is not None:
            os.sched_setaffinity(0, previous)
    ratios.sort()
    return {
        "calls_per_s": calls / (cpu / 1e9),
        "us_per_call": cpu / 1000 / calls,
        "wall_calls_per_s": calls / (wall / 1e9),
        "ratio": ratios[len(ratios) // 2],
        "turns": turns,
        "pinned": pinned,
    }


# ---------------------------------------------------------------------------- validate

_ID_LINE = re.compile(r"^id:[ \t]*(\S+)[ \t]*$", re.M)


def generate_content(target: Path, count: int = 1000) -> list[Path]:
    """`count` valid content files: copies of the shipped ones with new ids (references untouched)."""
    shipped = [p for folder in ("scenarios", "personas", "lessons") for p in sorted((ROOT / folder).glob("*.yaml"))]
    files: list[Path] = []
    for i in range(count):
        source = shipped[i % len(shipped)]
        text = source.read_text(encoding="utf-8")
        new_text, n = _ID_LINE.subn(lambda m, i=i: f"id: {m.group(1)}-gen{i:04d}", text, count=1)
        if n != 1:
            raise RuntimeError(f"{source}: no top-level 'id:' line to rename")
        folder = target / source.parent.name
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{source.stem}-gen{i:04d}.yaml"
        path.write_text(new_text, encoding="utf-8")
        files.append(path)
    return files


def validate_files(count: int = 1000) -> dict[str, float]:
    """Files per second for what `negotiation-sim validate DIR` does, and for parsing the YAML alone."""
    import yaml

    from negotiation_sim.commands.common import known_moves
    from negotiation_sim.content.library import content_dirs, files_in, load_library

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    tmp = Path(tempfile.mkdtemp(prefix="negotiation-bench-"))
    try:
        generate_content(tmp, count)
        t0 = time.perf_counter_ns()
        files = files_in(tmp)
        lib = load_library(content_dirs([]), files, known_moves())
        took = (time.perf_counter_ns() - t0) / 1e9
        t0 = time.perf_counter_ns()
        for path in files:
            yaml.load(path.read_bytes().decode("utf-8"), Loader=loader)
        parse = (time.perf_counter_ns() - t0) / 1e9
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    loaded = len(lib.scenarios) + len(lib.personas) + len(lib.lessons)
    return {
        "files_per_s": len(files) / took,
        "parse_files_per_s": len(files) / parse,
        "files": len(files),
        "loaded": loaded,
        "problems": len(lib.problems),
    }


# ---------------------------------------------------------------------------- explore

EXPLORE_SCENARIO = "first-reminder-fran"


def explore_play_side(runs: int = 200) -> dict[str, dict[str, float]]:
    """Per strategy, CPU ms a call of explore's play side: engine, strategy and coverage, no grading.

    Each strategy plays the very calls `explore EXPLORE_SCENARIO --runs N` plays, in report order
    (guided reads the coverage of the calls before its own), in one process, starting as a new
    `explore` process does: a fresh player and the recogniser's memo emptied. The reference is
    taken beside every CHUNK calls; `ratio` is CPU time a call over it.
    """
    from negotiation_sim.trainer.calls import Plan, Player
    from negotiation_sim.trainer.coverage import Coverage
    from negotiation_sim.trainer.registry import Context, strategy_specs

    lib = _library()
    scenario = lib.scenario(EXPLORE_SCENARIO)
    persona = lib.persona_for(scenario)
    names = tuple(strategy_specs())
    player = Player(Plan(scenario, persona, None, scenario.seed, names, runs))
    _forget(player.recogniser)()
    coverage = Coverage(player.catalog)
    context = Context(scenario, persona, coverage)
    out: dict[str, dict[str, float]] = {}
    for k, name in enumerate(names):
        cpu = 0
        refs = [pyref_us(10)]
        for start in range(0, runs, CHUNK):
            c0 = time.thread_time_ns()
            for i in range(start, min(start + CHUNK, runs)):
                session = player.play(k, i, context)
                coverage.add(session.events)
            cpu += time.thread_time_ns() - c0
            refs.append(pyref_us(10))
        ms = cpu / 1e6 / runs
        ref = sum(refs) / len(refs)
        out[name] = {"ms": ms, "ref": ref, "ratio": ms * 1000 / ref}
    return out


def explore_cli(runs: int = 200, jobs: int | None = None) -> dict[str, float]:
    """One `negotiation-sim explore EXPLORE_SCENARIO --runs N --json`, as a user runs it (a new process).

    `calls_per_s` is what the report says: calls over explore's wall clock once set up (worker
    start-up included); `setup_s` is explore's set-up before the first call (the recogniser's index,
    the debtors' identities, the scoring code); `process_s` is the whole command, with Python's
    start-up, the imports and loading the library.
    """
    import subprocess
    import sys

    cmd = [sys.executable, "-m", "negotiation_sim", "explore", EXPLORE_SCENARIO, "--runs", str(runs), "--json"]
    cmd += ["--no-transcript"] + (["--jobs", str(jobs)] if jobs else [])
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    t0 = time.perf_counter_ns()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    process_s = (time.perf_counter_ns() - t0) / 1e9
    data = json.loads(done.stdout)
    t, calls = data["timing"], data["calls"]
    return {
        "calls": calls,
        "calls_per_s": data["calls_per_second"],
        "setup_s": t["setup"],
        "process_s": process_s,
        "process_calls_per_s": calls / process_s,
        "jobs": t["jobs"],
        "play_ms": 1000 * (t["engine"] + t["coverage"]) / calls,
        "scoring_ms": 1000 * t["scoring"] / calls,
    }
