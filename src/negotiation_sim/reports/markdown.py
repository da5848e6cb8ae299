"""A call report as Markdown (GitHub-flavoured tables; `<a id>` anchors so evidence links jump to lines)."""

from __future__ import annotations

import re
from typing import Any

from .data import CallReport, evidence_refs, grade_line, human_duration

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")
WHO = {"collector": "You", "debtor": "Debtor", "third_party": "Someone else"}


def esc(text: Any) -> str:
    """Text that Markdown shows as typed, on one line (safe in a table cell)."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def link(i: int, label: str | None = None) -> str:
    return f"[{label or f'#{i}'}](#e{i})"


def links(*items: dict[str, Any]) -> str:
    return ", ".join(link(i, f"turn {turn}") for i, turn in evidence_refs(*items)) or "—"


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return [*out, ""]


def render_markdown(report: CallReport) -> str:
    a = report.attempt
    card = report.card
    lines = [f"# Call report: {esc(report.scenario_title)}", ""]
    student = report.student.display_name if report.student else a.student_id
    facts = [
        ["Student", esc(f"{student} ({a.student_id})" if student != a.student_id else a.student_id)],
        ["Attempt", f"{a.id} ({a.mode}, {a.status.replace('_', ' ')})"],
    ]
    if a.lesson_id:
        run = f", run {a.run_id}" if a.run_id is not None else ""
        calls = f" of {report.run.calls}" if report.run else ""
        title = f"{report.lesson_title} ({a.lesson_id})" if report.lesson_title else a.lesson_id
        facts.append(["Lesson", esc(f"{title}, call {a.call_index + 1}{calls}{run}")])
    facts += [
        ["Scenario", esc(f"{a.scenario_id} (persona {a.persona_id}, seed {a.seed})")],
        ["Started", esc(a.started_at)],
        ["Ended", esc(a.ended_at or "—")],
        ["Time on the call", esc(human_duration(a.active_seconds))],
        ["Turns", str(a.turns)],
        ["Outcome", esc((a.outcome or "—").replace("_", " "))],
        ["Grade", esc(grade_line(report))],
        ["Integrity", esc("events match their hash" if report.intact else "; ".join(report.problems))],
    ]
    lines += table(["", ""], facts)
    if report.score:
        lines += _scorecard(card)
    if report.hints:
        lines += ["## Hints used", ""]
        lines += [f"{h.n}. Turn {h.turn}: {esc(h.text)}" for h in report.hints] + [""]
    lines += ["## Transcript", ""]
    for line in report.lines:
        anchor = f'<a id="e{line.i}"></a>'
        if line.kind == "note":
            lines.append(f"{anchor}*{esc(line.text)}*  ")
        else:
            detail = f" *({esc(line.detail)})*" if line.kind == "collector" else ""
            lines.append(f"{anchor}**Turn {line.turn} — {WHO[line.kind]}:** {esc(line.text)}{detail}  ")
    lines += [
        "",
        "## Hidden-state timeline",
        "",
        "What the debtor felt and could really pay after each turn (the trainee saw none of this).",
        "",
    ]
    rows = []
    for r in report.timeline:
        h = r.hidden
        delta = ", ".join(f"{k} {v:+d}" for k, v in r.delta.items()) or "—"
        rows.append(
            [
                f'<a id="e{r.i}"></a>{r.turn}',
                str(r.trust),
                str(r.stress),
                str(r.patience),
                esc(r.mood),
                esc(delta),
                esc(_money(h.get("willing_lump_sum"))),
                esc(_money(h.get("willing_monthly"))),
                "yes" if h.get("claim_exposed") else "no",
                esc(r.moves or "—"),
            ]
        )
    lines += table(
        [
            "Turn",
            "Trust",
            "Stress",
            "Patience",
            "Mood",
            "Change",
            "Would pay now",
            "Would pay monthly",
            "Claim exposed",
            "Your moves",
        ],
        rows,
    )
    if report.timeline:
        h = report.timeline[-1].hidden
        lines += [
            f"Real capacity: {esc(_money(h.get('real_lump_sum_capacity')))} at once, "
            f"{esc(_money(h.get('real_monthly_capacity')))} a month. "
            f"True reason: {esc(h.get('true_reason', '—'))}.",
            "",
        ]
    return "\n".join(lines).rstrip() + "\n"


def _scorecard(card: dict[str, Any]) -> list[str]:
    parts = card.get("parts") or {}
    out = [
        "## Scorecard",
        "",
        f"Overall **{card.get('overall')}** — {'passed' if card.get('passed') else 'not passed'}. "
        + ", ".join(f"{k} {'—' if v is None else v}" for k, v in parts.items()),
        "",
    ]
    if card.get("capped"):
        out += [f"Capped: {esc(card['capped'])}", ""]
    out += ["### Traits", ""]
    out += table(
        ["Trait", "Score", "Evidence"],
        [
            [
                esc(t.get("title", t.get("trait"))),
                "n/a" if t.get("score") is None else str(t["score"]),
                links(*t.get("criteria", [])),
            ]
            for t in card.get("traits", [])
        ],
    )
    out += ["### Tips", ""]
    out += table(
        ["#", "Tip", "Result", "Why", "Evidence"],
        [
            [
                str(t.get("number") or "—"),
                esc(t.get("title", "")),
                esc(str(t.get("status", "")).replace("_", " ")),
                esc(t.get("reason", "")),
                _tip_links(t),
            ]
            for t in card.get("tips", [])
        ],
    )
    out += ["### Compliance findings", ""]
    found = card.get("compliance") or []
    if found:
        out += table(
            ["Severity", "Rule", "Regulation", "Turn", "Detail"],
            [
                [
                    esc(f.get("severity", "")),
                    esc(f.get("title", f.get("rule", ""))),
                    esc(f.get("regulation", "")),
                    link(int(f["i"]), f"turn {f.get('turn', '?')}") if isinstance(f.get("i"), int) else "—",
                    esc(f.get("detail", "")),
                ]
                for f in found
            ],
        )
    else:
        out += ["None.", ""]
    outcome = card.get("outcome") or {}
    out += ["### Outcome", "", f"{esc(outcome.get('summary', ''))} (score {outcome.get('score', '—')})", ""]
    suggestions = card.get("suggestions") or []
    if suggestions:
        out += ["### Try next time", ""]
        for s in suggestions:
            turn = f"turn {s.get('turn')}"
            where = f" ({link(s['i'], turn)})" if isinstance(s.get("i"), int) else ""
            out.append(f"- {esc(s.get('text', ''))}{where}")
        out.append("")
    return out


def _tip_links(tip: dict[str, Any]) -> str:
    text = links(tip)
    if text == "—" and isinstance(tip.get("at"), int):
        return link(tip["at"], "here")
    return text


def _money(value: Any) -> str:
    if isinstance(value, int | float):
        return f"${value:,.0f}" if float(value).is_integer() else f"${value:,.2f}"
    return "—" if value is None else str(value)
