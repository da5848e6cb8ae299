"""The recogniser's rules file (`recogniser/moves.yaml`) as a typed, validated model.

The rules are data a trainer edits: per move, literal phrases and regular expressions.
Validation is strict (unknown keys are errors, every regex must compile and must not match
empty text) and every problem names `file:line:col`.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Collection
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from .problems import Problem
from .validation import problems_from
from .yamlsource import YamlDoc, parse_yaml

MOVE_ID = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
FigureKind = Literal["amount", "percent", "plan", "date"]


class RecogniserRulesError(ValueError):
    """Bad rules: the message holds one `path:line:col: key: message` line per problem."""

    def __init__(self, problems: list[Problem] | str) -> None:
        self.problems = [] if isinstance(problems, str) else sorted(problems)
        super().__init__(problems if isinstance(problems, str) else "\n".join(str(p) for p in self.problems))


def pattern_source(pattern: str) -> str:
    """The regex the recogniser runs for a rules pattern.

    An apostrophe in a pattern also matches when the trainee leaves it out ("i'm" finds
    "im"), since people type fast: `'` not already followed by `?` becomes `'?`.
    """
    return re.sub(r"'(?!\?)", "'?", pattern)


@functools.lru_cache(maxsize=4096)
def compiled(source: str) -> re.Pattern[str]:
    """`re.compile(source)`, remembered: validating the rules compiles every pattern, and the
    recogniser then runs the very same regexes (re's own cache holds too few for ~1,000)."""
    return re.compile(source)


def _check_pattern(pattern: str) -> str:
    try:
        compiled_pattern = compiled(pattern_source(pattern))
    except re.error as exc:
        where = f" at position {exc.pos}" if exc.pos is not None else ""
        raise ValueError(f"invalid regular expression {pattern!r}: {exc.msg}{where}") from None
    if compiled_pattern.search("") is not None:
        raise ValueError(f"regular expression {pattern!r} matches empty text, so it would match every line")
    return pattern


def _check_phrase(phrase: str) -> str:
    phrase = " ".join(phrase.split())
    if not any(c.isalnum() for c in phrase):
        raise ValueError(f"phrase {phrase!r} has no letters or digits")
    return phrase


def _check_move_id(move_id: str) -> str:
    if not MOVE_ID.match(move_id):
        raise ValueError(
            f"move id {move_id!r} must be snake_case: lower-case letters and digits joined by single underscores"
        )
    return move_id


def _check_word(word: str) -> str:
    word = word.strip().lower()
    if not word or " " in word:
        raise ValueError(f"{word!r} must be one word")
    return word


Pattern = Annotated[str, AfterValidator(_check_pattern)]
Phrase = Annotated[str, AfterValidator(_check_phrase)]
MoveId = Annotated[str, AfterValidator(_check_move_id)]
Word = Annotated[str, AfterValidator(_check_word)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NegationRules(_Strict):
    """How "not"/"never"/"won't" before a match cancels it (for moves marked `negatable`)."""

    words: list[Word] = Field(default_factory=list)  # negating words, e.g. not, never, won't
    stop_words: list[Word] = Field(default_factory=list)  # a new clause starts here: stop looking back
    window: int = Field(default=4, ge=1, le=12)  # how many words before the match to look at


class MoveRule(_Strict):
    description: str = ""
    examples: list[str] = Field(default_factory=list)  # lines that must be recognised as this move
    phrases: list[Phrase] = Field(default_factory=list)  # literal, whole words, any case
    patterns: list[Pattern] = Field(default_factory=list)  # regular expressions, on lower-cased text
    unless: list[Pattern] = Field(default_factory=list)  # if any matches the line, the move is not given
    negatable: bool = False  # a negating word just before a match cancels that match
    requires_figures: list[FigureKind] = Field(default_factory=list)  # one of these must be in the sentence


class RecogniserRules(_Strict):
    version: Literal[1] = 1
    negation: NegationRules = Field(default_factory=NegationRules)
    moves: dict[MoveId, MoveRule] = Field(min_length=1)


def parse_rules_text(text: str, path: str, *, known_moves: Collection[str] | None = None) -> RecogniserRules:
    """Validate the text of a rules file; raise `RecogniserRulesError` listing every problem.

    With `known_moves`, every known move must have an entry, and an unknown move id that
    looks like a typo of a known one is an error (other new ids are allowed: new moves).
    """
    doc, problems = parse_yaml(text, path)
    if doc is None:
        raise RecogniserRulesError(problems)
    rules: RecogniserRules | None = None
    try:
        rules = RecogniserRules.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(problems_from(exc, doc, RecogniserRules))
    if known_moves is not None:
        problems.extend(_vocabulary_problems(doc, known_moves))
    if problems or rules is None:
        raise RecogniserRulesError(problems)
    return rules


def _vocabulary_problems(doc: YamlDoc, known_moves: Collection[str]) -> list[Problem]:
    data: Any = doc.data
    moves = data.get("moves") if isinstance(data, dict) else None
    if not isinstance(moves, dict):
        return []
    known = set(known_moves)
    missing = sorted(known - set(moves))
    found: list[Problem] = []
    for move_id in moves:
        if isinstance(move_id, str) and move_id not in known:
            close = difflib.get_close_matches(move_id, missing or sorted(known), n=1, cutoff=0.75)
            if close:
                found.append(
                    doc.problem(("moves", move_id), f"unknown move '{move_id}' (did you mean '{close[0]}'?)", key=True)
                )
    if missing:
        found.append(
            doc.problem(
                ("moves",),
                f"missing move(s) {', '.join(missing)}: every move of the vocabulary needs an entry "
                "(give it no phrases to switch it off)",
                key=True,
            )
        )
    return found
