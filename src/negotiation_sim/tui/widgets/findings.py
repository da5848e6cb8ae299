"""The scorecard as a list of findings, each pointing at its evidence in the transcript.

Built from `Scorecard.to_dict()` (schema_version 1): traits with bars, compliance findings,
the tips checklist, the outcome's parts and the "try next time" suggestions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from textual.content import Content
from textual.widgets.option_list import Option

from ..format import bar, shorten

TIP_MARK = {
    "pass": ("✔", "$text-success"),
    "miss": ("✘", "$text-error"),
    "not_applicable": ("–", "$text-muted"),
}
SEVERITY_STYLE = {"critical": "bold $text-error", "major": "$text-warning", "minor": "$text-muted"}


@dataclass
class Finding:
    """One row of the findings list: what it says, what it explains, and which events back it."""

    id: str
    prompt: Content
    detail: Content
    events: list[int] = field(default_factory=list)


def _evidence_ids(items: Iterable[dict[str, Any]]) -> list[int]:
    return [int(e["i"]) for e in items if isinstance(e, dict) and e.get("i") is not None]


def _evidence_text(items: Iterable[dict[str, Any]]) -> list[Content]:
    lines: list[Content] = []
    for e in items:
        mark = {"raised": ("+", "$text-success"), "lowered": ("−", "$text-error")}.get(
            e.get("effect", ""), ("·", "$text-muted")
        )
        who = {"collector": "you", "debtor": "debtor", "third_party": "other", "call": "call"}.get(
            e.get("who", ""), e.get("who", "")
        )
        quote = f" “{shorten(e['quote'], 90)}”" if e.get("quote") else ""
        lines.append(
            Content.assemble(
                mark,
                f" turn {e.get('turn', '?')} {who}:",
                (quote, "italic"),
                (f" — {e.get('note', '')}" if e.get("note") else "", "$text-muted"),
            )
        )
    return lines


def heading(text: str) -> Option:
    return Option(Content.styled(f"── {text} ──", "bold $accent"), disabled=True)


def trait_rows(card: dict[str, Any], width: int = 8) -> list[Finding]:
    rows: list[Finding] = []
    for t in card.get("traits", []):
        score = t.get("score")
        value = "n/a" if score is None else f"{score:>3}"
        level = score or 0
        style = "$success" if level >= 70 else "$warning" if level >= 40 else "$error"
        prompt = Content.assemble((bar(level, width), style), f" {value} ", t["title"])
        details: list[Content] = [Content.styled(t["title"], "bold")]
        evidence: list[dict[str, Any]] = []
        for c in t.get("criteria", []):
            v = c.get("value")
            shown = "n/a" if v is None else f"{round(float(v) * 100):>3}%"
            details.append(
                Content.assemble(f"  {shown} ", (c["label"], "bold"), (f" — {c.get('note', '')}", "$text-muted"))
            )
            evidence += c.get("evidence", [])
        details += _evidence_text(evidence)
        rows.append(Finding(f"trait:{t['trait']}", prompt, Content("\n").join(details), _evidence_ids(evidence)))
    return rows


def compliance_rows(card: dict[str, Any]) -> list[Finding]:
    rows: list[Finding] = []
    for n, f in enumerate(card.get("compliance", [])):
        sev = f.get("severity", "minor")
        prompt = Content.assemble(
            ("✘ ", SEVERITY_STYLE.get(sev, "")),
            (sev.upper(), SEVERITY_STYLE.get(sev, "")),
            f" {f['title']}",
            (f"  turn {f.get('turn', '?')}", "$text-muted"),
        )
        detail = Content("\n").join(
            [
                Content.assemble((f["title"], "bold"), (f"  ({f.get('regulation', '')})", "$text-muted")),
                Content(f.get("detail", "")),
                *_evidence_text(f.get("evidence", [])),
            ]
        )
        rows.append(
            Finding(
                f"compliance:{n}:{f['rule']}",
                prompt,
                detail,
                [int(f["i"]), *_evidence_ids(f.get("evidence", []))],
            )
        )
    if not rows:
        rows.append(
            Finding(
                "compliance:none",
                Content.styled("✔ no compliance findings", "$text-success"),
                Content("No compliance rule was broken on this call."),
            )
        )
    return rows


def tip_rows(card: dict[str, Any]) -> list[Finding]:
    rows: list[Finding] = []
    for t in card.get("tips", []):
        mark, style = TIP_MARK.get(t.get("status", ""), ("?", ""))
        number = f"{t['number']:>2}" if t.get("number") is not None else " ·"
        prompt = Content.assemble((f"{mark} ", style), (f"{number} ", "$text-muted"), t["title"])
        status = {"pass": "done", "miss": "missed", "not_applicable": "did not apply"}.get(t.get("status", ""), "")
        detail = Content("\n").join(
            [
                Content.assemble((t["title"], "bold"), (f"  — {status}", style)),
                Content(t.get("reason", "")),
                *_evidence_text(t.get("evidence", [])),
            ]
        )
        ids = _evidence_ids(t.get("evidence", []))
        if t.get("at") is not None:
            ids.insert(0, int(t["at"]))
        rows.append(Finding(f"tip:{t['id']}", prompt, detail, ids))
    return rows


def outcome_rows(card: dict[str, Any]) -> list[Finding]:
    outcome = card.get("outcome") or {}
    rows: list[Finding] = []
    fixed = {"kind", "procedures", "call_outcome", "score", "summary", "parts"}
    facts = [
        Content.assemble((f"  {k.replace('_', ' ')}: ", "$text-muted"), _fact(v))
        for k, v in outcome.items()
        if k not in fixed and v not in (None, [], {})
    ]
    rows.append(
        Finding(
            "outcome:summary",
            Content.assemble(
                ("Outcome ", "bold"),
                f"{outcome.get('score', '—')}",
                ("  " + shorten(outcome.get("summary", ""), 60), "$text-muted"),
            ),
            Content("\n").join([Content.styled(outcome.get("summary", ""), "bold"), *facts]),
        )
    )
    for p in outcome.get("parts", []):
        v = p.get("value")
        shown = "n/a" if v is None else f"{round(float(v) * 100):>3}%"
        rows.append(
            Finding(
                f"outcome:{p['id']}",
                Content.assemble(f"  {shown} ", p["label"]),
                Content("\n").join(
                    [
                        Content.styled(p["label"], "bold"),
                        Content(p.get("note", "")),
                        *_evidence_text(p.get("evidence", [])),
                    ]
                ),
                _evidence_ids(p.get("evidence", [])),
            )
        )
    return rows


def _fact(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in value.items() if v is not None)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def suggestion_rows(card: dict[str, Any]) -> list[Finding]:
    rows: list[Finding] = []
    for n, s in enumerate(card.get("suggestions", []), 1):
        detail = [Content.styled(s["text"], "bold"), Content(s.get("why", ""))]
        if s.get("quote"):
            detail.append(
                Content.assemble(("At turn ", "$text-muted"), str(s.get("turn")), ": ", (f"“{s['quote']}”", "italic"))
            )
        rows.append(
            Finding(
                f"suggestion:{n}",
                Content.assemble((f"{n}. ", "bold $accent"), s["text"]),
                Content("\n").join(detail),
                [int(s["i"])] if s.get("i") is not None else [],
            )
        )
    return rows


def findings_options(card: dict[str, Any]) -> tuple[list[Option], dict[str, Finding]]:
    """The findings list's options (with section headings) and each finding by option id."""
    sections = [
        ("Try next time", suggestion_rows(card)),
        ("Compliance", compliance_rows(card)),
        ("Traits", trait_rows(card)),
        ("Tips", tip_rows(card)),
        ("Outcome", outcome_rows(card)),
    ]
    options: list[Option] = []
    by_id: dict[str, Finding] = {}
    for title, rows in sections:
        if not rows:
            continue
        options.append(heading(title))
        for row in rows:
            options.append(Option(row.prompt, id=row.id))
            by_id[row.id] = row
    return options, by_id
