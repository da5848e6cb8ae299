"""The fixed words of the domain, shared by content, engine and scoring.

Content files name stages, outcomes, moods and traits by these ids; the engine and the
scoring speak them too, so they live in one neutral module that imports nothing.
"""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    OPENING = "opening"
    REMINDER = "reminder"
    REASON_FINDING = "reason_finding"
    COMMENTS = "comments"
    COUNTER_OFFER = "counter_offer"
    GOOD_FAITH = "good_faith"
    WRITTEN_CONFIRMATION = "written_confirmation"
    CLOSED = "closed"


STAGE_ORDER: tuple[Stage, ...] = tuple(Stage)


class Outcome(StrEnum):
    AGREEMENT = "agreement"
    NO_AGREEMENT = "no_agreement"
    HUNG_UP = "hung_up"
    ESCALATED = "escalated"
    WRONG_PARTY = "wrong_party"


class Mood(StrEnum):
    CALM = "calm"
    TENSE = "tense"
    UPSET = "upset"


class Trait(StrEnum):
    """The six characteristics of a good negotiator in the CCA 12.1 lesson."""

    BIG_PICTURE = "big_picture"
    OTHER_SIDE_NEEDS = "other_side_needs"
    AGENDA_CONTROL = "agenda_control"
    MUTUAL_PRESSURE = "mutual_pressure"
    DISCIPLINE = "discipline"
    CLIENT_NEEDS = "client_needs"


TRAIT_TITLES: dict[Trait, str] = {
    Trait.BIG_PICTURE: "Big picture and details",
    Trait.OTHER_SIDE_NEEDS: "Understands the other side's needs",
    Trait.AGENDA_CONTROL: "Controls the playing field",
    Trait.MUTUAL_PRESSURE: "Knows both sides are under pressure",
    Trait.DISCIPLINE: "Discipline",
    Trait.CLIENT_NEEDS: "The client's needs are met too",
}


class Difficulty(StrEnum):
    INTRODUCTORY = "introductory"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


DIFFICULTY_RANK: dict[Difficulty, int] = {
    Difficulty.INTRODUCTORY: 1,
    Difficulty.INTERMEDIATE: 2,
    Difficulty.ADVANCED: 3,
}
