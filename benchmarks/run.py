#!/usr/bin/env python3
"""negotiation-sim benchmarks: one command, one table, medians of several runs.

    python benchmarks/run.py                 # everything, 5 runs each; writes benchmarks/RESULTS.md
    python benchmarks/run.py --quick         # 3 runs, smaller workloads (about a minute)
    python benchmarks/run.py --only engine,bots --no-write
    python benchmarks/run.py --only explore --no-write

Every figure is the median of several runs, and every timing is also given as a ratio to a
reference measured in the same run, so that a slower or busier machine moves both:
  * engine and bot figures: `pyref`, a fixed pure-Python workload shaped like an engine turn;
  * TUI start-up and memory: a minimal Textual app (Header, Input, Footer) started the same way;
  * validate: parsing the same files with the YAML loader alone.
Engine and bot figures are CPU time (what the work costs, not how long other processes held
the CPU); wall-clock figures are shown beside them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

import bench_core as core  # noqa: E402
import bench_tui as tui  # noqa: E402

SECTIONS = ("engine", "bots", "explore", "validate", "tui", "memory")
TARGETS = {
    "engine_p99_us": 1000.0,
    "bots_calls_per_s": 2000.0,
    "explore_play_ms": 0.5,
    "explore_calls_per_s": 2000.0,
    "tui_start_ratio": 1.25,
}


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


class Table:
    """Rows of figure | median | reference (same run) | ratio | target."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str]] = []

    def add(self, figure: str, value: str, reference: str = "", ratio: str = "", target: str = "") -> None:
        self.rows.append((figure, value, reference, ratio, target))
        print(f"  {figure}: {value}" + (f"  (ref {reference}, ratio {ratio})" if ratio else ""), flush=True)

    def markdown(self, header: tuple[str, ...]) -> str:
        widths = [max(len(h), *(len(r[i]) for r in self.rows)) for i, h in enumerate(header)]
        line = "| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |"
        rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
        body = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in self.rows]
        return "\n".join([line, rule, *body])


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def fmt_us(value: float) -> str:
    return f"{value:,.0f} µs"


def run_engine(runs: int, seeds: int, table: Table, engine: Table) -> None:
    per_run: list[dict[str, dict[str, float]]] = []
    for n in range(runs):
        per_run.append(core.engine_turns(seeds))
        print(f"  engine run {n + 1}/{runs} done", flush=True)
    refs = [r["ref"] for run in per_run for r in run.values()]
    worst = worst_ratio = 0.0
    for scenario in sorted(per_run[0]):
        p50 = median([r[scenario]["p50"] for r in per_run])
        p99 = median([r[scenario]["p99"] for r in per_run])
        wall = median([r[scenario]["wall_p99"] for r in per_run])
        r50 = median([r[scenario]["p50"] / r[scenario]["ref"] for r in per_run])
        r99 = median([r[scenario]["p99"] / r[scenario]["ref"] for r in per_run])
        worst = max(worst, p99)
        worst_ratio = max(worst_ratio, r99)
        turns = per_run[0][scenario]["turns"]
        engine.rows.append(
            (
                scenario,
                f"{turns:.0f}",
                fmt_us(p50),
                fmt_us(p99),
                fmt_us(wall),
                f"{r50:.1f}×",
                f"{r99:.1f}×",
                verdict(p99 <= TARGETS["engine_p99_us"]),
            )
        )
    table.add(
        "pyref, the reference workload (CPU)",
        f"{fmt_us(median(refs))} (from {fmt_us(min(refs))} to {fmt_us(max(refs))} during the engine runs)",
    )
    table.add(
        "engine turn p99, worst scenario (CPU)",
        fmt_us(worst),
        f"pyref {fmt_us(median(refs))}",
        f"{worst_ratio:.1f}×",
        f"≤ 1,000 µs: {verdict(worst <= TARGETS['engine_p99_us'])}",
    )


def run_bots(runs: int, calls: int, table: Table) -> None:
    variants: list[tuple[str, dict[str, Any], bool]] = [
        ("bots: calls/s, all four bots, one core (CPU)", {}, True),
        ("bots: calls/s, by-the-book only (CPU)", {"strategies": ("by-the-book",)}, False),
        ("bots: calls/s, a new Faker identity every call (CPU)", {"fresh_identities": 1_000_000}, False),
    ]
    for label, kwargs, targeted in variants:
        results, refs = [], []
        for n in range(runs):
            refs.append(core.pyref_us())
            if "fresh_identities" in kwargs:
                kwargs = {"fresh_identities": 1_000_000 + n * calls * 2}
            results.append(core.bot_calls(calls, **kwargs))
        rate = median([r["calls_per_s"] for r in results])
        ratio = median([r["ratio"] for r in results])
        wall = median([r["wall_calls_per_s"] for r in results])
        target = f"≥ 2,000/s: {verdict(rate >= TARGETS['bots_calls_per_s'])}" if targeted else ""
        table.add(
            label,
            f"{rate:,.0f}/s ({1e6 / rate:,.0f} µs a call; wall {wall:,.0f}/s)",
            f"pyref {fmt_us(median(refs))}",
            f"{ratio:.1f}× a call",
            target,
        )
    table.add("bots: how measured", f"{results[0]['pinned']}; {results[0]['turns'] / calls:.1f} turns a call")


def run_explore(runs: int, calls: int, table: Table) -> None:
    """explore's play side per strategy, then the whole command with one process and with the default workers."""
    sides = [core.explore_play_side(calls) for _ in range(runs)]
    names = list(sides[0])
    ms = {name: median([side[name]["ms"] for side in sides]) for name in names}
    ratio = {name: median([side[name]["ratio"] for side in sides]) for name in names}
    mean_ms = sum(ms.values()) / len(ms)
    mean_ratio = sum(ratio.values()) / len(ratio)
    refs = [side[name]["ref"] for side in sides for name in names]
    table.add(
        f"explore: play side, ms a call, mean of the {len(names)} strategies (CPU)",
        f"{mean_ms:.2f} ms (" + ", ".join(f"{name} {ms[name]:.2f}" for name in names) + ")",
        f"pyref {fmt_us(median(refs))}",
        f"{mean_ratio:.1f}× a call",
        f"≤ 0.5 ms: {verdict(mean_ms <= TARGETS['explore_play_ms'])}",
    )
    for label, jobs in (("--jobs 1", 1), ("default --jobs", None)):
        results, refs = [], []
        for _ in range(runs):  # the reference before and after each command
            before = core.pyref_us()
            results.append(core.explore_cli(calls, jobs))
            refs.append((before + core.pyref_us()) / 2)
        rate = median([r["calls_per_s"] for r in results])
        whole = median([r["process_calls_per_s"] for r in results])
        per_call = median([1e6 / r["calls_per_s"] / ref for r, ref in zip(results, refs, strict=True)])
        first = results[0]
        table.add(
            f"explore {core.EXPLORE_SCENARIO} --runs {calls}: calls/s, {label} "
            f"({first['jobs']:.0f} process{'es' if first['jobs'] > 1 else ''})",
            f"{rate:,.0f}/s after {median([r['setup_s'] for r in results]):.2f} s setting up (whole command "
            f"{whole:,.0f}/s; play {median([r['play_ms'] for r in results]):.2f}, "
            f"scoring {median([r['scoring_ms'] for r in results]):.2f} ms a call)",
            f"pyref {fmt_us(median(refs))}",
            f"{per_call:.1f}× a call (wall)",
            # the target is explore's as a trainer runs it (the default); one process is for comparison
            f"≥ 2,000/s: {verdict(rate >= TARGETS['explore_calls_per_s'])}" if jobs is None else "(one CPU)",
        )


def run_validate(runs: int, count: int, table: Table) -> None:
    results = [core.validate_files(count) for _ in range(runs)]
    rate = median([r["files_per_s"] for r in results])
    parse = median([r["parse_files_per_s"] for r in results])
    ratio = median([r["parse_files_per_s"] / r["files_per_s"] for r in results])
    problems = max(r["problems"] for r in results)
    table.add(
        f"validate: {count:,} generated files (+ the shipped ones)",
        f"{rate:,.0f} files/s",
        f"YAML parse only {parse:,.0f} files/s",
        f"{ratio:.1f}× a file",
        "no problems" if problems == 0 else f"{problems:.0f} problems!",
    )


def paired(runs: int, measure: Callable[[str], float]) -> tuple[list[float], list[float]]:
    ours, ref = [], []
    for _ in range(runs):  # alternate, so both see the same load
        ref.append(measure("ref"))
        ours.append(measure("ours"))
    return ours, ref


def run_tui(runs: int, table: Table) -> None:
    missing = tui.tui_available()
    if missing:
        table.add("TUI start, headless (run_test)", missing)
        table.add("TUI start, real process under a pty", missing)
        return
    library: list[float] = []

    def headless(target: str) -> float:
        result = tui.headless_start(target)
        if "library_seconds" in result:
            library.append(result["library_seconds"])
        return result["seconds"]

    for label, measure in (
        ("TUI start to first screen, headless (run_test)", headless),
        ("TUI start to first screen, real process under a pty", tui.pty_start),
    ):
        try:
            ours, ref = paired(runs, measure)
        except tui.NotAvailable as exc:
            table.add(label, f"not available: {exc}")
            continue
        ratio = median([o / r for o, r in zip(ours, ref, strict=True)])
        table.add(
            label,
            f"{median(ours) * 1000:,.0f} ms",
            f"minimal app {median(ref) * 1000:,.0f} ms",
            f"{ratio:.2f}×",
            f"≤ 1.25×: {verdict(ratio <= TARGETS['tui_start_ratio'])}",
        )
    if library:
        table.add("TUI: home screen lists filled (library loaded, headless)", f"{median(library) * 1000:,.0f} ms")


def run_memory(runs: int, table: Table) -> None:
    label = "TUI peak memory (RSS), a 40-turn call, headless"
    missing = tui.tui_available()
    if missing:
        table.add(label, missing)
        return
    lines = tui.call_lines(40)
    try:
        ours, ref = [], []
        for _ in range(runs):
            ref.append(tui.memory("ref", lines))
            ours.append(tui.memory("ours", lines))
    except tui.NotAvailable as exc:
        table.add(label, f"not available: {exc}")
        return
    mb = median([o["peak_mb"] for o in ours])
    ratio = median([o["peak_mb"] / r["peak_mb"] for o, r in zip(ours, ref, strict=True)])
    turns = min(o["turns"] for o in ours)
    table.add(
        label.replace("40-turn", f"{turns:.0f}-turn"),
        f"{mb:,.0f} MB",
        f"minimal app, {len(lines)} lines typed: {median([r['peak_mb'] for r in ref]):,.0f} MB",
        f"{ratio:.2f}×",
    )


def machine(load_before: tuple[float, ...]) -> str:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),)
    return (
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, {cpus} CPUs; "
        f"load average {load_before[0]:.1f} before, {load[0]:.1f} after"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (default 5)")
    parser.add_argument("--tui-runs", type=int, default=7, help="app/reference pairs for TUI start (default 7)")
    parser.add_argument("--quick", action="store_true", help="3 runs and smaller workloads")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"sections, comma-separated: {','.join(SECTIONS)}")
    parser.add_argument("--no-write", action="store_true", help="do not write benchmarks/RESULTS.md")
    args = parser.parse_args(argv)
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in only if s not in SECTIONS]
    if unknown:
        parser.error(f"unknown section {unknown[0]!r} (known: {', '.join(SECTIONS)})")
    runs = 3 if args.quick else args.runs
    tui_runs = 3 if args.quick else args.tui_runs
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),)
    started = dt.datetime.now()

    table, engine = Table(), Table()
    sections: list[tuple[str, str, Callable[[], None]]] = [
        ("engine", "engine turn latency", lambda: run_engine(runs, 3 if args.quick else 6, table, engine)),
        ("bots", "bots", lambda: run_bots(runs, 200 if args.quick else 400, table)),
        ("explore", "explore", lambda: run_explore(runs, 100 if args.quick else 200, table)),
        ("validate", "validate", lambda: run_validate(runs, 1000, table)),
        ("tui", "TUI start", lambda: run_tui(tui_runs, table)),
        ("memory", "TUI memory", lambda: run_memory(max(1, min(runs, 3)), table)),
    ]
    failed = False
    for key, title, section in sections:
        if key not in only:
            continue
        print(f"{title} …", flush=True)
        try:
            section()
        except Exception as exc:  # one broken section (content mid-edit, say) must not hide the others
            failed = True
            table.add(f"{title}: failed", f"{type(exc).__name__}: {str(exc).splitlines()[0][:150]}")

    report = render(table, engine, started, machine(load_before), runs, tui_runs)
    print()
    print(report)
    if not args.no_write:
        (HERE / "RESULTS.md").write_text(report + "\n", encoding="utf-8")
        print(f"\nwritten to {HERE / 'RESULTS.md'}")
    return 1 if failed else 0


def render(table: Table, engine: Table, started: dt.datetime, where: str, runs: int, tui_runs: int) -> str:
    parts = [
        "# Benchmark results",
        "",
        f"Measured {started:%Y-%m-%d %H:%M} with `python benchmarks/run.py`: {where}. Each figure is the "
        f"median of {runs} runs ({tui_runs} app/reference pairs for TUI start-up); each ratio is taken "
        "within a run, against the reference measured in that run.",
        "",
    ]
    if table.rows:
        parts += [table.markdown(("figure", "median", "reference (same run)", "ratio", "target")), ""]
    if engine.rows:
        parts += [
            "Engine turn latency per shipped scenario: CPU time of `CallSession.say` with the real "
            "recogniser "
            "on lines it has not seen before (its memo emptied before each turn), over every bot's calls; "
            "p99 wall is the wall clock on this machine as loaded as it was.",
            "",
            engine.markdown(
                ("scenario", "turns", "p50", "p99", "p99 wall", "p50 ÷ pyref", "p99 ÷ pyref", "p99 ≤ 1 ms")
            ),
            "",
        ]
    return "\n".join(parts).rstrip()


if __name__ == "__main__":
    raise SystemExit(main())
