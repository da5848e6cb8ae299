"""`negotiation-sim resume [--student ID]`: pick up an interrupted lesson where it stopped.

The interrupted call is rebuilt by replaying its journaled events (same turn, same debtor state);
with --plain the remaining lines are read from stdin.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .lesson import add_db_option, check_student, open_lesson_app, open_store, play_lesson_plain


def register(sub: Any) -> None:
    p = sub.add_parser(
        "resume",
        help="resume an interrupted lesson",
        description="Resume the most recent unfinished lesson run (of --student, if given) at the turn where "
        "it stopped. With --plain the remaining lines are read from stdin.",
    )
    p.add_argument("--student", metavar="ID", help="whose lesson to resume (needed when several are unfinished)")
    add_db_option(p)
    p.add_argument("--plain", action="store_true", help="line-based mode: the remaining lines come from stdin")
    p.add_argument("--quiet", action="store_true", help="with --plain: no debrief after each call")
    p.add_argument("--list", action="store_true", help="list the unfinished lesson runs and stop")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..classroom.run import LessonRun
    from ..cli import CommandError
    from ..store.db import StoreError
    from .common import library_from

    student = check_student(args.student) if args.student else None
    with open_store(args) as store:
        runs = store.unfinished_runs(student)
        if args.list:
            for r in runs:
                done = sum(1 for a in store.run_attempts(r.id) if a.finished)
                print(
                    f"run {r.id}: {r.student_id} — lesson {r.lesson_id}, {done} of {r.calls} calls done, "
                    f"started {r.started_at}"
                )
            if not runs:
                print("Nothing to resume.")
            return 0
        if not runs:
            who = f" for {student}" if student else ""
            raise CommandError(f"nothing to resume{who} in {store.path}")
        students = sorted({r.student_id for r in runs})
        if student is None and len(students) > 1:
            raise CommandError(f"unfinished lessons belong to {', '.join(students)}; say whose with --student", 2)
        chosen = runs[0]
        lib = library_from(args)
        if chosen.lesson_id not in lib.lessons:
            raise CommandError(f"cannot resume run {chosen.id}: lesson '{chosen.lesson_id}' is not in the content")
        if not args.plain:
            return open_lesson_app(args, chosen.lesson_id, chosen.student_id, store)
        try:
            lesson_run = LessonRun.resume(store, lib, chosen.id)
            return play_lesson_plain(lesson_run, sys.stdin, sys.stdout, quiet=args.quiet)
        except StoreError as exc:
            raise CommandError(str(exc)) from None
