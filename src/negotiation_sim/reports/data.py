"""Everything a report of one stored call shows, gathered from the store: transcript, scorecard, hints,
the hidden-state timeline and the integrity check. The renderers (Markdown, HTML, JSON) only format it.

Every event gets an anchor `e{i}` in the report: spoken lines and call notes in the transcript, debtor
states in the timeline — so evidence (event indexes in the scorecard) always links somewhere.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from ..engine import events as ev
from ..engine.events import Event
from ..engine.offers import Offer, money
from ..store.db import Store
from ..store.integrity import verify_attempt
from ..store.records import AttemptRecord, HintRecord, RunRecord, ScoreRecord, StudentRecord


@dataclass(frozen=True)
class Titles:
    """Scenario and lesson titles by id, from the content library (reports work without it too)."""

    scenarios: dict[str, str] = field(default_factory=dict)
    lessons: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Line:
    """One row of the transcript: a spoken line or a note about the call."""

    i: int
    turn: int
    kind: str  # collector | debtor | third_party | note
    text: str
    detail: str = ""


@dataclass(frozen=True)
class TimelineRow:
    """The debtor's state after a turn, hidden finances included (the trainee never saw these)."""

    i: int
    turn: int
    trust: int
    stress: int
    patience: int
    mood: str
    delta: dict[str, int]
    hidden: dict[str, Any]
    moves: str


@dataclass
class CallReport:
    attempt: AttemptRecord
    run: RunRecord | None
    student: StudentRecord | None
    score: ScoreRecord | None
    hints: list[HintRecord]
    events: list[Event]
    problems: list[str]
    scenario_title: str
    lesson_title: str | None
    lines: list[Line] = field(default_factory=list)
    timeline: list[TimelineRow] = field(default_factory=list)

    @property
    def card(self) -> dict[str, Any]:
        return self.score.card if self.score else {}

    @property
    def intact(self) -> bool:
        return not self.problems


def load_report(store: Store, attempt_id: int, titles: Titles | None = None) -> CallReport:
    """The report of one attempt; `titles` names scenarios and lessons when the content is at hand."""
    titles = titles or Titles()
    attempt = store.attempt(attempt_id)
    events = store.events(attempt_id)
    report = CallReport(
        attempt=attempt,
        run=store.run(attempt.run_id) if attempt.run_id is not None else None,
        student=store.student(attempt.student_id),
        score=store.scorecard(attempt_id),
        hints=store.hints(attempt_id),
        events=events,
        problems=verify_attempt(store, attempt),
        scenario_title=titles.scenarios.get(attempt.scenario_id, attempt.scenario_id),
        lesson_title=titles.lessons.get(attempt.lesson_id) if attempt.lesson_id else None,
    )
    if report.score and report.scenario_title == attempt.scenario_id:
        report.scenario_title = str(report.card.get("scenario_title") or attempt.scenario_id)
    report.lines = transcript_lines(events)
    report.timeline = timeline(events)
    return report


def transcript_lines(events: list[Event]) -> list[Line]:
    lines: list[Line] = []
    for e in events:
        kind = e["type"]
        if kind == ev.DEBTOR_STATE:
            continue
        if kind == ev.TRAINEE_SAID:
            moves = ", ".join(e.get("moves") or []) or "nothing recognised"
            lines.append(Line(e["i"], e["turn"], "collector", e["text"], f"heard as: {moves}"))
        elif kind == ev.DEBTOR_SAID:
            speaker = "third_party" if e.get("speaker") == "third_party" else "debtor"
            lines.append(Line(e["i"], e["turn"], speaker, e["text"], f"mood: {e.get('mood', '')}"))
        else:
            lines.append(Line(e["i"], e["turn"], "note", note(e)))
    return lines


def note(e: Event) -> str:
    """A one-line description of an event that is not a spoken line."""
    kind = e["type"]
    if kind == ev.CALL_STARTED:
        ctx = e.get("context", {})
        acct = e.get("account", {})
        return (
            f"Call started: {ctx.get('direction', '')} call, debtor's local time {ctx.get('local_time', '')} "
            f"on {str(ctx.get('weekday', '')).title()}; balance {money(float(acct.get('balance', 0)))}, "
            f"floor {money(float(acct.get('floor', 0)))}"
        )
    if kind == ev.STAGE_CHANGED:
        return f"Stage: {_words(e['from'])} → {_words(e['to'])}"
    if kind == ev.OFFER_MADE:
        who = "You" if e.get("by") == "collector" else "The debtor"
        return f"{who} offered {Offer.from_dict(e['offer']).describe()} ({_pct(e.get('ratio'))} of the balance)"
    if kind == ev.AGREEMENT:
        return (
            f"Agreement: {Offer.from_dict(e['terms']).describe()} ({_pct(e.get('ratio'))} of the balance), "
            f"accepted by the {e.get('accepted_by', '')}"
        )
    if kind == ev.GOOD_FAITH:
        amount = e.get("amount")
        return (
            f"Good-faith payment: {money(float(amount))}"
            if e.get("agreed") and amount
            else "Good-faith payment: declined"
        )
    if kind == ev.REVEALED:
        return f"Revealed ({e.get('id', '')}): {e.get('text', '')}"
    if kind == ev.FLAG:
        return f"Flag {_words(e.get('flag', ''))}: {e.get('detail', '')}"
    if kind == ev.COLLECTOR_ENDED:
        return f"You ended the call: {e.get('reason', '')}"
    if kind == ev.CALL_CLOSED:
        return f"Call closed: {_words(e.get('outcome', ''))} ({e.get('reason', '')})"
    return str(kind)


def timeline(events: list[Event]) -> list[TimelineRow]:
    said: dict[int, str] = {e["turn"]: ", ".join(e.get("moves") or []) for e in events if e["type"] == ev.TRAINEE_SAID}
    return [
        TimelineRow(
            e["i"],
            e["turn"],
            int(e["trust"]),
            int(e["stress"]),
            int(e["patience"]),
            str(e["mood"]),
            dict(e.get("delta") or {}),
            dict(e.get("hidden") or {}),
            said.get(e["turn"], ""),
        )
        for e in events
        if e["type"] == ev.DEBTOR_STATE
    ]


def evidence_of(item: dict[str, Any]) -> list[dict[str, Any]]:
    return [x for x in item.get("evidence") or [] if isinstance(x, dict) and isinstance(x.get("i"), int)]


def evidence_refs(*items: dict[str, Any]) -> list[tuple[int, Any]]:
    """(event index, turn) of the evidence of `items`, each moment once, in call order."""
    seen: dict[int, Any] = {}
    for item in items:
        for x in evidence_of(item):
            seen.setdefault(x["i"], x.get("turn", "?"))
    return sorted(seen.items())


def iso_duration(seconds: float) -> str:
    """ISO 8601 duration, e.g. PT7M24S or PT1H2M3.5S (xAPI keeps 0.01 s precision)."""
    seconds = max(0.0, round(seconds, 2))
    hours = int(seconds // 3600)
    minutes = int(seconds % 3600 // 60)
    rest = round(seconds - hours * 3600 - minutes * 60, 2)
    text = "PT"
    if hours:
        text += f"{hours}H"
    if minutes:
        text += f"{minutes}M"
    if rest or text == "PT":
        text += f"{int(rest)}S" if math.isclose(rest, round(rest)) else f"{rest:.2f}".rstrip("0") + "S"
    return text


def human_duration(seconds: float) -> str:
    seconds = round(max(0.0, seconds))
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes} min {secs} s" if minutes else f"{secs} s"


def grade_line(report: CallReport) -> str:
    s = report.score
    if s is None:
        return "not scored (the call is unfinished)"
    verdict = "passed" if s.passed else "not passed"
    if s.hint_penalty:
        return (
            f"{s.grade:g} ({verdict}): scorecard {s.overall:g}, minus {s.hint_penalty:g} for "
            f"{len(report.hints)} hint(s)"
        )
    return f"{s.grade:g} ({verdict})"


def _words(text: str) -> str:
    return str(text).replace("_", " ")


def _pct(ratio: Any) -> str:
    return f"{float(ratio) * 100:.0f}%" if isinstance(ratio, int | float) else "?"
