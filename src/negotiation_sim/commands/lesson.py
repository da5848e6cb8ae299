"""`negotiation-sim lesson LESSON_ID --student ID`: a classroom lesson, graded or practice, journaled.

Also the helpers the other classroom commands share: the --db option, opening the store, and the
plain-mode lesson loop (resume uses it too).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..classroom.run import LessonResult, LessonRun
    from ..store.db import Store

HINT_COMMANDS = ("/hint", "/h")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "lesson",
        help="take a classroom lesson (graded or practice)",
        description="Take a lesson: its calls in order, with the lesson's fixed seeds, every turn saved to "
        "the classroom database before the debtor's reply is shown. Graded lessons: no hints, no mood "
        "indicator, a limited number of attempts. Practice lessons: type /hint for the next step (each hint "
        "costs points). An unfinished call is resumed where it stopped.",
    )
    p.add_argument("lesson", metavar="LESSON_ID", help="the lesson to take")
    p.add_argument(
        "--student",
        metavar="ID",
        help="the student's id (e.g. a login or e-mail); in the TUI it is asked for when not given",
    )
    p.add_argument("--name", metavar="NAME", help="the student's display name (stored with the id)")
    add_db_option(p)
    p.add_argument("--plain", action="store_true", help="line-based mode: the calls follow one another on stdin")
    p.add_argument("--quiet", action="store_true", help="with --plain: no debrief after each call")
    p.set_defaults(handler=run)


def add_db_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db",
        metavar="PATH",
        help="the classroom database (default: $NEGOTIATION_SIM_DB, else classroom.sqlite3 in the user data directory)",
    )


def open_store(args: argparse.Namespace) -> Store:
    from ..cli import CommandError
    from ..store.db import Store, StoreError

    try:
        return Store.open(getattr(args, "db", None))
    except StoreError as exc:
        raise CommandError(str(exc)) from None


def check_student(student: str) -> str:
    from ..cli import CommandError

    student = student.strip()
    if not student or len(student) > 100 or not student.isprintable():
        raise CommandError("--student must be 1 to 100 printable characters", 2)
    return student


def run(args: argparse.Namespace) -> int:
    from ..classroom.run import LessonRun
    from ..cli import CommandError
    from ..store.db import AttemptsUsedUp, StoreError
    from .common import library_from, lookup

    lib = library_from(args)
    lesson = lookup(lib, "lesson", args.lesson)
    if args.student is None:
        if args.plain:
            raise CommandError("--plain needs --student ID (the TUI asks for it)", 2)
        with open_store(args) as store:
            return open_lesson_app(args, lesson.id, None, store)
    student = check_student(args.student)
    with open_store(args) as store:
        if not args.plain:
            unfinished = store.unfinished_runs(student, lesson.id)
            used = len(store.runs(student=student, lesson=lesson.id))
            if not unfinished and lesson.mode == "graded" and used >= lesson.attempts:
                raise CommandError(_used_up(AttemptsUsedUp(used, lesson.attempts), lesson.id, student))
            return open_lesson_app(args, lesson.id, student, store)
        try:
            lesson_run = LessonRun.begin(store, lib, lesson.id, student, name=args.name)
        except AttemptsUsedUp as exc:
            raise CommandError(_used_up(exc, lesson.id, student)) from None
        try:
            return play_lesson_plain(lesson_run, sys.stdin, sys.stdout, quiet=args.quiet)
        except StoreError as exc:
            raise CommandError(str(exc)) from None


def _used_up(exc: Exception, lesson_id: str, student: str) -> str:
    return (
        f"{student} has no attempts left at lesson '{lesson_id}': {exc}. See 'negotiation-sim gradebook {lesson_id}'."
    )


def open_lesson_app(args: argparse.Namespace, lesson_id: str, student: str | None, store: Store) -> int:
    from ..tui.app import make_app

    db = str(store.path)
    store.close()
    app = make_app(content=getattr(args, "content", []) or [], lesson_id=lesson_id, student=student, db=db)
    app.run()
    return int(app.return_code or 0)


class LineFeed:
    """The input lines, shared by the lesson's calls, with one line of look-ahead."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self._lines: Iterator[str] = iter(stream)
        self._pending: list[str] = []

    def isatty(self) -> bool:
        return bool(getattr(self.stream, "isatty", lambda: False)())

    def has_more(self) -> bool:
        """Is there another line? (At a terminal we never wait for one: the answer is yes.)"""
        if self._pending or self.isatty():
            return True
        try:
            self._pending.append(next(self._lines))
        except StopIteration:
            return False
        return True

    def __iter__(self) -> LineFeed:
        return self

    def __next__(self) -> str:
        if self._pending:
            return self._pending.pop()
        return next(self._lines)


class TraineeLines:
    """One call's lines for play_plain: /hint is answered here and never reaches the debtor."""

    def __init__(self, feed: LineFeed, lesson_run: LessonRun, out: IO[str]) -> None:
        self.feed = feed
        self.run = lesson_run
        self.out = out

    def isatty(self) -> bool:
        return self.feed.isatty()

    def __iter__(self) -> TraineeLines:
        return self

    def __next__(self) -> str:
        from ..classroom.run import HintRefused

        while True:
            line = next(self.feed)
            if line.strip().lower() not in HINT_COMMANDS:
                return line
            try:
                text = self.run.hint()
                cost = self.run.lesson.hint_cost
                used = len(self.run.call.hints) if self.run.call else 0
                self.out.write(f"  [hint {used} of {self.run.lesson.hints}, -{cost} points] {text}\n")
            except HintRefused as exc:
                self.out.write(f"  [no hint: {exc}]\n")
            if self.isatty():
                self.out.write("> ")
            self.out.flush()


def play_lesson_plain(lesson_run: LessonRun, stream: Any, out: IO[str], *, quiet: bool = False) -> int:
    """Play the run's remaining calls on one input stream; print each debrief and the lesson result."""
    from .play import play_plain

    feed = LineFeed(stream)
    lesson = lesson_run.lesson
    total = len(lesson.calls)
    if lesson_run.resumed:
        out.write(_resume_note(lesson_run) + "\n")
    while True:
        pending = _pending_call(lesson_run)
        if pending is None:
            break
        if not feed.has_more():
            done = len([a for a in lesson_run.store.run_attempts(lesson_run.run.id) if a.finished])
            out.write(
                f"Input ended with {done} of {total} calls done. To go on: negotiation-sim resume "
                f"--student {lesson_run.student}\n"
            )
            return 0
        call = lesson_run.next_call()
        assert call is not None
        mode = "graded" if lesson_run.graded else "practice"
        attempt = f", attempt {lesson_run.attempt_number} of {lesson.attempts}" if lesson_run.graded else ""
        out.write(f"\n=== {lesson.title}: call {call.index + 1} of {total} ({mode}{attempt}) ===\n")
        if lesson_run.hints_allowed:
            out.write(f"Type /hint for the next step ({lesson.hints} per call, {lesson.hint_cost} points each).\n")
        if call.resumed:
            out.write(f"(resumed at turn {call.session.turn}; the debtor's lines so far follow)\n")
        if not call.session.closed:
            play_plain(call.session, TraineeLines(feed, lesson_run, out), out, on_turn=lesson_run.journal)
        grade = lesson_run.finish_call()
        verdict = "passed" if grade.passed else "not passed"
        out.write(f"--- call {call.index + 1} of {total}: grade {grade.grade:g} ({verdict}) ---\n")
        if not quiet:
            out.write(grade.debrief.rstrip("\n") + "\n")
        if call.hints:
            out.write(
                f"Hints used: {len(call.hints)} x {lesson.hint_cost} points = -{grade.hint_penalty:g} "
                f"(scorecard {grade.overall:g}, call grade {grade.grade:g})\n"
            )
            for n, text in enumerate(call.hints, 1):
                out.write(f"  {n}. {text}\n")
        out.flush()
    out.write(result_text(lesson_run.result()))
    out.flush()
    return 0


def _pending_call(lesson_run: LessonRun) -> int | None:
    """The index of the call to play next, or None when every call is scored."""
    attempts = lesson_run.store.run_attempts(lesson_run.run.id)
    unfinished = [a for a in attempts if not a.finished]
    if unfinished:
        return unfinished[0].call_index
    return len(attempts) if len(attempts) < len(lesson_run.lesson.calls) else None


def _resume_note(lesson_run: LessonRun) -> str:
    attempts = lesson_run.store.run_attempts(lesson_run.run.id)
    total = len(lesson_run.lesson.calls)
    current = next((a for a in attempts if not a.finished), None)
    if current is not None:
        return (
            f"You have an unfinished call (call {current.call_index + 1} of {total} of "
            f"'{lesson_run.lesson.id}', turn {current.turns}, started {current.started_at}) — resuming."
        )
    return f"You have an unfinished run of '{lesson_run.lesson.id}' ({len(attempts)} of {total} calls done) — resuming."


def result_text(result: LessonResult) -> str:
    lesson = result.lesson
    lines = ["", f"== Lesson result: {lesson.title} ({result.run.student_id}) =="]
    for c in result.calls:
        hints = f", {c.hints_used} hint(s)" if c.hints_used else ""
        critical = f", {c.critical} critical finding(s)" if c.critical else ""
        lines.append(
            f"Call {c.index + 1}: {c.title} — grade {c.grade:g} "
            f"({'passed' if c.passed else 'not passed'}{hints}{critical}) [attempt id {c.attempt_id}]"
        )
    verdict = "PASSED" if result.passed else "NOT PASSED"
    if not result.complete:
        verdict = f"unfinished ({len(result.calls)} of {len(lesson.calls)} calls)"
    lines.append(f"Lesson grade: {result.grade:g} (pass mark {lesson.rubric.pass_mark}): {verdict}")
    if result.calls:
        lines.append(f"Report: negotiation-sim report {result.calls[-1].attempt_id} --format html --out report.html")
    return "\n".join(lines) + "\n"
