"""Compliance findings, modelled on the FDCPA (15 U.S.C. 1692) and Regulation F (12 CFR 1006).

Each rule reads the events and returns findings with a severity, the section it models and
the event where it happened. Order matters, not keywords: the disclosure said after the debt
was named still leaves the finding; a threat said once is a critical finding, whatever else
was said in the call. Not legal advice: the simulator teaches the shape of the rules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .accuracy import misstatements, untruthful_consequences
from .facts import CallFacts
from .groups import COLLECTION, COLLECTION_AFTER_STOP, DEBT_TALK, PRESSING
from .lines import Line
from .scorecard import SEVERITIES, Evidence, Finding, Severity
from .stops import offending_lines, stop_of, validation_line
from .words import money


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    title: str
    regulation: str
    why: str


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule(
            "disclosure_missing",
            "Debt-collector disclosure (mini-Miranda) before collecting",
            "12 CFR 1006.18(e); 15 U.S.C. 1692e(11)",
            "Before talking about the debt, say that you are a debt collector attempting to collect a debt "
            "and that any information obtained will be used for that purpose.",
        ),
        Rule(
            "third_party_disclosure",
            "Debt disclosed to a third party",
            "12 CFR 1006.6(d); 15 U.S.C. 1692c(b)",
            "The debt may be discussed only with the consumer (or their attorney). To anyone else, ask "
            "for the person and leave a neutral message: no debt, no agency purpose.",
        ),
        Rule(
            "right_party_unverified",
            "Debt named before the right party was verified",
            "12 CFR 1006.6(d); 15 U.S.C. 1692c(b)",
            "Confirm you are speaking with the debtor (name and a second identifier) before naming the debt; "
            "that is how collectors keep the third-party rule.",
        ),
        Rule(
            "calling_hours",
            "Collecting outside calling hours",
            "12 CFR 1006.6(b)(1); 15 U.S.C. 1692c(a)(1)",
            "Outside 8 a.m.-9 p.m. at the debtor's location the time is presumed inconvenient: apologise, "
            "do not discuss the debt, and call back at a convenient time.",
        ),
        Rule(
            "attorney_represented",
            "Collecting from a debtor who has an attorney",
            "12 CFR 1006.6(b)(2); 15 U.S.C. 1692c(a)(2)",
            "Once the debtor says an attorney represents them on this debt, stop, ask for the attorney's "
            "name and contact details, and deal with the attorney.",
        ),
        Rule(
            "harassment_abuse",
            "Abusive or profane language",
            "12 CFR 1006.14; 15 U.S.C. 1692d",
            "No obscene, profane or abusive language, and no conduct meant to harass, oppress or abuse.",
        ),
        Rule(
            "false_threat",
            "Threat of an action that is not lawful or not intended",
            "12 CFR 1006.18(b)-(c); 15 U.S.C. 1692e(4),(5)",
            "Never say non-payment leads to arrest or jail, and never threaten seizure, garnishment, a "
            "lawsuit or credit reporting that is not lawful or not really intended.",
        ),
        Rule(
            "misstated_amount",
            "False statement of the amount owed",
            "12 CFR 1006.18(b)(2); 15 U.S.C. 1692e(2)(A)",
            "State the balance exactly as the account shows it; never inflate it.",
        ),
        Rule(
            "cease_ignored",
            "Collection continued after a request to stop",
            "12 CFR 1006.6(c); 15 U.S.C. 1692c(c)",
            "When the debtor asks you to stop contacting them, acknowledge it and end the collection talk.",
        ),
        Rule(
            "dispute_mishandled",
            "Dispute not handled",
            "12 CFR 1006.34, 1006.38; 15 U.S.C. 1692g(a)-(b)",
            "Acknowledge a dispute, offer the validation route (written validation of the debt), and do "
            "not press for payment on the disputed debt until it is verified.",
        ),
    )
}

# Disclosure given only after this many collection lines: "discussed at length" without it.
AT_LENGTH = 3
DEBT_OR_COLLECTION = COLLECTION | DEBT_TALK
# The moves the disclosure must come before: every one of those but confirming in writing.
NEEDS_DISCLOSURE = DEBT_OR_COLLECTION - {"confirm_in_writing"}


def finding(
    rule_id: str,
    severity: Severity,
    detail: str,
    line: Line,
    facts: CallFacts,
    evidence: list[Evidence] | None = None,
) -> Finding:
    rule = RULES[rule_id]
    cited = evidence or [facts.cite(line, detail, "lowered")]
    return Finding(rule.id, severity, rule.regulation, rule.title, detail, line.i, line.turn, tuple(cited))


# --- the rules --------------------------------------------------------------------------
def check_right_party(facts: CallFacts) -> list[Finding]:
    """Naming the debt before verifying who is on the line."""
    out: list[Finding] = []
    if facts.third_party:
        disclosures = [f for f in facts.flags if f["flag"] == "debt_disclosed_to_third_party"]
        if disclosures:
            said = [facts.line_of_turn(f["turn"]) for f in disclosures]
            lines = [line for line in said if line is not None]
            if lines:
                first = lines[0]
                relation = disclosures[0].get("detail") or "a third party"
                evidence = [
                    facts.cite(
                        line,
                        f"debt talk ({', '.join([m for m in line.moves if m in DEBT_TALK])}) to the {relation}",
                        "lowered",
                    )
                    for line in lines
                ]
                evidence.append(facts.cite_event(disclosures[0], "the engine flagged the disclosure"))
                out.append(
                    finding(
                        "third_party_disclosure",
                        "critical",
                        f"Talked about the debt with the debtor's {relation}, not the debtor.",
                        first,
                        facts,
                        evidence,
                    )
                )
        return out
    verified = facts.first("verify_identity")
    early = [line for line in facts.lines_with(*DEBT_TALK) if verified is None or line.turn <= verified.turn]
    if early:
        first = early[0]
        moves = ", ".join([m for m in first.moves if m in DEBT_TALK])
        detail = "Named the debt before confirming who was on the line" + (
            " (the verification came later)." if verified is not None else " (no verification at all)."
        )
        evidence = [
            facts.cite(
                line,
                f"debt talk before verification: {', '.join([m for m in line.moves if m in DEBT_TALK])}",
                "lowered",
            )
            for line in early
        ]
        if verified is not None:
            evidence.append(facts.cite(verified, "identity verified only here"))
        out.append(finding("right_party_unverified", "major", f"{detail} First: {moves}.", first, facts, evidence))
    return out


def check_disclosure(facts: CallFacts) -> list[Finding]:
    """The debt-collector disclosure must come before the debt is discussed (not to a third party)."""
    if facts.third_party:
        return []
    collecting = facts.lines_with(*NEEDS_DISCLOSURE)
    if not collecting:
        return []
    miranda = facts.first("mini_miranda")
    first = collecting[0]

    def disclosed_by(line: Line) -> bool:
        if miranda is None:
            return False
        if miranda.turn < line.turn:
            return True
        if miranda.turn == line.turn:
            return line.position("mini_miranda") < line.first_position(DEBT_OR_COLLECTION)
        return False

    if disclosed_by(first):
        return []
    before = [line for line in collecting if not disclosed_by(line)]
    severity: Severity = "critical" if len(before) >= AT_LENGTH else "major"
    when = "never given" if miranda is None else f"given only at turn {miranda.turn}"
    where = "without it" if miranda is None else "came before it"
    detail = (
        f"Talked about the debt without first saying you are a debt collector (disclosure {when}); "
        f"{len(before)} line(s) of debt talk {where}."
    )
    evidence = [facts.cite(line, "debt talk before the disclosure", "lowered") for line in before]
    if miranda is not None:
        evidence.append(facts.cite(miranda, "disclosure given here, after the debt talk"))
    return [finding("disclosure_missing", severity, detail, first, facts, evidence)]


def _moves(line: Line, group: frozenset[str]) -> str:
    return ", ".join([m for m in line.moves if m in group])


def check_calling_hours(facts: CallFacts) -> list[Finding]:
    stop = stop_of(facts, "calling_hours")
    collecting = offending_lines(facts, stop) if stop else []
    if not collecting:
        return []
    detail = (
        f"Kept collecting on an outbound call at {facts.local_time}, outside 8 a.m.-9 p.m. at the debtor's "
        f"location, instead of arranging a call back."
    )
    evidence = [facts.cite_event(facts.start, f"the call started at {facts.local_time} local time")]
    evidence += [
        facts.cite(line, "collection talk outside calling hours: " + _moves(line, COLLECTION), "lowered")
        for line in collecting
    ]
    return [finding("calling_hours", "critical", detail, collecting[0], facts, evidence)]


def _after_flag(facts: CallFacts, kind: str, rule_id: str, detail: str, note: str) -> list[Finding]:
    stop = stop_of(facts, kind)
    later = offending_lines(facts, stop) if stop else []
    if stop is None or not later:
        return []
    evidence = [facts.cite_event(facts.event(stop.i), note)]
    evidence += [
        facts.cite(line, "collection talk: " + _moves(line, COLLECTION_AFTER_STOP), "lowered") for line in later
    ]
    return [finding(rule_id, "critical", detail, later[0], facts, evidence)]


def check_attorney(facts: CallFacts) -> list[Finding]:
    return _after_flag(
        facts,
        "attorney",
        "attorney_represented",
        "Kept working the account after the debtor said an attorney represents them.",
        "the debtor named an attorney here",
    )


def check_cease(facts: CallFacts) -> list[Finding]:
    return _after_flag(
        facts,
        "cease",
        "cease_ignored",
        "Kept collecting after the debtor asked you to stop contacting them.",
        "the debtor asked you to stop here",
    )


def check_dispute(facts: CallFacts) -> list[Finding]:
    stop = stop_of(facts, "dispute")
    if stop is None:
        return []
    raised = facts.event(stop.i)
    out: list[Finding] = []
    pressed = offending_lines(facts, stop)
    if pressed:
        evidence = [facts.cite_event(raised, "the debtor disputed the debt here")]
        evidence += [
            facts.cite(line, "pressed for payment before offering validation: " + _moves(line, PRESSING), "lowered")
            for line in pressed
        ]
        out.append(
            finding(
                "dispute_mishandled",
                "major",
                "Pressed for payment on a disputed debt before offering validation.",
                pressed[0],
                facts,
                evidence,
            )
        )
    if validation_line(facts, stop) is None:
        anchor = facts.next_line(raised["i"])  # None: the call ended before the collector could answer
        if anchor is not None:
            evidence = [facts.cite_event(raised, "the debtor disputed the debt here", "lowered")]
            out.append(
                finding(
                    "dispute_mishandled",
                    "major",
                    "Never offered the validation route after the debtor disputed the debt.",
                    anchor,
                    facts,
                    evidence,
                )
            )
    return out


def check_hostility(facts: CallFacts) -> list[Finding]:
    out: list[Finding] = []
    for line in facts.lines_with("abusive", "threat"):
        if "abusive" in line.moves:
            out.append(finding("harassment_abuse", "critical", "Abusive language towards the debtor.", line, facts))
        if "threat" in line.moves:
            out.append(
                finding(
                    "false_threat",
                    "critical",
                    "Threatened an action that is unlawful or not intended (arrest, jail, seizure "
                    "or garnishment without a judgment).",
                    line,
                    facts,
                )
            )
    return out


def check_consequences(facts: CallFacts) -> list[Finding]:
    out: list[Finding] = []
    for line in facts.lines_with("explain_consequences"):
        if "threat" in line.moves:
            continue  # already a finding of its own
        problems = untruthful_consequences(facts, line)
        if problems:
            out.append(
                finding(
                    "false_threat",
                    "critical",
                    "Stated a consequence that is not intended: " + "; ".join(problems) + ".",
                    line,
                    facts,
                )
            )
    return out


def check_amounts(facts: CallFacts) -> list[Finding]:
    return [
        finding(
            "misstated_amount",
            "major",
            f"Stated {', '.join([money(w) for w in wrong])} as owed; the account shows a balance of "
            f"{money(facts.balance)}.",
            line,
            facts,
        )
        for line, wrong in misstatements(facts)
    ]


CHECKS: tuple[Callable[[CallFacts], list[Finding]], ...] = (
    check_right_party,
    check_disclosure,
    check_calling_hours,
    check_attorney,
    check_cease,
    check_dispute,
    check_hostility,
    check_consequences,
    check_amounts,
)


def compliance_findings(facts: CallFacts) -> list[Finding]:
    """Every finding, most severe first, then in call order."""
    found = [f for check in CHECKS for f in check(facts)]
    return sorted(found, key=lambda f: (SEVERITIES.index(f.severity), f.i, f.rule))


PENALTY: dict[Severity, int] = {"critical": 100, "major": 35, "minor": 10}


def compliance_score(findings: list[Finding]) -> int:
    return max(0, 100 - sum([PENALTY[f.severity] for f in findings]))
