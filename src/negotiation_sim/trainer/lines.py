"""Which line variant did the debtor say? Match spoken text back to a persona's line templates.

The engine records the line key it used (`debtor_said.situation`) and the filled-in text, not the
variant's index; a trainer's coverage report wants the index. Each template becomes a regular
expression (its literal text escaped, each `{placeholder}` a lazy wildcard), and the variant whose
pattern matches the spoken text in full, with the most literal text, is the one that was said.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from ..content.persona import LineSet, Persona
from ..content.scenario import Scenario

DEBTOR = "debtor"
THIRD_PARTY = "third_party"
MEMO_SIZE = 50_000  # lines remembered per catalog: bounded, as amounts and names make many distinct lines


class VariantId(NamedTuple):
    """One line a persona (or a third party) can say: speaker, line key, mood list (or None), position.

    A named tuple rather than a dataclass: coverage counts are keyed by it, and a tuple hashes in C.
    """

    speaker: str
    key: str
    mood: str | None
    position: int  # the variant's place in its list, from 0

    def label(self) -> str:
        mood = f"[{self.mood}]" if self.mood else ""
        who = "third party: " if self.speaker == THIRD_PARTY else ""
        return f"{who}{self.key}{mood} #{self.position + 1}"


@dataclass(frozen=True, slots=True)
class Variant:
    id: VariantId
    template: str
    pattern: re.Pattern[str]
    literal: int  # characters of literal text: more literal text = a more specific match


def template_pattern(template: str) -> re.Pattern[str]:
    parts: list[str] = []
    for literal, name, _spec, _conv in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name is not None:
            parts.append("(?:.*?)")
    return re.compile("".join(parts), re.DOTALL)


def _literal_length(template: str) -> int:
    return sum(len(literal) for literal, *_ in string.Formatter().parse(template))


def _variants_of(speaker: str, key: str, moods: Mapping[str | None, Sequence[str]]) -> list[Variant]:
    out = []
    for mood, templates in moods.items():
        for i, template in enumerate(templates):
            out.append(
                Variant(
                    VariantId(speaker, key, mood, i),
                    template,
                    template_pattern(template),
                    _literal_length(template),
                )
            )
    return out


def _as_moods(line_set: LineSet) -> dict[str | None, list[str]]:
    if isinstance(line_set, list):
        return {None: list(line_set)}
    return {str(mood): list(lines) for mood, lines in line_set.items()}


class LineCatalog:
    """Every line variant a scenario's debtor (or third party) has, and a matcher from text to variant."""

    def __init__(self, persona: Persona, scenario: Scenario) -> None:
        self.by_key: dict[tuple[str, str], list[Variant]] = {}
        for key, line_set in persona.lines.items():
            self.by_key[(DEBTOR, key)] = _variants_of(DEBTOR, key, _as_moods(line_set))
        third = scenario.context.third_party
        if third is not None:
            for key, lines in third.lines.items():
                self.by_key[(THIRD_PARTY, key)] = _variants_of(THIRD_PARTY, key, {None: lines})
        # The same lines come back call after call (a persona has a few dozen): remember the answers.
        self._memo: dict[tuple[str, str, str, str | None], VariantId | None] = {}

    def variants(self, speaker: str | None = None) -> list[Variant]:
        return [v for (who, _), vs in self.by_key.items() if speaker in (None, who) for v in vs]

    def identify(self, speaker: str, key: str, text: str, extra: str | None = None) -> VariantId | None:
        """The variant that was said, or None when no template of that key produces the text."""
        memo_key = (speaker, key, text, extra)
        if memo_key in self._memo:
            return self._memo[memo_key]
        found = self._identify(speaker, key, text, extra)
        if len(self._memo) < MEMO_SIZE:
            self._memo[memo_key] = found
        return found

    def _identify(self, speaker: str, key: str, text: str, extra: str | None) -> VariantId | None:
        if extra and text.endswith(" " + extra):
            text = text[: -len(extra) - 1]
        best: Variant | None = None
        for variant in self.by_key.get((speaker, key), ()):
            if variant.pattern.fullmatch(text) and (best is None or variant.literal > best.literal):
                best = variant
        return best.id if best else None
