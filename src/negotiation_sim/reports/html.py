"""A call report as one standalone HTML page: inline CSS only, no scripts, fonts or network, prints well.

A Content-Security-Policy forbids every fetch, so the page behaves the same offline, in an LMS, or attached
to an e-mail. Results never rely on colour alone: each carries a word and a symbol.
"""

from __future__ import annotations

from html import escape
from typing import Any

from .. import __version__
from .data import CallReport, evidence_refs, grade_line, human_duration
from .markdown import WHO, _money

CSS = """
:root { --ink: #1b1b1b; --muted: #5a5a5a; --line: #d0d0d0; --pass: #0b6e4f; --miss: #a3390b;
        --note: #f4f4f4; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
       color: var(--ink); background: #fff; margin: 0 auto; max-width: 62rem; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .75rem; } h2 { font-size: 1.25rem; border-bottom: 2px solid var(--ink);
     padding-bottom: .2rem; margin-top: 2rem; } h3 { font-size: 1.05rem; margin-top: 1.4rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--note); } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.facts th { width: 12rem; }
.pass { color: var(--pass); font-weight: 600; } .miss, .critical { color: var(--miss); font-weight: 600; }
.na { color: var(--muted); } .major { font-weight: 600; }
ol.transcript { list-style: none; padding: 0; } ol.transcript li { padding: .25rem .5rem; margin: .15rem 0;
  border-left: 4px solid var(--line); } li.collector { border-left-color: #1f4e9c; }
li.debtor, li.third_party { border-left-color: #7a5c00; } li.note { color: var(--muted); font-style: italic;
  background: var(--note); } .who { font-weight: 600; } .heard { color: var(--muted); font-size: .9em; }
:target { outline: 3px solid #e0a800; background: #fff7d6; }
a { color: #1f4e9c; } .turn { color: var(--muted); font-size: .85em; margin-right: .4rem; }
footer { margin-top: 2rem; color: var(--muted); font-size: .85em; }
@page { margin: 1.5cm; }
@media print {
  body { font-size: 10pt; max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; } tr, li, .keep { break-inside: avoid; }
  th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  :target { outline: none; background: none; }
}
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'"  # nothing may be fetched: the page stands alone
MARK = {"pass": "✓ pass", "miss": "✗ miss", "not_applicable": "– n/a"}


def e(text: Any) -> str:
    return escape(str(text), quote=True)


def link(i: int, label: str) -> str:
    return f'<a href="#e{i}">{e(label)}</a>'


def links(*items: dict[str, Any]) -> str:
    return ", ".join(link(i, f"turn {turn}") for i, turn in evidence_refs(*items)) or "—"


def _table(header: list[str], rows: list[list[str]], cls: str = "") -> str:
    head = "".join(f'<th scope="col">{h}</th>' for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def render_html(report: CallReport) -> str:
    a = report.attempt
    student = report.student.display_name if report.student else a.student_id
    facts = [
        ("Student", f"{student} ({a.student_id})" if student != a.student_id else a.student_id),
        ("Attempt", f"{a.id} ({a.mode}, {a.status.replace('_', ' ')})"),
    ]
    if a.lesson_id:
        title = f"{report.lesson_title} ({a.lesson_id})" if report.lesson_title else a.lesson_id
        calls = f" of {report.run.calls}" if report.run else ""
        facts.append(("Lesson", f"{title}, call {a.call_index + 1}{calls}"))
    facts += [
        ("Scenario", f"{a.scenario_id} (persona {a.persona_id}, seed {a.seed})"),
        ("Started", a.started_at),
        ("Ended", a.ended_at or "—"),
        ("Time on the call", human_duration(a.active_seconds)),
        ("Turns", str(a.turns)),
        ("Outcome", (a.outcome or "—").replace("_", " ")),
        ("Grade", grade_line(report)),
        ("Integrity", "events match their hash" if report.intact else "; ".join(report.problems)),
    ]
    fact_rows = "".join(f'<tr><th scope="row">{e(k)}</th><td>{e(v)}</td></tr>' for k, v in facts)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Call report: {e(report.scenario_title)} — {e(a.student_id)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        f"<header><h1>Call report: {e(report.scenario_title)}</h1>",
        f'<table class="facts"><tbody>{fact_rows}</tbody></table></header>',
        "<main>",
    ]
    if report.score:
        parts.append(_scorecard(report.card))
    if report.hints:
        items = "".join(f"<li>Turn {h.turn}: {e(h.text)}</li>" for h in report.hints)
        parts.append(f'<section id="hints"><h2>Hints used</h2><ol>{items}</ol></section>')
    parts.append(_transcript(report))
    parts.append(_timeline(report))
    parts += [
        "</main>",
        f"<footer>negotiation-sim {e(__version__)} · attempt {a.id} · events hash "
        f"<code>{e(a.events_hash or 'not sealed')}</code></footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _scorecard(card: dict[str, Any]) -> str:
    passed = card.get("passed")
    verdict = '<span class="pass">✓ passed</span>' if passed else '<span class="miss">✗ not passed</span>'
    shares = ", ".join(f"{e(k)} {'—' if v is None else e(v)}" for k, v in (card.get("parts") or {}).items())
    out = [
        f'<section id="scorecard"><h2>Scorecard</h2><p class="keep">Overall <strong>{e(card.get("overall"))}'
        f"</strong> — {verdict}. {shares}</p>"
    ]
    if card.get("capped"):
        out.append(f'<p class="critical">Capped: {e(card["capped"])}</p>')
    out.append("<h3>Traits</h3>")
    out.append(
        _table(
            ["Trait", "Score", "What counted", "Evidence"],
            [
                [
                    e(t.get("title", t.get("trait"))),
                    "n/a" if t.get("score") is None else e(t["score"]),
                    "<br>".join(e(f"{c.get('label')}: {c.get('note')}") for c in t.get("criteria", [])),
                    links(*t.get("criteria", [])),
                ]
                for t in card.get("traits", [])
            ],
        )
    )
    out.append("<h3>Tips</h3>")
    rows = []
    for t in card.get("tips", []):
        status = str(t.get("status", ""))
        cls = {"pass": "pass", "miss": "miss"}.get(status, "na")
        ref = links(t)
        if ref == "—" and isinstance(t.get("at"), int):
            ref = link(t["at"], "here")
        rows.append(
            [
                e(t.get("number") or "—"),
                e(t.get("title", "")),
                f'<span class="{cls}">{e(MARK.get(status, status))}</span>',
                e(t.get("reason", "")),
                ref,
            ]
        )
    out.append(_table(["#", "Tip", "Result", "Why", "Evidence"], rows))
    out.append("<h3>Compliance findings</h3>")
    found = card.get("compliance") or []
    if found:
        out.append(
            _table(
                ["Severity", "Rule", "Regulation", "Where", "Detail"],
                [
                    [
                        f'<span class="{e(f.get("severity", ""))}">{e(f.get("severity", ""))}</span>',
                        e(f.get("title", f.get("rule", ""))),
                        e(f.get("regulation", "")),
                        link(int(f["i"]), f"turn {f.get('turn', '?')}") if isinstance(f.get("i"), int) else "—",
                        e(f.get("detail", "")),
                    ]
                    for f in found
                ],
            )
        )
    else:
        out.append("<p>None.</p>")
    outcome = card.get("outcome") or {}
    out.append(f"<h3>Outcome</h3><p>{e(outcome.get('summary', ''))} (score {e(outcome.get('score', '—'))})</p>")
    suggestions = card.get("suggestions") or []
    if suggestions:
        items = []
        for s in suggestions:
            turn = f"turn {s.get('turn')}"
            where = f" ({link(s['i'], turn)})" if isinstance(s.get("i"), int) else ""
            items.append(f"<li>{e(s.get('text', ''))}{where}</li>")
        out.append(f"<h3>Try next time</h3><ul>{''.join(items)}</ul>")
    out.append("</section>")
    return "\n".join(out)


def _transcript(report: CallReport) -> str:
    items = []
    for line in report.lines:
        turn = f'<span class="turn">turn {line.turn}</span>'
        if line.kind == "note":
            items.append(f'<li id="e{line.i}" class="note">{turn}{e(line.text)}</li>')
            continue
        heard = f' <span class="heard">({e(line.detail)})</span>' if line.kind == "collector" else ""
        items.append(
            f'<li id="e{line.i}" class="{line.kind}">{turn}<span class="who">{e(WHO[line.kind])}:</span> '
            f"{e(line.text)}{heard}</li>"
        )
    return f'<section id="transcript"><h2>Transcript</h2><ol class="transcript">{"".join(items)}</ol></section>'


def _timeline(report: CallReport) -> str:
    rows = []
    for r in report.timeline:
        h = r.hidden
        delta = ", ".join(f"{k} {v:+d}" for k, v in r.delta.items()) or "—"
        cells = [
            str(r.turn),
            str(r.trust),
            str(r.stress),
            str(r.patience),
            e(r.mood),
            e(delta),
            e(_money(h.get("willing_lump_sum"))),
            e(_money(h.get("willing_monthly"))),
            "yes" if h.get("claim_exposed") else "no",
            e(r.moves or "—"),
        ]
        rows.append(f'<tr id="e{r.i}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "".join(
        f'<th scope="col">{h}</th>'
        for h in (
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
        )
    )
    capacity = ""
    if report.timeline:
        h = report.timeline[-1].hidden
        capacity = (
            f"<p>Real capacity: {e(_money(h.get('real_lump_sum_capacity')))} at once, "
            f"{e(_money(h.get('real_monthly_capacity')))} a month. True reason: "
            f"{e(h.get('true_reason', '—'))}.</p>"
        )
    return (
        '<section id="timeline"><h2>Hidden-state timeline</h2><p>What the debtor felt and could really pay '
        "after each turn (the trainee saw none of this).</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{capacity}</section>"
    )
