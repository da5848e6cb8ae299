"""Has a stored call been changed since it was sealed? Each finished attempt keeps `events_hash`
(engine.events.events_hash over its events); any edit of an event row shows up here.

The hash is a checksum, not a signature: it catches accidental and casual edits of the database,
not someone who rewrites both the events and the stored hash.
"""

from __future__ import annotations

import json

from ..engine.events import EVENT_TYPES, dumps, events_hash
from .db import Store
from .records import AttemptRecord


def verify_attempt(store: Store, attempt: AttemptRecord) -> list[str]:
    """What is wrong with the attempt's stored events (empty when they are intact)."""
    problems: list[str] = []
    rows = store.event_rows(attempt.id)
    events = []
    for position, row in enumerate(rows):
        try:
            event = json.loads(row["data"])
        except (TypeError, ValueError):
            problems.append(f"event {row['i']}: its data is not JSON")
            continue
        if not isinstance(event, dict):
            problems.append(f"event {row['i']}: its data is not an event")
            continue
        events.append(event)
        if row["i"] != position:
            problems.append(f"event {position} is missing (found {row['i']} in its place)")
        if (event.get("i"), event.get("turn"), event.get("type")) != (row["i"], row["turn"], row["type"]):
            problems.append(f"event {row['i']}: the row's columns and its data disagree")
        if event.get("type") not in EVENT_TYPES:
            problems.append(f"event {row['i']}: unknown type {event.get('type')!r}")
        if dumps(event) != row["data"]:
            problems.append(f"event {row['i']}: its data is not in the journal's canonical form")
    if len(rows) != attempt.event_count:
        problems.append(f"{len(rows)} events stored, the attempt recorded {attempt.event_count}")
    if attempt.finished:
        if not attempt.events_hash:
            problems.append("the finished attempt has no events hash")
        elif events_hash(events) != attempt.events_hash:
            problems.append("the events do not match the hash sealed when the call finished")
    return problems
