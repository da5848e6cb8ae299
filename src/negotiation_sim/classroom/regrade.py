"""Regrade: recompute every stored scorecard from its events with the current rubric; find tampering.

Each finished call's events are first checked against the hash sealed when it finished; a call that fails
is reported and left as it is. The others are scored again (`scoring.score_call` with the lesson's current
rubric, less the hints the call used) and, unless `dry_run`, the new scorecards and lesson-run grades stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..content.lesson import DEFAULT_RUBRIC
from ..content.library import Library
from ..store.db import Store
from ..store.integrity import verify_attempt
from ..store.records import AttemptRecord
from .grading import critical_findings, grade_call, lesson_grade, rubric_hash


@dataclass(frozen=True)
class Change:
    attempt: AttemptRecord
    old_grade: float | None
    new_grade: float
    old_passed: bool | None
    new_passed: bool
    new_critical: int

    @property
    def grade_changed(self) -> bool:
        return self.old_grade != self.new_grade or self.old_passed != self.new_passed


@dataclass(frozen=True)
class RunChange:
    run_id: int
    student: str
    lesson: str
    old_grade: float | None
    new_grade: float
    old_passed: bool | None
    new_passed: bool


@dataclass
class RegradeReport:
    checked: int = 0
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    tampered: list[tuple[AttemptRecord, list[str]]] = field(default_factory=list)
    skipped: list[tuple[AttemptRecord, str]] = field(default_factory=list)
    runs: list[RunChange] = field(default_factory=list)


def regrade(store: Store, library: Library, lesson: str | None = None, *, dry_run: bool = False) -> RegradeReport:
    report = RegradeReport()
    touched_runs: set[int] = set()
    for attempt in store.attempts(lesson=lesson):
        problems = verify_attempt(store, attempt)
        if problems:
            report.tampered.append((attempt, problems))
            continue
        if not attempt.finished:
            continue
        report.checked += 1
        scenario = library.scenarios.get(attempt.scenario_id)
        if scenario is None:
            report.skipped.append((attempt, f"scenario '{attempt.scenario_id}' is not in the content"))
            continue
        the_lesson = library.lessons.get(attempt.lesson_id) if attempt.lesson_id else None
        if attempt.lesson_id and the_lesson is None:
            report.skipped.append((attempt, f"lesson '{attempt.lesson_id}' is not in the content"))
            continue
        rubric = the_lesson.rubric if the_lesson else None
        hints = len(store.hints(attempt.id))
        grade = grade_call(
            scenario,
            library.persona_for(scenario),
            store.events(attempt.id),
            rubric,
            hints_used=hints,
            hint_cost=the_lesson.hint_cost if the_lesson else 0,
        )
        old = store.scorecard(attempt.id)
        if old is not None and old.card == grade.card and old.grade == grade.grade and old.passed == grade.passed:
            report.unchanged += 1
            continue
        report.changes.append(
            Change(
                attempt,
                old.grade if old else None,
                grade.grade,
                old.passed if old else None,
                grade.passed,
                grade.critical,
            )
        )
        if attempt.run_id is not None:
            touched_runs.add(attempt.run_id)
        if not dry_run:
            store.replace_scorecard(
                attempt.id,
                grade.card,
                overall=grade.overall,
                grade=grade.grade,
                passed=grade.passed,
                hint_penalty=grade.hint_penalty,
                rubric_hash=rubric_hash(rubric or DEFAULT_RUBRIC),
            )
    for run_id in sorted(touched_runs):
        _regrade_run(store, library, run_id, report, dry_run, report.changes)
    return report


def _regrade_run(
    store: Store, library: Library, run_id: int, report: RegradeReport, dry_run: bool, changes: list[Change]
) -> None:
    run = store.run(run_id)
    lesson = library.lessons.get(run.lesson_id)
    if not run.finished or lesson is None:
        return
    changed = {c.attempt.id: c for c in changes}
    grades: list[float] = []
    critical = 0
    for attempt in store.run_attempts(run_id):
        score = store.scorecard(attempt.id)
        if score is None:
            return
        change = changed.get(attempt.id)
        grades.append(change.new_grade if change else score.grade)
        critical += change.new_critical if change else critical_findings(score.card)
    grade, passed = lesson_grade(grades, critical, lesson.rubric)
    if (grade, passed) == (run.grade, run.passed):
        return
    report.runs.append(RunChange(run_id, run.student_id, run.lesson_id, run.grade, grade, run.passed, passed))
    if not dry_run:
        store.finish_run(run_id, grade, passed)
