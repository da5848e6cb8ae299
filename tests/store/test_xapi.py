"""xAPI statements: built from stored records, checked against the xAPI 1.0.3 statement structure."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from negotiation_sim.reports.data import iso_duration
from negotiation_sim.reports.xapi import statement
from negotiation_sim.store.records import AttemptRecord, RunRecord, ScoreRecord, StudentRecord

from .xapi_validator import DURATION, validate_statement

BASE = "https://training.example.com/xapi"

CARD: dict[str, Any] = {
    "scenario_title": "A first reminder",
    "traits": [{"trait": "big_picture", "score": 80}, {"trait": "discipline", "score": None}],
    "compliance": [
        {
            "rule": "disclosure_missing",
            "severity": "major",
            "regulation": "12 CFR 1006.18(e)",
            "turn": 2,
            "i": 7,
        }
    ],
}


def attempt(**changes: Any) -> AttemptRecord:
    fields: dict[str, Any] = dict(
        id=12,
        uuid="5f0c7d3e-1b2a-4c3d-9e8f-0a1b2c3d4e5f",
        run_id=3,
        student_id="ana",
        lesson_id="cca-1",
        call_index=1,
        scenario_id="first-reminder-fran",
        persona_id="forgetful-fran",
        seed=20419,
        mode="graded",
        status="finished",
        started_at="2026-03-02T09:00:00.000Z",
        touched_at="2026-03-02T09:07:24.000Z",
        ended_at="2026-03-02T09:07:24.000Z",
        active_seconds=444.0,
        turns=11,
        event_count=60,
        outcome="agreement",
        events_hash="ab" * 32,
    )
    fields.update(changes)
    return AttemptRecord(**fields)


def score(**changes: Any) -> ScoreRecord:
    fields: dict[str, Any] = dict(
        attempt_id=12,
        overall=88,
        hint_penalty=0,
        grade=88,
        passed=True,
        rubric_hash="r1",
        card=CARD,
        scored_at="2026-03-02T09:07:24.000Z",
    )
    fields.update(changes)
    return ScoreRecord(**fields)


RUN = RunRecord(
    id=3,
    student_id="ana",
    lesson_id="cca-1",
    mode="graded",
    registration="0b8a1f52-6c1d-4e7a-8f3e-2d9c4b5a6e7f",
    calls=2,
    status="finished",
    started_at="2026-03-02T09:00:00.000Z",
    ended_at=None,
    grade=None,
    passed=None,
)
ANA = StudentRecord("ana", "Ana Lopez", "2026-03-02T09:00:00.000Z")


def build(a: AttemptRecord | None = None, s: ScoreRecord | None = None) -> dict[str, Any]:
    return statement(
        a or attempt(),
        s or score(),
        run=RUN,
        student=ANA,
        lesson_title="CCA lesson 1",
        base_iri=BASE,
        home_page="https://lms.example.com",
    )


def test_a_graded_pass_is_a_valid_passed_statement() -> None:
    st = build()
    assert validate_statement(st) == []
    assert st["verb"]["id"] == "http://adlnet.gov/expapi/verbs/passed"
    assert st["actor"] == {
        "objectType": "Agent",
        "name": "Ana Lopez",
        "account": {"homePage": "https://lms.example.com", "name": "ana"},
    }
    assert st["object"]["id"] == f"{BASE}/scenarios/first-reminder-fran"
    assert st["object"]["definition"]["name"] == {"en-US": "A first reminder"}
    assert st["context"]["contextActivities"]["grouping"][0]["id"] == f"{BASE}/lessons/cca-1"
    assert st["context"]["registration"] == RUN.registration
    assert st["result"]["score"] == {"scaled": 0.88, "raw": 88, "min": 0, "max": 100}
    assert (st["result"]["success"], st["result"]["completion"], st["result"]["duration"]) == (
        True,
        True,
        "PT7M24S",
    )
    assert st["result"]["extensions"][f"{BASE}/extensions/trait-scores"] == {"big_picture": 80.0}
    assert st["timestamp"] == "2026-03-02T09:07:24.000Z"


def test_verbs_follow_the_mode_and_the_result() -> None:
    failed = build(s=score(grade=41, overall=45, hint_penalty=4, passed=False))
    assert failed["verb"]["id"].endswith("/failed") and failed["result"]["success"] is False
    assert failed["result"]["score"]["scaled"] == 0.41
    practice = build(a=attempt(mode="practice"))
    assert practice["verb"] == {
        "id": "http://adlnet.gov/expapi/verbs/completed",
        "display": {"en-US": "completed"},
    }
    for st in (failed, practice):
        assert validate_statement(st) == []


def test_statement_ids_are_stable_until_the_grade_changes() -> None:
    assert build()["id"] == build()["id"]
    assert build()["id"] != build(s=score(grade=70, rubric_hash="r2"))["id"]
    assert build()["id"] != build(a=attempt(uuid="6f0c7d3e-1b2a-4c3d-9e8f-0a1b2c3d4e5f"))["id"]


def test_a_call_outside_a_lesson_has_no_grouping_but_is_still_valid() -> None:
    st = statement(attempt(lesson_id=None, run_id=None), score(), base_iri=BASE)
    assert "contextActivities" not in st["context"]
    assert st["context"]["registration"] == attempt().uuid
    assert validate_statement(st) == []


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "PT0S"),
        (444, "PT7M24S"),
        (3723.5, "PT1H2M3.5S"),
        (59.999, "PT1M"),
        (0.25, "PT0.25S"),
        (7200, "PT2H"),
    ],
)
def test_durations_are_iso_8601(seconds: float, text: str) -> None:
    assert iso_duration(seconds) == text
    assert DURATION.match(text)


def _broken(path: str, value: Any) -> dict[str, Any]:
    st = copy.deepcopy(build())
    *parents, last = path.split(".")
    node = st
    for key in parents:
        node = node[key]
    if value is _DELETE:
        del node[last]
    else:
        node[last] = value
    return st


_DELETE = object()


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("result.score.scaled", 1.5, "-1..1"),
        ("result.score.raw", 120, "between min and max"),
        ("result.duration", "7 minutes", "ISO 8601 duration"),
        ("verb.id", "passed", "not an IRI"),
        ("id", "not-a-uuid", "not a UUID"),
        ("actor.mbox", "mailto:ana@example.com", "exactly one identifier"),
        ("actor.account", {"name": "ana"}, "exactly homePage and name"),
        ("object.definition.name", {"english": "x"}, "language tag"),
        ("result.extensions", {"trait-scores": {}}, "not an IRI"),
        ("context.registration", "r-1", "not a UUID"),
        ("timestamp", "2026-03-02 09:07", "ISO 8601 date-time"),
        ("result.success", "yes", "true or false"),
        ("verb", _DELETE, "missing verb"),
        ("result.grade", 88, "unknown property"),
    ],
)
def test_the_validator_rejects_what_xapi_forbids(path: str, value: Any, message: str) -> None:
    errors = validate_statement(_broken(path, value))
    assert any(message in e for e in errors), errors
