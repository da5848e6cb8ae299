"""Scenario test files (`scenarios/tests/<scenario-id>.test.yaml`): the model and its loader.

A trainer scripts a whole call — a seed, the trainee's lines — with expectations after each line
and at the end. The file is validated like other content: strict keys, every problem as
`path:line:col: key: message`, and cross-checks against the library (scenario, lesson, reveal ids,
moves, compliance rule ids).
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, Field, ValidationError, model_validator

from ..content.base import ContentId, MoveId, Score, StrictModel, Text
from ..content.library import Library
from ..content.persona import LINE_FALLBACKS
from ..content.problems import Problem
from ..content.validation import problems_from
from ..content.yamlsource import Loc, YamlDoc, read_yaml
from ..vocabulary import Mood, Outcome, Stage

# What a collector can read off the screen, and so may put in a scripted line.
SAY_PLACEHOLDERS = frozenset(
    {
        "name",
        "first_name",
        "balance",
        "creditor",
        "due_date",
        "delivered",
        "reference",
        "collector",
        "agency",
        "floor",
        "min_good_faith",
        "max_plan_months",
        "original_balance",
    }
)
THIRD_PARTY_LINES = ("answer", "asked_for_debtor", "told_about_debt", "message", "unclear", "goodbye")
FLAGS = (
    "claim_exposed",
    "dispute_raised",
    "attorney_mentioned",
    "cease_requested",
    "debt_disclosed_to_third_party",
)


def _check_say(text: str) -> str:
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        raise ValueError(f"bad braces: {exc} (write {{{{ and }}}} for literal braces)") from None
    unknown = sorted(names - SAY_PLACEHOLDERS)
    if unknown:
        raise ValueError(f"unknown placeholder '{{{unknown[0]}}}' (known: {', '.join(sorted(SAY_PLACEHOLDERS))})")
    return text


SayText = Annotated[str, Field(min_length=1, max_length=2000), AfterValidator(_check_say)]
RuleId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
OneOrMore = Annotated[list[str], Field(min_length=1)]


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


class Expect(StrictModel):
    """The call as it stands after a line; every key given must hold."""

    stage: Stage | None = None
    mood: Mood | None = Field(default=None, description="the mood of the debtor's reply")
    situation: str | None = Field(default=None, description="the line key the debtor's reply used")
    revealed: ContentId | list[ContentId] | None = Field(default=None, description="revealed by now")
    not_revealed: ContentId | list[ContentId] | None = None
    flag: str | list[str] | None = Field(default=None, description="raised by now")
    closed: bool | None = None
    outcome: Outcome | None = None
    agreed: bool | None = Field(default=None, description="terms have been agreed by now")
    trust_at_least: Score | None = None
    trust_below: Score | None = None
    stress_at_least: Score | None = None
    stress_below: Score | None = None

    @model_validator(mode="after")
    def _known_names(self) -> Expect:
        if self.situation is not None and self.situation not in {*LINE_FALLBACKS, *THIRD_PARTY_LINES}:
            raise ValueError(f"unknown line situation '{self.situation}'")
        for flag in as_list(self.flag):
            if flag not in FLAGS:
                raise ValueError(f"unknown flag '{flag}' (known: {', '.join(FLAGS)})")
        return self


class Turn(StrictModel):
    """One thing the trainee says (or hanging up), and what must be true after it."""

    say: SayText | None = None
    hang_up: bool = Field(default=False, description="the collector ends the call instead of speaking")
    expect: Expect | None = None
    expect_moves: list[MoveId] | None = Field(default=None, description="moves the line must be heard as")
    expect_not_moves: list[MoveId] | None = None
    expect_reply_contains: SayText | list[SayText] | None = Field(
        default=None, description="words the debtor's reply contains (any case); placeholders as in say"
    )
    expect_finding: RuleId | list[RuleId] | None = Field(default=None, description="compliance findings by now")
    expect_no_finding: RuleId | list[RuleId] | None = None

    @model_validator(mode="after")
    def _say_or_hang_up(self) -> Turn:
        if (self.say is None) == (not self.hang_up):
            raise ValueError("give either 'say: ...' or 'hang_up: true'")
        if self.hang_up and (self.expect_moves or self.expect_not_moves):
            raise ValueError("hanging up says nothing, so it has no moves to expect")
        return self


class GradeRange(StrictModel):
    min: float = Field(default=0, ge=0, le=100)
    max: float = Field(default=100, ge=0, le=100)

    @model_validator(mode="after")
    def _ordered(self) -> GradeRange:
        if self.min > self.max:
            raise ValueError(f"min ({self.min:g}) is above max ({self.max:g})")
        return self


class Case(StrictModel):
    name: Text
    seed: int | None = Field(default=None, ge=0, le=2**63 - 1, description="default: the scenario's seed")
    lesson: ContentId | None = Field(default=None, description="grade with this lesson's rubric")
    turns: list[Turn] = Field(min_length=1)
    expect_outcome: Outcome | None = None
    expect_grade: GradeRange | None = None
    expect_passed: bool | None = None
    expect_finding: RuleId | list[RuleId] | None = None
    expect_no_finding: RuleId | list[RuleId] | None = None


class ScenarioTestFile(StrictModel):
    scenario: ContentId
    cases: list[Case] = Field(min_length=1)


@dataclass
class LoadedTests:
    path: Path
    doc: YamlDoc
    model: ScenarioTestFile

    def where(self, loc: Loc) -> str:
        line, col = self.doc.marks.at(loc)
        return f"{self.doc.path}:{line}:{col}"


def known_rules() -> frozenset[str] | None:
    """The compliance rule ids the scorer knows, when it says (None: do not check)."""
    try:
        from ..scoring.compliance import RULES
    except ImportError:
        return None
    return frozenset(RULES)


def display(path: Path) -> str:
    """The path as a trainer would type it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_test_file(path: Path, lib: Library, moves: frozenset[str] | None) -> tuple[LoadedTests | None, list[Problem]]:
    doc, problems = read_yaml(path, display(path))
    if doc is None:
        return None, problems
    if not isinstance(doc.data, dict):
        return None, [doc.problem((), "expected a mapping with 'scenario' and 'cases'")]
    try:
        model = ScenarioTestFile.model_validate(doc.data)
    except ValidationError as exc:
        return None, problems_from(exc, doc, ScenarioTestFile)
    found = _cross_check(model, doc, lib, moves)
    return (None, found) if found else (LoadedTests(path, doc, model), [])


def _cross_check(model: ScenarioTestFile, doc: YamlDoc, lib: Library, moves: frozenset[str] | None) -> list[Problem]:
    out: list[Problem] = []
    if model.scenario not in lib.scenarios:
        try:
            lib.scenario(model.scenario)
        except KeyError as exc:
            return [doc.problem(("scenario",), str(exc.args[0]))]
    scenario = lib.scenarios[model.scenario]
    reveals = {r.id for r in lib.persona_for(scenario).reveals}
    rules = known_rules()
    for c, case in enumerate(model.cases):
        at: Loc = ("cases", c)
        if case.lesson is not None and case.lesson not in lib.lessons:
            try:
                lib.lesson(case.lesson)
            except KeyError as exc:
                out.append(doc.problem((*at, "lesson"), str(exc.args[0])))
        finals: list[tuple[Loc, list[str]]] = [
            ((*at, "expect_finding"), as_list(case.expect_finding)),
            ((*at, "expect_no_finding"), as_list(case.expect_no_finding)),
        ]
        for t, turn in enumerate(case.turns):
            tat: Loc = (*at, "turns", t)
            for key in ("expect_moves", "expect_not_moves"):
                for i, move in enumerate(getattr(turn, key) or []):
                    if moves is not None and move not in moves:
                        out.append(doc.problem((*tat, key, i), f"unknown move '{move}'"))
            if turn.expect is not None:
                for key in ("revealed", "not_revealed"):
                    for rid in as_list(getattr(turn.expect, key)):
                        if rid not in reveals:
                            out.append(
                                doc.problem((*tat, "expect", key), f"persona {scenario.persona} has no reveal '{rid}'")
                            )
            finals.append(((*tat, "expect_finding"), as_list(turn.expect_finding)))
            finals.append(((*tat, "expect_no_finding"), as_list(turn.expect_no_finding)))
        if rules is not None:
            for loc, ids in finals:
                for rid in ids:
                    if rid not in rules:
                        out.append(
                            doc.problem(loc, f"unknown compliance rule '{rid}' (known: {', '.join(sorted(rules))})")
                        )
    return out
