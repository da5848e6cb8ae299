"""The gradebook of a lesson: one row per student, and a class summary.

A student's *attempts* are their runs of the lesson; best and latest grade are the lesson grades of their
finished runs. Trait averages, compliance findings and hints are taken over every scored call of the
lesson the student made. The class summary is over each student's best grade.
"""

from __future__ import annotations

import csv
import io
import json
import statistics
import textwrap
from dataclasses import asdict, dataclass, field
from typing import Any

from ..store.db import Store
from ..vocabulary import TRAIT_TITLES, Trait
from .grading import findings, trait_scores

TRAITS: tuple[str, ...] = tuple(t.value for t in Trait)


@dataclass
class GradebookRow:
    student: str
    name: str | None
    attempts: int
    finished: int
    best: float | None
    latest: float | None
    passed: bool
    calls_scored: int
    traits: dict[str, float | None]
    findings: int
    critical: int
    hints: int


@dataclass
class ClassSummary:
    students: int
    graded: int
    mean: float | None
    stdev: float | None
    lowest: float | None
    highest: float | None
    pass_rate: float | None
    trait_means: dict[str, float | None]
    weakest: list[str] = field(default_factory=list)


@dataclass
class Gradebook:
    lesson_id: str
    rows: list[GradebookRow]
    summary: ClassSummary

    def to_dict(self) -> dict[str, Any]:
        return {
            "lesson": self.lesson_id,
            "rows": [asdict(r) for r in self.rows],
            "summary": asdict(self.summary),
        }


def _mean(values: list[float]) -> float | None:
    return round(statistics.fmean(values), 1) if values else None


def build_gradebook(store: Store, lesson_id: str) -> Gradebook:
    runs = store.runs(lesson=lesson_id)
    attempts = store.attempts(lesson=lesson_id, status="finished")
    rows: list[GradebookRow] = []
    for student_id in sorted({r.student_id for r in runs} | {a.student_id for a in attempts}):
        mine = [r for r in runs if r.student_id == student_id]
        done = [r for r in mine if r.finished and r.grade is not None]
        trait_values: dict[str, list[float]] = {t: [] for t in TRAITS}
        n_findings = n_critical = n_hints = scored = 0
        for attempt in (a for a in attempts if a.student_id == student_id):
            score = store.scorecard(attempt.id)
            if score is None:
                continue
            scored += 1
            for trait, value in trait_scores(score.card).items():
                trait_values.setdefault(trait, []).append(value)
            found = findings(score.card)
            n_findings += len(found)
            n_critical += sum(1 for f in found if f.get("severity") == "critical")
            n_hints += len(store.hints(attempt.id))
        student = store.student(student_id)
        rows.append(
            GradebookRow(
                student=student_id,
                name=student.name if student else None,
                attempts=len(mine),
                finished=len(done),
                best=max((r.grade for r in done if r.grade is not None), default=None),
                latest=done[-1].grade if done else None,
                passed=any(r.passed for r in done),
                calls_scored=scored,
                traits={t: _mean(v) for t, v in trait_values.items()},
                findings=n_findings,
                critical=n_critical,
                hints=n_hints,
            )
        )
    return Gradebook(lesson_id, rows, summarise(rows))


def summarise(rows: list[GradebookRow]) -> ClassSummary:
    best = [r.best for r in rows if r.best is not None]
    trait_means: dict[str, float | None] = {}
    for trait in TRAITS:
        trait_means[trait] = _mean([v for r in rows if (v := r.traits.get(trait)) is not None])
    ranked = sorted((m, t) for t, m in trait_means.items() if m is not None)
    graded = [r for r in rows if r.best is not None]
    return ClassSummary(
        students=len(rows),
        graded=len(graded),
        mean=_mean(best),
        stdev=round(statistics.stdev(best), 1) if len(best) >= 2 else (0.0 if best else None),
        lowest=min(best, default=None),
        highest=max(best, default=None),
        pass_rate=round(sum(1 for r in graded if r.passed) / len(graded), 3) if graded else None,
        trait_means=trait_means,
        weakest=[t for _, t in ranked[:3]],
    )


CSV_COLUMNS = (
    "student",
    "name",
    "attempts",
    "finished",
    "best_grade",
    "latest_grade",
    "passed",
    "calls_scored",
    *(f"trait_{t}" for t in TRAITS),
    "compliance_findings",
    "critical_findings",
    "hints_used",
)


def gradebook_csv(book: Gradebook) -> str:
    """One row per student (RFC 4180, header first); the class summary is in the text and JSON outputs."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in book.rows:
        writer.writerow(
            [
                r.student,
                r.name or "",
                r.attempts,
                r.finished,
                _cell(r.best),
                _cell(r.latest),
                "yes" if r.passed else "no",
                r.calls_scored,
                *(_cell(r.traits.get(t)) for t in TRAITS),
                r.findings,
                r.critical,
                r.hints,
            ]
        )
    return out.getvalue()


def _cell(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _num(value: float | None, width: int = 6) -> str:
    return f"{'—' if value is None else f'{value:g}':>{width}}"


SHORT = {
    "big_picture": "BigP",
    "other_side_needs": "Needs",
    "agenda_control": "Agenda",
    "mutual_pressure": "Press",
    "discipline": "Disc",
    "client_needs": "Client",
}


def gradebook_text(book: Gradebook) -> str:
    if not book.rows:
        return f"No attempts recorded for lesson '{book.lesson_id}'.\n"
    width = max(7, *(len(r.student) for r in book.rows))
    lines = [
        f"Gradebook: {book.lesson_id}",
        "",
        f"{'Student':<{width}}  Attempts    Best  Latest  Passed  Calls  Findings  Critical  Hints",
    ]
    for r in book.rows:
        lines.append(
            f"{r.student:<{width}}  {r.attempts:>8}  {_num(r.best)}  {_num(r.latest)}  "
            f"{'yes' if r.passed else 'no':>6}  {r.calls_scored:>5}  {r.findings:>8}  {r.critical:>8}  "
            f"{r.hints:>5}"
        )
    lines += [
        "",
        "Trait averages (0–100):",
        f"{'Student':<{width}}  " + "  ".join(f"{SHORT[t]:>6}" for t in TRAITS),
    ]
    for r in book.rows:
        lines.append(f"{r.student:<{width}}  " + "  ".join(_num(r.traits.get(t)) for t in TRAITS))
    s = book.summary
    lines += ["", f"Class summary: {s.students} student(s), {s.graded} with a finished attempt"]
    if s.mean is not None:
        rate = f"{s.pass_rate * 100:.0f}%" if s.pass_rate is not None else "—"
        lines.append(
            f"  best grades: mean {s.mean:g}, standard deviation {s.stdev:g}, "
            f"range {s.lowest:g}–{s.highest:g}; pass rate {rate}"
        )
    if s.weakest:
        weakest = ", ".join(f"{TRAIT_TITLES[Trait(t)]} ({s.trait_means[t]:g})" for t in s.weakest)
        lines.append(f"  weakest traits: {weakest}")
    legend = ", ".join(f"{SHORT[t]} = {TRAIT_TITLES[Trait(t)]}" for t in TRAITS)
    lines += textwrap.wrap(legend, width=100, initial_indent="  ", subsequent_indent="  ")
    return "\n".join(lines) + "\n"


def gradebook_json(book: Gradebook) -> str:
    return json.dumps(book.to_dict(), indent=2, ensure_ascii=False) + "\n"
