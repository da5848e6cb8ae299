"""Pick what the debtor says: a variant for the situation and mood, placeholders filled."""

from __future__ import annotations

from collections.abc import Mapping

from ..content.persona import LINE_FALLBACKS, PLACEHOLDERS, LineSet
from ..vocabulary import Mood

_MOOD_ORDER: dict[Mood, tuple[Mood, ...]] = {
    Mood.CALM: (Mood.CALM, Mood.TENSE, Mood.UPSET),
    Mood.TENSE: (Mood.TENSE, Mood.CALM, Mood.UPSET),
    Mood.UPSET: (Mood.UPSET, Mood.TENSE, Mood.CALM),
}


class Blanks(dict[str, str]):
    """Placeholder values; a name without one stays as written, braces and all."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def resolve_key(lines: Mapping[str, LineSet], situation: str) -> str:
    key: str | None = situation
    while key is not None and key not in lines:
        key = LINE_FALLBACKS.get(key, "unclear")
    return key or "unclear"


def variants(lines: Mapping[str, LineSet], key: str, mood: Mood) -> list[str]:
    chosen = lines[key]
    if isinstance(chosen, list):
        return chosen
    for candidate in _MOOD_ORDER[mood]:
        if candidate in chosen:
            return chosen[candidate]
    return next(iter(chosen.values()))


def fill(template: str, values: Mapping[str, str]) -> str:
    # str.format_map reads the template as string.Formatter().vformat does, in C (a hot path);
    # a call's values come as Blanks already, made once rather than copied for every line
    if "{" not in template:
        return template
    return template.format_map(values if isinstance(values, Blanks) else Blanks(values))


__all__ = ["PLACEHOLDERS", "Blanks", "fill", "resolve_key", "variants"]
