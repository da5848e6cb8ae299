"""The hints of seed 004 that a call can show: listen, do your homework, validate claims,
start high, do not take anything personally. ('Understand your customer's perspective' is
scored by the trait 'knows both sides are under pressure'.)
"""

from __future__ import annotations

from .accuracy import file_facts
from .checks import TipSpec, Verdict, end_anchor, missed, not_applicable, passed, procedural_reason
from .facts import CallFacts
from .groups import HOSTILE, QUESTIONS, STEPS
from .measures import deal

LISTENING = ("acknowledge", "offer_validation", "ask_attorney_details")


def hint_listen(f: CallFacts) -> Verdict:
    talked = f.talked_over_lines
    if talked:
        first = talked[0]
        if first.monologue:
            steps = sum(1 for m in first.moves if m in STEPS)
            reason = (
                f"you read {steps} steps of the script in one breath; the debtor can take in one thing at "
                "a time, so none of them counts"
            )
        else:
            asked = ", ".join([m for m in first.moves if m in QUESTIONS])
            reason = (
                f"you asked several questions in one breath ({asked}); the debtor can answer one, so only "
                "the last one counts"
            )
        return missed(
            reason,
            first,
            [f.cite(ln, "not counted: " + ", ".join(sorted(ln.uncounted)), "lowered") for ln in talked],
        )
    moments = [m for m in f.sharing_moments() if f.said_after(m["i"])]
    if not moments:
        return not_applicable("the debtor never explained their situation")
    told = moments[0]
    heard = f.first_counted_after(told["i"], *LISTENING)
    if heard is not None:
        return passed(
            "you showed the debtor you heard them",
            heard,
            [f.cite_event(told, "the debtor explained"), f.cite(heard, "acknowledges", "raised")],
        )
    return missed(
        "the debtor explained their situation and you never acknowledged it",
        f.next_line(told["i"]),
        [f.cite_event(told, "what the debtor told you", "lowered")],
    )


def hint_homework(f: CallFacts) -> Verdict:
    if f.procedural:
        return not_applicable(procedural_reason(f))
    named = file_facts(f)
    if len(named) >= 2:
        return passed(
            "you used the account file: " + ", ".join([n.label for n in named]),
            named[0].line,
            [f.cite(n.line, f"names {n.label}", "raised") for n in named],
        )
    at = f.first("remind") or end_anchor(f)
    got = ", ".join([n.label for n in named]) if named else "nothing"
    return missed(
        f"you used little of the account file (named {got}); name the creditor, what was delivered and the due date",
        at,
        [f.cite(n.line, f"names {n.label}") for n in named],
    )


def hint_validate(f: CallFacts) -> Verdict:
    if f.procedural:
        return not_applicable(procedural_reason(f))
    claims = list(f.reasons_given)
    if f.persona.finances.claims_are_false:
        claims += f.debtor_offers()[:1]
    claims = sorted([c for c in claims if f.said_after(c["i"])], key=lambda c: c["i"])
    if not claims:
        return not_applicable("the debtor made no claim to check")
    first = claims[0]
    proof = f.first_counted_after(first["i"], "ask_proof")
    exposed = f.flag("claim_exposed")
    if proof is not None:
        ev = [f.cite_event(first, "the claim"), f.cite(proof, "asks for proof", "raised")]
        if exposed is not None:
            ev.append(f.cite_event(exposed, "the claim did not hold up", "raised"))
        return passed("you asked for proof of the debtor's claim", proof, ev)
    note = "the debtor's claim was never checked"
    if f.persona.finances.claims_are_false:
        note += " - and it was not true"
    return missed(note, f.next_line(first["i"]), [f.cite_event(first, "the claim you took on trust", "lowered")])


def hint_start_high(f: CallFacts) -> Verdict:
    offers = f.collector_offers()
    d = deal(f)
    if not offers and d is None:
        return not_applicable("no figures were discussed")
    if offers:
        first = offers[0]
        if float(first.get("ratio", 0.0)) >= 0.9999:
            return passed(
                "your first figure was the full balance",
                first["i"],
                [f.cite_event(first, "starts at the full balance", "raised")],
            )
        return missed(
            "your first figure was already below the full balance",
            first["i"],
            [f.cite_event(first, "started low", "lowered")],
        )
    assert d is not None
    return missed(
        "you took the debtor's figure without ever asking for the full balance",
        d.i,
        [f.cite_event(f.event(d.i), "agreed without starting high", "lowered")],
    )


def hint_not_personal(f: CallFacts) -> Verdict:
    upset = [r for r in f.tense_replies if r.get("mood") == "upset" and f.said_after(r["i"])]
    if not upset:
        return not_applicable("the debtor never got upset")
    hit = [ln for ln in f.lines_with(*HOSTILE) if ln.i > upset[0]["i"]]
    if hit:
        return missed(
            "you took the debtor's anger personally and hit back",
            hit[0],
            [
                f.cite_event(upset[0], "the debtor was upset"),
                *[f.cite(ln, "hit back", "lowered") for ln in hit],
            ],
        )
    return passed(
        "the debtor got upset and you stayed on the job",
        upset[0]["i"],
        [f.cite_event(upset[0], "the debtor was upset", "raised")],
    )


HINTS: tuple[TipSpec, ...] = (
    TipSpec("hint_listen", None, "Listen to what your customer has to say", hint_listen),
    TipSpec("hint_do_your_homework", None, "Do your homework", hint_homework),
    TipSpec("hint_validate_claims", None, "Validate information", hint_validate),
    TipSpec("hint_start_high", None, "Always start high", hint_start_high),
    TipSpec("hint_not_personal", None, "Do not take anything personally", hint_not_personal),
)
