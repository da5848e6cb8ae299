"""The explore report as plain text for a terminal (80 columns)."""

from __future__ import annotations

from ..engine.stages import edges
from ..vocabulary import Outcome, Stage
from .report import ExploreReport

OUTCOME_SHORT = {
    Outcome.AGREEMENT: "agree",
    Outcome.NO_AGREEMENT: "no-agr",
    Outcome.HUNG_UP: "hung-up",
    Outcome.ESCALATED: "escal",
    Outcome.WRONG_PARTY: "wrong-p",
}


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:.0f}%" if d else "-"


def render_report(report: ExploreReport, *, transcript: bool = True, coverage: bool = True) -> str:
    s = report.scenario
    t = report.timing
    out = [
        f"Explored {s.id} ({s.title}) with persona {report.persona.id}",
        f"{report.calls} calls ({len(report.strategies)} strategies × {report.runs}, seeds {report.seed}–"
        f"{report.seed + report.runs - 1}) in {t.total:.2f} s: {report.calls_per_second:,.0f} calls/s "
        f"after {t.setup:.2f} s setting up",
        f"  CPU time: playing {t.engine:.2f} s ({1000 * t.engine / max(report.calls, 1):.1f} ms a call), scoring "
        f"{t.scoring:.2f} s ({1000 * t.scoring / max(report.calls, 1):.1f} ms a call), coverage {t.coverage:.2f} s"
        f"{f'; {t.jobs} processes' if t.jobs > 1 else ''}",
        "",
        f"{'STRATEGY':<13}{'PASS':>5}  {'MIN':>4} {'MED':>4} {'MAX':>4}  "
        + " ".join(f"{OUTCOME_SHORT[o]:>7}" for o in Outcome),
    ]
    for r in report.strategies:
        d = r.to_dict()
        g = d["grade"]
        mix = " ".join(f"{_pct(r.outcomes.get(o.value, 0), r.calls):>7}" for o in Outcome)
        out.append(
            f"{r.spec.name:<13}{_pct(r.passes, r.calls):>5}  {g['min']:>4.0f} {g['median']:>4.0f} "
            f"{g['max']:>4.0f}  {mix}"
        )
    best = report.best()
    if best is not None and best.best is not None:
        b = best.best
        out += [
            "",
            f"Best call: {best.spec.name}, seed {b.seed}: grade {b.grade:g} "
            f"({'passed' if b.passed else 'failed'}), {b.outcome.replace('_', ' ')}",
        ]
        if transcript:
            for line in b.transcript():
                who = "Collector" if line["speaker"] == "collector" else "Debtor   "
                out.append(f"  {who}: {line['text']}")
    if coverage:
        out += ["", *render_coverage(report)]
    out.append("")
    if report.warnings:
        out.append(f"Warnings ({len(report.warnings)}):")
        out += [f"  warning: {w}" for w in report.warnings]
    else:
        out.append("No warnings: at least one strategy passes, no careless one does, and all content was reached.")
    return "\n".join(out)


def render_coverage(report: ExploreReport) -> list[str]:
    cov = report.coverage
    reach = report.reach
    calls = cov.calls
    out = [f"Coverage over {calls} calls"]
    out.append("  stages:      " + ", ".join(f"{st.value} {cov.stages.get(st.value, 0)}" for st in Stage))
    out.append("  transitions:")
    for src, dest, trigger in edges():
        n = cov.transitions.get((src.value, dest.value, trigger), 0)
        out.append(f"    {src.value:>20} → {dest.value:<20} {trigger:<18} {n:>6}")
    # a third party's call never puts the debtor on the line: list only the lines that can be said
    keys = sorted(
        {
            (v.id.speaker, v.id.key)
            for v in cov.catalog.variants()
            if not reach.third_party or v.id.speaker == "third_party"
        }
    )
    out.append("  lines (hits per variant):")
    for who, key in keys:
        variants = cov.catalog.by_key[(who, key)]
        label = f"{'third party: ' if who == 'third_party' else ''}{key}"
        used_here = (key in reach.line_keys) if who == "debtor" else reach.third_party
        counts = []
        for mood in dict.fromkeys(v.id.mood for v in variants):
            hits = " ".join(str(cov.lines.get(v.id, 0)) for v in variants if v.id.mood == mood)
            counts.append(f"{mood}: {hits}" if mood else hits)
        note = "" if used_here else "  (not used in this scenario)"
        out.append(f"    {label:<30} {' | '.join(counts)}{note}")
    if cov.unmatched:
        out.append(
            "  lines said that match no variant: "
            + ", ".join(f"{k} ×{n}" for (_, k), n in sorted(cov.unmatched.items()))
        )
    reveals = [r.id for r in report.persona.reveals]
    if reveals and not reach.third_party:
        out.append("  reveals:     " + ", ".join(f"{r} {cov.reveals.get(r, 0)}" for r in reveals))
    if cov.flags:
        out.append("  flags:       " + ", ".join(f"{f} {n}" for f, n in sorted(cov.flags.items())))
    if cov.offers:
        out.append(
            "  offers:      "
            + ", ".join(f"{f} {n}" for f, n in sorted(cov.offers.items()))
            + "; agreements "
            + ", ".join(f"by {f} {n}" for f, n in sorted(cov.agreements.items()))
            + "; good faith "
            + ", ".join(f"{f} {n}" for f, n in sorted(cov.good_faith.items()))
        )
    if reach.not_applicable:
        out.append("  not used in this scenario:")
        by_reason: dict[str, list[str]] = {}
        for what, why in sorted(reach.not_applicable.items()):
            by_reason.setdefault(why, []).append(what)
        for why, items in by_reason.items():
            shown = ", ".join(items) if len(items) <= 6 else f"{', '.join(items[:5])} and {len(items) - 5} more"
            out.append(f"    {shown}: {why}")
    return out
