"""A trait's criteria: each a value 0..1 (None: not applicable) with a weight, and the score they make."""

from __future__ import annotations

from collections.abc import Iterable

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
    if value is not None:  # max(0.0, min(1.0, value)) spelt out: the same float, without two calls
        value = value if value < 1.0 else 1.0
        value = value if value > 0.0 else 0.0
    return Criterion(cid, label, value, weight, note, tuple(evidence))


def weighted_mean(criteria: Iterable[Criterion]) -> int | None:
    """The weighted mean, 0-100, of the criteria that apply and weigh something (None: none does).

    A loop rather than two sums over generators: it runs for every trait and outcome of every call,
    and adds up in the same order, so to the same float."""
    total: float = 0
    weights: float = 0
    for c in criteria:
        if c.value is not None and c.weight > 0:
            total += c.weight * (c.value or 0.0)
            weights += c.weight
    return rnd(100 * total / weights) if weights else None


trait_score = weighted_mean  # a trait's score: the weighted mean of its criteria


def collecting(f: CallFacts) -> bool:
    """A money call: no procedure said to stop collecting."""
    return not f.procedural
