"""The six characteristics of a good negotiator (CCA 12.1 Lesson 1), each 0-100.

A trait is the weighted mean of criteria, each observable in the events and each with the
evidence that raised or lowered it. A criterion that the call could not show (no reveal to
respond to, no deal to judge, a call that had to stop before the money talk) is not
applicable and left out of the mean; a trait with no applicable criterion is not applicable.
"""

from __future__ import annotations

from collections.abc import Callable

from ..vocabulary import TRAIT_TITLES, Trait
from .criteria import trait_score
from .facts import CallFacts
from .scorecard import Criterion, TraitScore
from .traits_people import client_needs, mutual_pressure, other_side
from .traits_process import agenda_control, big_picture, discipline

TRAIT_RULES: dict[Trait, Callable[[CallFacts], list[Criterion]]] = {
    Trait.BIG_PICTURE: big_picture,
    Trait.OTHER_SIDE_NEEDS: other_side,
    Trait.AGENDA_CONTROL: agenda_control,
    Trait.MUTUAL_PRESSURE: mutual_pressure,
    Trait.DISCIPLINE: discipline,
    Trait.CLIENT_NEEDS: client_needs,
}
# (id, title, rule) of every trait in Trait's order, read off the enum once: iterating an enum and
# reading a member's value cost more than a trait's simplest rule.
_SCORED = tuple((trait.value, TRAIT_TITLES[trait], TRAIT_RULES[trait]) for trait in Trait)


def _cited(f: CallFacts, c: Criterion) -> Criterion:
    """A criterion that lost points always says where: the end of the call if nothing more precise."""
    for e in c.evidence:
        if e.effect == "lowered":
            return c
    end = f.cite_end(f"{c.label.lower()}: {c.note}")
    return Criterion(c.id, c.label, c.value, c.weight, c.note, (*c.evidence, end))  # dataclasses.replace is slow


def score_traits(f: CallFacts) -> list[TraitScore]:
    out = []
    for trait, title, rule in _SCORED:
        criteria = rule(f)
        for k, c in enumerate(criteria):
            if c.value is not None and c.value < 1.0:  # lost points
                criteria[k] = _cited(f, c)
        out.append(TraitScore(trait, title, trait_score(criteria), tuple(criteria)))
    return out
