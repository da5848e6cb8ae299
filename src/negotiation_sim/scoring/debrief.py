"""The plain-text debrief: the grade, then what to learn from it, every point tied to a moment of the call.

Plain ASCII-friendly text that fits 80 columns and reads well with a screen reader: words
(PASS, MISS, n/a) rather than colours or symbols carry the meaning.
"""

from __future__ import annotations

import textwrap

from .scorecard import Criterion, Evidence, Part, Scorecard, TipCheck
from .words import money

WIDTH = 78
BAR = 10


def _wrap(text: str, indent: str, first: str | None = None) -> list[str]:
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=first if first is not None else indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def _at(e: Evidence) -> str:
    return f"turn {e.turn}, #{e.i}"


def _bar(score: int) -> str:
    filled = max(0, min(BAR, (score + 5) // 10))
    return "[" + "#" * filled + "." * (BAR - filled) + "]"


def _mark(value: float | None) -> str:
    if value is None:
        return " "
    return "+" if value >= 0.75 else "~" if value >= 0.4 else "-"


def _criterion(c: Criterion) -> list[str]:
    if c.value is None:
        return []
    shown = next((e for e in c.evidence if e.effect == "lowered"), None) if c.value < 0.75 else None
    shown = shown or (c.evidence[0] if c.evidence else None)
    where = f" ({_at(shown)})" if shown else ""
    return _wrap(f"{c.label}: {c.note}{where}", "        ", f"    {_mark(c.value)} {round(c.value * 100):>3}% ")


def _part(p: Part) -> list[str]:
    if p.value is None:
        return _wrap(f"{p.label}: {p.note}", "           ", "      n/a  ")
    return _wrap(f"{p.label}: {p.note}", "           ", f"    {_mark(p.value)} {round(p.value * 100):>3}% ")


def _tip(t: TipCheck) -> list[str]:
    status = {"pass": "PASS", "miss": "MISS", "not_applicable": "n/a "}[t.status]
    number = f"{t.number:>2}" if t.number else " h"
    where = f" (#{t.at})" if t.at is not None and t.status != "not_applicable" else ""
    return _wrap(f"{t.title} - {t.reason}{where}", "              ", f"  {status} {number}  ")


def render_debrief(card: Scorecard) -> str:
    out: list[str] = []
    verdict = "PASSED" if card.passed else "NOT PASSED"
    out.append(f"DEBRIEF - {card.scenario_title}")
    out.append(f"scenario {card.scenario}, persona {card.persona}, seed {card.seed}")
    out.append("")
    out.append(f"GRADE {card.overall}/100 - {verdict} (pass mark {card.rubric['pass_mark']})")
    weights = card.rubric["weights"]
    shown = [f"{k} {'n/a' if v is None else v} x {weights[k]:g}" for k, v in card.parts.items()]
    out.extend(_wrap(" | ".join(shown), "  ", "  "))
    if card.capped:
        out.extend(_wrap(card.capped, "  ", "  "))

    o = card.outcome
    out += [
        "",
        "OUTCOME" + (" (judged on handling, not money)" if o.kind == "procedural" else "") + f": {o.score}/100",
    ]
    out.extend(_wrap(o.summary, "  ", "  "))
    gf = o.facts.get("good_faith") or {}
    extras = []
    if o.kind == "collection" or o.facts.get("terms"):
        agreed = gf.get("agreed") and gf.get("amount") is not None
        extras.append(
            "good-faith payment: "
            + (money(gf["amount"]) if agreed else "asked, declined" if gf.get("asked") else "not asked")
        )
        extras.append(f"written confirmation: {'yes' if o.facts.get('written_confirmation') else 'no'}")
        extras.append(f"follow-up: {'yes' if o.facts.get('follow_up') else 'no'}")
    goodwill = o.facts.get("goodwill")
    if goodwill:
        extras.append(
            f"goodwill: trust {goodwill['trust_start']} -> {goodwill['trust_end']}, "
            f"mood {goodwill['mood_start']} -> {goodwill['mood_end']}"
        )
    if extras:
        out.extend(_wrap("; ".join(extras) + ".", "  ", "  "))
    for p in o.parts:
        out.extend(_part(p))

    out += ["", "COMPLIANCE (modelled on FDCPA / Regulation F)"]
    if not card.compliance:
        out.append("  No findings.")
    for f in card.compliance:
        out.extend(_wrap(f"{f.title} [{f.rule}], {f.regulation}", "      ", f"  {f.severity.upper()}: "))
        out.extend(_wrap(f"turn {f.turn}, #{f.i}: {f.detail}", "      ", "      "))
        said = next((e for e in f.evidence if e.who == "collector"), None)
        if said is not None:
            out.extend(_wrap(f'you said: "{said.quote}"', "      ", "      "))

    out += ["", "TRAITS (CCA 12.1: characteristics of a good negotiator)"]
    for t in card.traits:
        if t.score is None:
            out.append(f"  {t.title:<38} n/a   (this call could not show it)")
            continue
        out.append(f"  {t.title:<38} {_bar(t.score)} {t.score:>3}")
        for c in t.criteria:
            out.extend(_criterion(c))

    judged = [tip for tip in card.tips if tip.status != "not_applicable"]
    passed = sum(1 for tip in judged if tip.status == "pass")
    out += ["", f"TIPS AND HINTS: {passed} of {len(judged)} applicable passed (h = hint)"]
    order = {"miss": 0, "pass": 1, "not_applicable": 2}
    for tip in sorted(card.tips, key=lambda x: (order[x.status], x.number or 99, x.id)):
        out.extend(_tip(tip))

    out += ["", "TRY NEXT TIME"]
    if not card.suggestions:
        out.append("  Nothing to fix in this call - try a harder scenario.")
    for n, s in enumerate(card.suggestions, 1):
        out.extend(_wrap(s.text, "     ", f"  {n}. "))
        if s.i is not None:
            out.extend(_wrap(f"at turn {s.turn}, #{s.i}: {s.quote}", "     ", "     "))
        out.extend(_wrap(f"why: {s.why}", "     ", "     "))
    return "\n".join(out)
