"""`negotiation-sim regrade [--lesson ID]`: score every stored call again; report changes and tampering."""

from __future__ import annotations

import argparse
from typing import Any

from .lesson import add_db_option, open_store

TAMPERED_EXIT = 3


def register(sub: Any) -> None:
    p = sub.add_parser(
        "regrade",
        help="recompute stored scorecards with the current rubrics; detect tampering",
        description="Check every stored call's events against the hash sealed when it finished, then score "
        "the intact finished calls again from their events with the lesson's current rubric, store the new "
        "scorecards and lesson grades, and list what changed. Exit 0 when all is intact, "
        f"{TAMPERED_EXIT} when any call's events were changed.",
    )
    p.add_argument("--lesson", metavar="ID", help="only this lesson's calls")
    p.add_argument("--dry-run", action="store_true", help="report what would change, store nothing")
    add_db_option(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..classroom.regrade import regrade
    from .common import library_from

    lib = library_from(args)
    with open_store(args) as store:
        report = regrade(store, lib, args.lesson, dry_run=args.dry_run)
    graded = [c for c in report.changes if c.grade_changed]
    verb = "would change" if args.dry_run else "changed"
    updated = "would be updated" if args.dry_run else "updated"
    print(
        f"Regraded {report.checked} finished call(s) with the current rubrics: "
        f"{len(graded)} grade(s) {verb}, {len(report.changes) - len(graded)} other scorecard(s) {updated}, "
        f"{report.unchanged} unchanged."
    )
    for c in graded:
        a = c.attempt
        old = "unscored" if c.old_grade is None else f"{c.old_grade:g}"
        verdict = "" if c.old_passed == c.new_passed else f" ({_passed(c.old_passed)} → {_passed(c.new_passed)})"
        print(
            f"  attempt {a.id} ({a.student_id}, {a.lesson_id or 'no lesson'}, {a.scenario_id}): "
            f"{old} → {c.new_grade:g}{verdict}"
        )
    for r in report.runs:
        old = "—" if r.old_grade is None else f"{r.old_grade:g}"
        verdict = "" if r.old_passed == r.new_passed else f" ({_passed(r.old_passed)} → {_passed(r.new_passed)})"
        print(f"  lesson run {r.run_id} ({r.student}, {r.lesson}): {old} → {r.new_grade:g}{verdict}")
    for a, why in report.skipped:
        print(f"  skipped attempt {a.id} ({a.student_id}): {why}")
    for a, problems in report.tampered:
        print(
            f"TAMPERED: attempt {a.id} ({a.student_id}, {a.lesson_id or 'no lesson'}, {a.scenario_id}): "
            f"{'; '.join(problems)}"
        )
    if report.tampered:
        print(f"{len(report.tampered)} call(s) failed the integrity check; their scorecards were left as they were.")
        return TAMPERED_EXIT
    return 0


def _passed(value: bool | None) -> str:
    return "—" if value is None else ("passed" if value else "not passed")
