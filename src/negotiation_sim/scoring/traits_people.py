"""The people traits of CCA 12.1: the other side's needs, both sides under pressure, the client's needs."""

from __future__ import annotations

from .criteria import collecting, crit
from .facts import CallFacts
from .groups import EASING, HOSTILE, PRESSURE
from .measures import best_within_authority, deal, goodwill, stress_managed
from .scorecard import Criterion

RESPONSES = frozenset(
    {
        "acknowledge",
        "ask_proof",
        "ask_reason",
        "consider",
        "offer_validation",
        "ask_attorney_details",
        "ask_comments",
    }
)
STOP_RESPONSES = frozenset({"acknowledge", "offer_validation", "ask_attorney_details"})


# --- understands the other side's needs ----------------------------------------------------
def other_side(f: CallFacts) -> list[Criterion]:
    out: list[Criterion] = []
    if collecting(f):
        asked = f.first_counted("ask_reason")
        proposal = f.first("offer", "accept")
        out.append(
            crit(
                "asked_reason",
                "Asked why the payment was missed",
                1.0 if asked else 0.0,
                2,
                "asked an open question about the reason" if asked else "never asked the reason",
                [f.cite(asked, "asks the reason", "raised")]
                if asked
                else [f.cite(proposal, "terms proposed without knowing the reason", "lowered")]
                if proposal
                else [],
            )
        )
        told = f.sharing_moments()
        ack = f.first_counted_after(told[0]["i"], "acknowledge") if told else None
        if not told:
            out.append(
                crit(
                    "acknowledged",
                    "Acknowledged what the debtor said",
                    None,
                    2,
                    "the debtor told you nothing",
                )
            )
        else:
            out.append(
                crit(
                    "acknowledged",
                    "Acknowledged what the debtor said",
                    1.0 if ack else 0.0,
                    2,
                    "acknowledged what the debtor told you" if ack else "never acknowledged what the debtor told you",
                    [f.cite_event(told[0], "the debtor explained"), f.cite(ack, "acknowledges", "raised")]
                    if ack
                    else [f.cite_event(told[0], "the debtor explained; no acknowledgement followed", "lowered")],
                )
            )
    else:
        stop = f.stop
        after = f.lines_after_turn(stop.turn) if stop is not None and stop.i > 0 else []
        if stop is not None and stop.i > 0 and after:
            hit = next((ln for ln in after if ln.has(*STOP_RESPONSES)), None)
            out.append(
                crit(
                    "acknowledged",
                    "Acknowledged the debtor's request",
                    1.0 if hit else 0.0,
                    2,
                    "acknowledged the request" if hit else "did not acknowledge the request",
                    [f.cite(hit or after[0], "response to the request", "raised" if hit else "lowered")],
                )
            )
        else:
            out.append(crit("acknowledged", "Acknowledged the debtor", None, 2, "nothing to acknowledge"))
    answered, ev = 0, []
    moments = 0
    stop = f.stop
    for reveal in f.reveals:
        nxt = f.next_line(reveal["i"])
        if nxt is None or (stop is not None and reveal["turn"] >= stop.turn):
            continue  # nothing to answer, or the call had to stop: ending it is the right answer
        moments += 1
        ok = nxt.counts(*RESPONSES)
        answered += ok
        ev.append(
            f.cite(
                nxt,
                f'answer to what the debtor revealed: "{reveal["text"][:60]}"',
                "raised" if ok else "lowered",
            )
        )
    out.append(
        crit(
            "responded_to_reveals",
            "Followed up what the debtor revealed",
            answered / moments if moments else None,
            1,
            f"followed up {answered} of {moments} things the debtor revealed"
            if moments
            else "the debtor revealed nothing",
            ev,
        )
    )
    return out


# --- knows both sides are under pressure ----------------------------------------------------
def mutual_pressure(f: CallFacts) -> list[Criterion]:
    out: list[Criterion] = []
    hostile = f.lines_with(*HOSTILE)
    if f.lines:
        out.append(
            crit(
                "no_hostility",
                "No threats or abuse",
                0.0 if hostile else 1.0,
                2,
                f"{len(hostile)} hostile line(s)" if hostile else "no threats or abuse",
                [
                    f.cite(ln, "hostile: " + ", ".join([m for m in ln.moves if m in HOSTILE]), "lowered")
                    for ln in hostile
                ],
            )
        )
    m = stress_managed(f)
    out.append(crit("stress_managed", "Kept the debtor away from breaking point", m.value, 2, m.note, m.evidence))
    moments = f.tense_replies
    eased, ev = 0, []
    counted = 0
    for reply in moments:
        nxt = f.next_line(reply["i"])
        if nxt is None:
            continue
        counted += 1
        ok = not nxt.move_set.isdisjoint(EASING) or nxt.move_set.isdisjoint(PRESSURE)  # eased, or no pressure
        eased += ok
        if not ok:
            ev.append(f.cite(nxt, f"more pressure while the debtor was {reply['mood']}", "lowered"))
    out.append(
        crit(
            "eased_tension",
            "Eased off when the debtor was tense or upset",
            eased / counted if counted else None,
            1,
            f"eased off {eased} of {counted} times the debtor was tense or upset"
            if counted
            else "the debtor never got tense",
            ev,
        )
    )
    return out


# --- the client's needs are met too ---------------------------------------------------------
def client_needs(f: CallFacts) -> list[Criterion]:
    d = deal(f)
    if d is not None:
        c1 = crit("deal_keepable", "A deal the debtor can really keep", d.likelihood, 2, d.note, d.evidence)
    elif f.procedural:
        c1 = crit("deal_keepable", "A deal the debtor can really keep", None, 2, "no deal was due on this call")
    elif best_within_authority(f) <= 0:
        c1 = crit(
            "deal_keepable",
            "A deal the debtor can really keep",
            None,
            2,
            "no deal within your authority fits what the debtor can really pay",
        )
    else:
        ev = [f.cite_event(f.closed, "the call ended without a deal", "lowered")] if f.closed else []
        c1 = crit(
            "deal_keepable",
            "A deal the debtor can really keep",
            0.0,
            2,
            "no agreement: the debtor leaves with the problem unsolved",
            ev,
        )
    g = goodwill(f)
    c2 = crit("relationship_kept", "The relationship is kept for the future", g.value, 2, g.note, g.evidence)
    return [c1, c2]
