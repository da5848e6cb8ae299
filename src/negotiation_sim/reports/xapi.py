"""xAPI 1.0.3 statements for finished calls, for a learning record store (LRS).

One statement per finished attempt: the student (an Agent identified by an account), an ADL verb
(`passed` / `failed` in a graded lesson, `completed` in practice), the scenario as a simulation activity
grouped under its lesson, and a result with score.scaled (0…1 here, within xAPI's −1…1), raw/min/max,
success, completion and an ISO 8601 duration (the time spent on the call, from the store's wall-clock
times). Trait scores and other figures go in extensions keyed by IRIs under the project's base IRI.

Statement ids are name-based UUIDs (version 5) of the attempt and its grade, so exporting twice gives the
same ids (an LRS keeps one copy) while a regraded call gets a new statement.
"""

from __future__ import annotations

import uuid
from typing import Any

from ..store.records import AttemptRecord, RunRecord, ScoreRecord, StudentRecord
from .data import iso_duration

XAPI_VERSION = "1.0.3"
ADL_VERBS = "http://adlnet.gov/expapi/verbs/"
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
LESSON = "http://adlnet.gov/expapi/activities/lesson"
DEFAULT_BASE_IRI = "https://negotiation-sim.invalid/xapi"
DEFAULT_HOME_PAGE = "https://negotiation-sim.invalid"
LANG = "en-US"


def verb(word: str) -> dict[str, Any]:
    return {"id": ADL_VERBS + word, "display": {LANG: word}}


def statement(
    attempt: AttemptRecord,
    score: ScoreRecord,
    *,
    run: RunRecord | None = None,
    student: StudentRecord | None = None,
    scenario_title: str | None = None,
    lesson_title: str | None = None,
    base_iri: str = DEFAULT_BASE_IRI,
    home_page: str = DEFAULT_HOME_PAGE,
) -> dict[str, Any]:
    """The statement of one finished, scored attempt."""
    from ..classroom.grading import findings, trait_scores

    base = base_iri.rstrip("/")
    ext = f"{base}/extensions/"
    card = score.card
    word = ("passed" if score.passed else "failed") if attempt.mode == "graded" else "completed"
    actor: dict[str, Any] = {
        "objectType": "Agent",
        "account": {"homePage": home_page, "name": attempt.student_id},
    }
    if student is not None and student.name:
        actor["name"] = student.name
    scenario_name = scenario_title or str(card.get("scenario_title") or attempt.scenario_id)
    result: dict[str, Any] = {
        "score": {
            "scaled": round(max(0.0, min(100.0, score.grade)) / 100, 4),
            "raw": score.grade,
            "min": 0,
            "max": 100,
        },
        "success": score.passed,
        "completion": True,
        "duration": iso_duration(attempt.active_seconds),
        "extensions": {
            ext + "trait-scores": trait_scores(card),
            ext + "scorecard-overall": score.overall,
            ext + "hint-penalty": score.hint_penalty,
            ext + "compliance-findings": [
                {
                    "rule": f.get("rule"),
                    "severity": f.get("severity"),
                    "regulation": f.get("regulation"),
                    "turn": f.get("turn"),
                }
                for f in findings(card)
            ],
            ext + "call-outcome": attempt.outcome,
        },
    }
    context: dict[str, Any] = {
        "registration": run.registration if run else attempt.uuid,
        "platform": "negotiation-sim",
        "language": LANG,
        "extensions": {
            ext + "seed": attempt.seed,
            ext + "attempt": attempt.id,
            ext + "events-hash": attempt.events_hash,
        },
    }
    if attempt.lesson_id:
        lesson: dict[str, Any] = {
            "objectType": "Activity",
            "id": f"{base}/lessons/{attempt.lesson_id}",
            "definition": {"type": LESSON, "name": {LANG: lesson_title or attempt.lesson_id}},
        }
        context["contextActivities"] = {"grouping": [lesson]}
        context["extensions"][ext + "call-index"] = attempt.call_index
    statement_id = uuid.uuid5(uuid.NAMESPACE_URL, f"{base}/attempts/{attempt.uuid}#{score.rubric_hash}/{score.grade}")
    return {
        "id": str(statement_id),
        "timestamp": attempt.ended_at or attempt.touched_at,
        "actor": actor,
        "verb": verb(word),
        "object": {
            "objectType": "Activity",
            "id": f"{base}/scenarios/{attempt.scenario_id}",
            "definition": {"type": SIMULATION, "name": {LANG: scenario_name}},
        },
        "result": result,
        "context": context,
    }
