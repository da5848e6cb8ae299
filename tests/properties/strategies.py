"""Hypothesis strategies for what a trainee might type: anything at all, and collector English.

The `anything` strategy mixes plain unicode with the awkward cases on purpose: empty text,
100 KB of text, control and escape characters, right-to-left text and marks, emoji, lone
surrogates, and real collector phrases with figures (so that moves and offers happen too).
"""

from __future__ import annotations

import os

from hypothesis import strategies as st

from negotiation_sim.bots.strategies import Aggressive, RandomLegal

# PROPERTY_SCALE=10 runs ten times as many examples (a longer hunt; the default keeps CI fast).
SCALE = max(1, int(os.environ.get("PROPERTY_SCALE", "1") or 1))

COLLECTOR = (
    *RandomLegal.PHRASES,
    *Aggressive.LINES,
    "Hello, this is Sam from Northbridge Recovery.",
    "Am I speaking with the account holder? Could you confirm your date of birth?",
    "This is an attempt to collect a debt and any information obtained will be used for that purpose.",
    "Our records show a balance of $1,250 which was due on October 1st.",
    "Can you tell me what happened?",
    "What could you offer towards the balance?",
    "We could do $150 a month for 8 months.",
    "Could you pay 85% today, that's $1,062.50?",
    "twelve hundred dollars by the fifteenth",
    "Okay, I can accept that.",
    "No, I'm afraid I can't accept that.",
    "Could you make a good-faith payment of $100 today?",
    "I'll send you written confirmation of these terms today.",
    "Thank you for your time, goodbye.",
)
AWKWARD = (
    "",
    " ",
    "\n",
    "\t\r\n",
    "\x00",
    "\x1b[31mred\x1b[0m",
    "\x1b]0;title\x07",
    "\x08\x08\x7f",
    "\x85\u2028\u2029",
    "\u202eevil\u202c",
    "\u200f\u200e\u2066\u2069",
    "שלום, אני רוצה לשלם",
    "مرحبا، أريد أن أدفع ١٠٠",
    "😀🙏🏽👨‍👩‍👧‍👦",
    "\ufeff",
    "\ud800",
    "\udfff",
    "{balance}",
    "{0}",
    "%s%n",
    "$",
    "$$$",
    "$-5",
    "1e308",
    "9" * 400,
    "-0",
    "NaN",
    "∞",
    "½",
    "٣٠٠",
    "１２３",
    "Ⅻ",
    "${{}}",
    "\\",
    "'",
    '"',
    "<script>",
)
# Every code point, lone surrogates and controls included.
ALL_CHARS = st.characters(exclude_categories=())
RTL = st.text(st.characters(min_codepoint=0x0590, max_codepoint=0x06FF), max_size=30)
EMOJI = st.text(st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF), max_size=10)
CONTROL = st.text(
    st.one_of(st.characters(max_codepoint=0x1F), st.characters(min_codepoint=0x7F, max_codepoint=0x9F)),
    max_size=10,
)


@st.composite
def huge(draw: st.DrawFn) -> str:
    """About 100 KB: a short piece of text repeated."""
    piece = draw(st.one_of(st.sampled_from(COLLECTOR), st.text(ALL_CHARS, min_size=1, max_size=20)))
    return (piece or "x") * (100_000 // max(1, len(piece)) + 1)


@st.composite
def mixed(draw: st.DrawFn) -> str:
    """Collector phrases interleaved with awkward pieces."""
    parts = draw(
        st.lists(
            st.one_of(
                st.sampled_from(COLLECTOR),
                st.sampled_from(AWKWARD),
                RTL,
                EMOJI,
                CONTROL,
                st.text(ALL_CHARS, max_size=20),
            ),
            max_size=6,
        )
    )
    return draw(st.sampled_from(("", " ", "\n"))).join(parts)


anything = st.one_of(
    st.sampled_from(AWKWARD),
    st.text(ALL_CHARS, max_size=200),
    mixed(),
    huge(),
)
# Mostly things a collector would say, sometimes anything: long calls that reach offers and deals.
utterance = st.one_of(st.sampled_from(COLLECTOR), st.sampled_from(COLLECTOR), st.sampled_from(COLLECTOR), anything)
