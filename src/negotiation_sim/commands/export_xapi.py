"""`negotiation-sim export-xapi [--lesson ID] [--out FILE]`: xAPI 1.0.3 statements as a JSON array."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .lesson import add_db_option, open_store


def register(sub: Any) -> None:
    p = sub.add_parser(
        "export-xapi",
        help="export finished calls as xAPI statements",
        description="Write one xAPI 1.0.3 statement per finished call (actor, verb passed/failed/completed, "
        "the scenario activity grouped under its lesson, result with scaled score, success, completion, "
        "duration and trait scores) as a JSON array. Calls whose events fail their integrity check are left "
        "out and reported (exit code 3).",
    )
    p.add_argument("--lesson", metavar="ID", help="only this lesson's calls")
    p.add_argument("--student", metavar="ID", help="only this student's calls")
    p.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    p.add_argument(
        "--base-iri",
        metavar="IRI",
        help="your organisation's IRI under which activities and "
        "extensions are named (default https://negotiation-sim.invalid/xapi)",
    )
    p.add_argument(
        "--home-page",
        metavar="URL",
        help="the system where the student ids live, for "
        "actor.account.homePage (default https://negotiation-sim.invalid)",
    )
    add_db_option(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..cli import CommandError
    from ..reports.xapi import DEFAULT_BASE_IRI, DEFAULT_HOME_PAGE, statement
    from ..store.integrity import verify_attempt
    from .common import write_text
    from .report import content_titles

    args.base_iri = args.base_iri or DEFAULT_BASE_IRI
    args.home_page = args.home_page or DEFAULT_HOME_PAGE
    for value, name in ((args.base_iri, "--base-iri"), (args.home_page, "--home-page")):
        if not value.startswith(("http://", "https://")) or " " in value:
            raise CommandError(f"{name} must be an absolute http(s) IRI, e.g. https://training.example.com", 2)
    titles = content_titles(args)
    statements: list[dict[str, Any]] = []
    tampered = 0
    with open_store(args) as store:
        for attempt in store.attempts(lesson=args.lesson, student=args.student, status="finished"):
            score = store.scorecard(attempt.id)
            if score is None:
                continue
            problems = verify_attempt(store, attempt)
            if problems:
                tampered += 1
                print(f"negotiation-sim: attempt {attempt.id} left out: {problems[0]}", file=sys.stderr)
                continue
            statements.append(
                statement(
                    attempt,
                    score,
                    run=store.run(attempt.run_id) if attempt.run_id is not None else None,
                    student=store.student(attempt.student_id),
                    scenario_title=titles.scenarios.get(attempt.scenario_id),
                    lesson_title=titles.lessons.get(attempt.lesson_id or ""),
                    base_iri=args.base_iri,
                    home_page=args.home_page,
                )
            )
    text = json.dumps(statements, indent=2, ensure_ascii=False) + "\n"
    if args.out:
        write_text(args.out, text)
        print(f"Wrote {len(statements)} statement(s) to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 3 if tampered else 0
