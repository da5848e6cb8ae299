"""`negotiation-sim test [PATH ...]`: run scenario test files, a PASS/FAIL line per case."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .common import known_moves, library_from, print_problems


def register(sub: Any) -> None:
    p = sub.add_parser(
        "test",
        help="run scenario tests (scripted calls with expectations)",
        description="Run scenario test files (scenarios/tests/<scenario-id>.test.yaml): each case plays a "
        "scripted call with a fixed seed and checks the expectations after each line and at the end. Prints "
        "a PASS/FAIL line per case and each failed expectation as 'path:line:col: message'. Exit 0 when all "
        "pass, 1 when any fails, 2 when a test file is invalid or missing.",
    )
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="test files or folders (default: scenarios/tests/*.test.yaml in every content folder)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print failures and the summary only")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..cli import CommandError
    from ..trainer.testrun import default_paths, expand, run_files

    missing = [raw for raw in args.paths if not Path(raw).exists()]
    if missing:
        raise CommandError(f"{missing[0]}: no such file or folder", 2)
    paths = expand([Path(p) for p in args.paths]) if args.paths else default_paths(args.content)
    if not paths:
        raise CommandError("no scenario test files found (scenarios/tests/*.test.yaml)", 2)
    lib = library_from(args)
    result = run_files(paths, lib, known_moves())
    for case in result.cases:
        if case.passed and args.quiet:
            continue
        print(case.line())
        for failure in case.failures:
            print(f"  {failure}")
    if result.problems:
        sys.stdout.flush()
        print_problems(result.problems)
    passed = len(result.cases) - result.failed
    summary = f"{passed} passed, {result.failed} failed"
    if result.problems:
        summary += f", {len(result.problems)} problem(s) in test files"
    print(summary + f" ({len(paths)} file{'s' if len(paths) != 1 else ''}).")
    if result.problems:
        return 2
    return 1 if result.failed else 0
