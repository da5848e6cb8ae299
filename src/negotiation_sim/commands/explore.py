"""`negotiation-sim explore SCENARIO_ID`: play many headless calls and report what a class would meet."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, TextIO

from .common import library_from, lookup, write_text

# The registry's strategies, named here so that --help need not import the trainer (a test keeps them equal).
STRATEGY_NAMES = ("by-the-book", "aggressive", "pushover", "random", "random-any", "drift", "guided")
MAX_JOBS = 8  # past this, the calls the main process must play in order (guided's) set the pace
SMALL_RUN = 100  # calls: fewer are done before worker processes would have started and warmed up


def default_jobs(calls: int) -> int:
    """One worker per CPU this process may use (they play and grade; the main process mostly waits)."""
    if calls < SMALL_RUN:
        return 1
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(MAX_JOBS, cpus))


def register(sub: Any) -> None:
    p = sub.add_parser(
        "explore",
        help="play many headless calls of a scenario and report grades, coverage and warnings",
        description="Play many calls of a scenario with the scripted bots and randomised strategies. "
        "Reports, per strategy, the grade distribution, the outcome mix and the best call found (with its "
        "transcript); hit counts for every stage, transition, persona line variant and reveal; and "
        "warnings: no strategy passes (unwinnable), a careless strategy passes (too easy), content never "
        "reached, rules that can never fire. Exit 0, or 1 with --strict when there are warnings.",
    )
    p.add_argument("scenario", metavar="SCENARIO_ID", help="see 'negotiation-sim scenarios'")
    p.add_argument("--runs", type=int, default=200, metavar="N", help="calls per strategy (default 200)")
    p.add_argument(
        "--strategy",
        action="append",
        default=[],
        metavar="NAME",
        help=f"a strategy to run; repeatable (default: all). Known: {', '.join(STRATEGY_NAMES)}",
    )
    p.add_argument(
        "--seed",
        type=int,
        default=None,
        help="first call's seed (default: the scenario's); call i uses seed+i",
    )
    p.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=0,
        metavar="N",
        help="play and grade in N worker processes (default: one per CPU, at most 8; 1 = all in this process)",
    )
    p.add_argument("--lesson", metavar="LESSON_ID", help="grade with this lesson's rubric")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--no-transcript", action="store_true", help="leave the best call's transcript out")
    p.add_argument("--best", metavar="FILE", help="write the best call's events as JSON Lines (for 'debrief')")
    p.add_argument("--strict", action="store_true", help="exit 1 when there are warnings (for CI)")
    p.set_defaults(handler=run)


class Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, stream: TextIO, width: int = 30) -> None:
        self.stream = stream
        self.width = width
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        step = done * 100 // total
        if step == self.shown and done != total:
            return
        self.shown = step
        filled = self.width * done // total
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r[{bar}] {done}/{total} calls")
        if done == total:
            self.stream.write("\r" + " " * (self.width + 30) + "\r")
        self.stream.flush()


def run(args: argparse.Namespace) -> int:
    from ..cli import CommandError
    from ..trainer.explore import explore
    from ..trainer.render import render_report

    if args.runs < 1:
        raise CommandError("--runs must be 1 or more", 2)
    if args.seed is not None and args.seed < 0:
        raise CommandError("--seed must be 0 or more", 2)
    lib = library_from(args)
    scenario = lookup(lib, "scenario", args.scenario)
    rubric = lookup(lib, "lesson", args.lesson).rubric if args.lesson else None
    if args.jobs < 0:
        raise CommandError("--jobs must be 0 (automatic) or more", 2)
    jobs = args.jobs or default_jobs(args.runs * (len(set(args.strategy)) or len(STRATEGY_NAMES)))
    progress = Progress(sys.stderr) if sys.stderr.isatty() and not args.json else None
    try:
        report = explore(
            scenario,
            lib.persona_for(scenario),
            runs=args.runs,
            strategies=args.strategy or None,
            seed=args.seed,
            rubric=rubric,
            jobs=jobs,
            progress=progress,
        )
    except KeyError as exc:
        raise CommandError(str(exc.args[0]), 2) from None
    if args.best:
        best = report.best()
        if best is not None and best.best is not None:
            from ..engine.events import to_jsonl

            write_text(args.best, to_jsonl(best.best.events))
    if args.json:
        data = report.to_dict()
        if args.no_transcript:
            for s in data["strategies"]:
                if s["best"]:
                    s["best"].pop("transcript")
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(render_report(report, transcript=not args.no_transcript))
    return 1 if args.strict and report.warnings else 0
