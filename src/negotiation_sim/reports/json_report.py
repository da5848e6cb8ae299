"""A call report as JSON: the same content as the Markdown and HTML reports, for other tools."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from .data import CallReport, iso_duration

REPORT_VERSION = 1


def report_dict(report: CallReport) -> dict[str, Any]:
    a = report.attempt
    s = report.score
    return {
        "report_version": REPORT_VERSION,
        "attempt": {**asdict(a), "duration": iso_duration(a.active_seconds)},
        "student": asdict(report.student) if report.student else {"id": a.student_id, "name": None},
        "run": asdict(report.run) if report.run else None,
        "lesson": {"id": a.lesson_id, "title": report.lesson_title} if a.lesson_id else None,
        "scenario": {
            "id": a.scenario_id,
            "title": report.scenario_title,
            "persona": a.persona_id,
            "seed": a.seed,
        },
        "grade": None
        if s is None
        else {
            "overall": s.overall,
            "hint_penalty": s.hint_penalty,
            "grade": s.grade,
            "passed": s.passed,
            "rubric_hash": s.rubric_hash,
            "scored_at": s.scored_at,
        },
        "scorecard": s.card if s else None,
        "hints": [asdict(h) for h in report.hints],
        "transcript": [asdict(line) for line in report.lines],
        "timeline": [asdict(row) for row in report.timeline],
        "integrity": {"events_hash": a.events_hash, "intact": report.intact, "problems": report.problems},
        "events": report.events,
    }


def render_json(report: CallReport) -> str:
    return json.dumps(report_dict(report), indent=2, ensure_ascii=False) + "\n"
