"""Spoken numbers and normalised text: the first step of reading what a collector says.

`normalise_text` gives the lower-cased, single-spaced, shorthand-expanded copy the recogniser
matches against; `words_to_digits` turns number words into digits ("twelve hundred" -> "1200",
"the fifteenth" -> "the 15th") so that figures can be read with patterns.
"""

from __future__ import annotations

import re
import unicodedata

MAX_CHARS = 2000

# ---------------------------------------------------------------------------- normalising

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-",
        "\u2014": " - ", "\u2015": " - ",
    }
)  # fmt: skip
# C0/C1 controls, zero-width characters, bidi embeddings/overrides/isolates, BOM.
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]+")
_SPACES = re.compile(r"\s+")
# Texting shorthand a trainee types under time pressure.
_SHORTHAND = re.compile(r"\b(?:u|ur|w/|lemme|gonna|wanna|gotta|pls|plz|thx|tmrw|tmr|b4)(?=[\s,.!?;:]|$)")
_SHORTHAND_MAP = {
    "u": "you", "ur": "your", "w/": "with", "lemme": "let me", "gonna": "going to", "wanna": "want to",
    "gotta": "got to", "pls": "please", "plz": "please", "thx": "thanks", "tmrw": "tomorrow",
    "tmr": "tomorrow", "b4": "before",
}  # fmt: skip


def normalise_text(text: str) -> str:
    """Lower-case, straight quotes, one space between words, shorthand spelled out.

    Idempotent: normalising normalised text changes nothing.
    """
    if not isinstance(text, str):  # defensive: callers outside mypy's reach
        return ""
    # Most lines are plain printable ASCII: the steps that cannot change such a line are skipped
    # (translate maps only non-ASCII characters and the backtick; in printable text the only
    # whitespace is the space, and there is nothing invisible).
    text = unicodedata.normalize("NFKC", text[:MAX_CHARS])
    if not text.isascii() or "`" in text:
        text = text.translate(_TRANSLATE)
    printable = text.isprintable()
    if not printable:
        text = _INVISIBLE.sub(" ", text)
    text = _SHORTHAND.sub(_spelled_out, text.lower())
    if not printable or "  " in text:
        text = _SPACES.sub(" ", text)
    return text.strip()


def _spelled_out(m: re.Match[str]) -> str:
    return _SHORTHAND_MAP[m.group()]


# ---------------------------------------------------------------------------- number words

_UNIT_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
)
UNITS = {w: i for i, w in enumerate(_UNIT_WORDS.split(" "))}
TENS = {w: 10 * i for i, w in enumerate(("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty"), 2)}
TENS["ninety"] = 90
_ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
)
ORDINALS = {w: i for i, w in enumerate(_ORDINAL_WORDS.split(" "), 1)} | {"thirtieth": 30}
SCALES = {"hundred": 100, "thousand": 1000}
_ALL_WORDS = "|".join(sorted([*UNITS, *TENS, *ORDINALS, *SCALES], key=len, reverse=True))
_WORD_RUN = re.compile(rf"\b(?:an?|{_ALL_WORDS})(?:[\s-]+(?:and|{_ALL_WORDS}))*\b")
TOKEN = re.compile(r"[a-z]+")
# What may follow each kind of number word ("twenty" may take "five"; "five" may not take "six").
_NEXT = {
    "start": {"a", "unit", "teen", "tens", "hundred", "ord"},
    "a": {"hundred", "thousand"},
    "unit": {"hundred", "thousand"},
    "teen": {"hundred", "thousand"},
    "tens": {"unit", "hundred", "thousand", "ord"},
    "hundred": {"unit", "teen", "tens", "thousand", "and", "ord"},
    "thousand": {"unit", "teen", "tens", "and", "ord"},
    "and": {"unit", "teen", "tens", "ord"},
    "ord": set(),
}
_ORD_NOT_AFTER = re.compile(
    r"\s+(?:payment|installment|instalment|time|call|party|attempt|notice|letter|month|week|year|day|place|quarter"
    r"|person|one|option|offer|thing|step|thought|chance|priority|page|half|hundred|thousand|of\s+all)\b"
)
MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    ("january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul", "august aug",
     "september sept sep", "october oct", "november nov", "december dec"), start=1):  # fmt: skip
    for _name in _names.split():
        MONTHS[_name] = _i
MONTH_RE = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_ORD_BEFORE = re.compile(rf"(?:\b(?:the|on|by)|\b{MONTH_RE})\s+$")
_OF_MONTH = re.compile(rf"\s+of\s+{MONTH_RE}\b")


def _kind(word: str) -> str:
    if word in ("a", "an"):
        return "a"
    if word == "and":
        return "and"
    if word in SCALES:
        return word
    if word in TENS:
        return "tens"
    if word in ORDINALS:
        return "ord"
    return "teen" if UNITS[word] >= 10 else "unit"


def words_to_digits(text: str) -> str:
    """ "two hundred and fifty" -> "250", "a thousand" -> "1000", "the fifteenth" -> "the 15th"."""
    out: list[str] = []
    last = 0
    for run in _WORD_RUN.finditer(text):
        for start, end, value, ordinal in _parse_run(run.group(), run.start()):
            if ordinal and not (
                (_ORD_BEFORE.search(text, max(0, start - 14), start) and not _ORD_NOT_AFTER.match(text, end))
                or _OF_MONTH.match(text, end)
            ):
                continue  # "give me a second", "the first time": not dates
            out.append(text[last:start])
            out.append(f"{value}th" if ordinal else str(value))
            last = end
    out.append(text[last:])
    return "".join(out)


def _parse_run(run: str, offset: int) -> list[tuple[int, int, int, bool]]:
    """Split a run of number words into numbers: (start, end, value, is_ordinal)."""
    numbers: list[tuple[int, int, int, bool]] = []
    state, total, current, start, end, real = "start", 0, 0, -1, -1, False

    def close() -> None:
        if real:
            numbers.append((offset + start, offset + end, total + current, state == "ord"))

    for tok in TOKEN.finditer(run):
        word, kind = tok.group(), _kind(tok.group())
        if kind not in _NEXT[state]:
            close()
            state, total, current, start, real = "start", 0, 0, -1, False
            if kind not in _NEXT["start"]:
                continue
        if start < 0:
            start = tok.start()
        if kind == "a":
            current = 1
        elif kind in ("unit", "teen", "tens"):
            current += UNITS.get(word, 0) + TENS.get(word, 0)
        elif kind == "ord":
            current += ORDINALS[word]
        elif kind == "hundred":
            current = (current or 1) * 100
        elif kind == "thousand":
            total, current = total + (current or 1) * 1000, 0
        if kind not in ("a", "and"):
            end, real = tok.end(), True
        state = kind
    close()
    return numbers
