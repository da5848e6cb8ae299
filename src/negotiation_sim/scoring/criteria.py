"""A trait's criteria: each a value 0..1 (None: not applicable) with a weight, and the score they make."""

from __future__ import annotations

from .facts import CallFacts
from .scorecard import Criterion, Evidence


def rnd(x: float) -> int:
    """Round half up (Python's round() rounds half to even)."""
    return int(x + 0.5)


def crit(
    cid: str,
    label: str,
    value: float | None,
    weight: float,
    note: str,
    evidence: list[Evidence] | tuple[Evidence, ...] = (),
) -> Criterion:
    return Criterion(cid, label, None if value is None else max(0.0, min(1.0, value)), weight, note, tuple(evidence))


def trait_score(criteria: list[Criterion]) -> int | None:
    used = [c for c in criteria if c.value is not None and c.weight > 0]
    if not used:
        return None
    return rnd(100 * sum(c.weight * (c.value or 0.0) for c in used) / sum(c.weight for c in used))


def collecting(f: CallFacts) -> bool:
    """A money call: no procedure said to stop collecting."""
    return not f.procedural
