"""What the engine hears of a trainee's line: printable text on one line, of a bounded length.

Any text is accepted (empty, huge, control characters, right-to-left marks); what is left is what
the recogniser reads and the transcript records.
"""

from __future__ import annotations

import unicodedata

MAX_UTTERANCE = 2000
_CLEAN_KEPT = 4096  # sanitised lines remembered (bots and explorers say the same lines over and over)
_CLEAN_MAX_TEXT = 500  # longer lines are cleaned each time: rare, and not worth keeping
_cleaned: dict[str, str] = {}


def sanitise(text: str) -> str:
    """What the engine hears: printable text on one line, at most MAX_UTTERANCE characters."""
    text = text[: MAX_UTTERANCE * 4]
    if text.isprintable():
        return " ".join(text.split())[:MAX_UTTERANCE].rstrip(" ")  # a cut after a space must not leave one
    kept = [
        " " if ch in "\t\r\n\v\f" else ch for ch in text if ch in "\t\r\n\v\f" or unicodedata.category(ch)[0] != "C"
    ]
    return " ".join("".join(kept).split())[:MAX_UTTERANCE].rstrip(" ")


def cleaned(text: str) -> str:
    """`sanitise(text)`, remembered for short lines: it depends on the text alone."""
    clean = _cleaned.get(text)
    if clean is None:
        clean = sanitise(text)
        if len(text) <= _CLEAN_MAX_TEXT:
            if len(_cleaned) >= _CLEAN_KEPT:
                _cleaned.clear()
            _cleaned[text] = clean
    return clean
