"""Events: the single source of truth of a call.

An event is a plain JSON-safe dict with `i` (its index), `turn` and `type` first; the
transcript, the scorecard, replay, resume and regrade are all computed from the list.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import Any

Event = dict[str, Any]

CALL_STARTED = "call_started"
DEBTOR_SAID = "debtor_said"
TRAINEE_SAID = "trainee_said"
STAGE_CHANGED = "stage_changed"
DEBTOR_STATE = "debtor_state"
OFFER_MADE = "offer_made"
AGREEMENT = "agreement"
GOOD_FAITH = "good_faith"
REVEALED = "revealed"
FLAG = "flag"
COLLECTOR_ENDED = "collector_ended"
CALL_CLOSED = "call_closed"

EVENT_TYPES = frozenset(
    {
        CALL_STARTED,
        DEBTOR_SAID,
        TRAINEE_SAID,
        STAGE_CHANGED,
        DEBTOR_STATE,
        OFFER_MADE,
        AGREEMENT,
        GOOD_FAITH,
        REVEALED,
        FLAG,
        COLLECTOR_ENDED,
        CALL_CLOSED,
    }
)


def dumps(event: Event) -> str:
    """One canonical JSON line: the same event always gives the same bytes."""
    return json.dumps(event, ensure_ascii=False, separators=(",", ":"), sort_keys=False)


def to_jsonl(events: Iterable[Event]) -> str:
    return "".join(dumps(e) + "\n" for e in events)


def from_jsonl(text: str) -> list[Event]:
    events = [json.loads(line) for line in text.splitlines() if line.strip()]
    for expected, event in enumerate(events):
        if not isinstance(event, dict) or event.get("i") != expected or event.get("type") not in EVENT_TYPES:
            raise ValueError(f"line {expected + 1}: not an event of this call (expected index {expected})")
    return events


def events_hash(events: Iterable[Event]) -> str:
    digest = hashlib.sha256()
    for event in events:
        digest.update(dumps(event).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def of_type(events: Iterable[Event], *types: str) -> Iterator[Event]:
    return (e for e in events if e["type"] in types)


def transcript(events: Iterable[Event]) -> list[tuple[str, str, int]]:
    """(speaker, text, event index) for every spoken line, in order."""
    lines: list[tuple[str, str, int]] = []
    for e in events:
        if e["type"] == TRAINEE_SAID:
            lines.append(("collector", e["text"], e["i"]))
        elif e["type"] == DEBTOR_SAID:
            lines.append(("debtor", e["text"], e["i"]))
    return lines
