"""The process traits of CCA 12.1: big picture and details, control of the playing field, discipline."""

from __future__ import annotations

from .accuracy import balance_lines, file_facts, misstatements
from .criteria import collecting, crit
from .facts import CallFacts
from .groups import PROCEDURE_TITLES, SUBSTANTIVE
from .measures import deal
from .scorecard import Criterion, Evidence
from .steps import off_topic_lines, order_pairs, stage_steps
from .stops import offending_lines
from .words import money

NEGOTIATION = frozenset(
    {"ask_reason", "state_expectation", "offer", "request_counter_offer", "ask_comments", "ask_good_faith"}
)


# --- big picture and details ---------------------------------------------------------------
def big_picture(f: CallFacts) -> list[Criterion]:
    stated = balance_lines(f)
    wrong = misstatements(f)
    statement = f.first("remind", "disclose_debt", "state_expectation")  # the first about the debt
    if stated:
        c1 = crit(
            "balance_stated",
            "Stated the balance",
            1.0,
            2,
            f"stated the balance of {money(f.balance)}",
            [f.cite(stated[0], f"states the balance ({money(f.balance)})", "raised")],
        )
    elif collecting(f):
        at = [statement] if statement else []
        c1 = crit(
            "balance_stated",
            "Stated the balance",
            0.0,
            2,
            f"never stated the balance of {money(f.balance)}",
            [f.cite(line, "talks about the debt without its amount", "lowered") for line in at],
        )
    else:
        c1 = crit("balance_stated", "Stated the balance", None, 2, "the call had to stop before the money talk")
    if wrong:
        c2 = crit(
            "facts_accurate",
            "No wrong figures",
            0.0,
            2,
            f"stated amounts the account does not show (balance {money(f.balance)})",
            [f.cite(line, "wrong amount: " + ", ".join([money(w) for w in ws]), "lowered") for line, ws in wrong],
        )
    elif stated or statement:
        c2 = crit("facts_accurate", "No wrong figures", 1.0, 2, "every amount stated matches the account")
    else:
        c2 = crit("facts_accurate", "No wrong figures", None, 2, "no statement about the debt was made")
    if collecting(f):
        named = file_facts(f)
        c3 = crit(
            "details_given",
            "Gave the details (creditor, due date, what was delivered)",
            min(1.0, len(named) / 2),
            1,
            ("named " + ", ".join([n.label for n in named])) if named else "named no detail from the account file",
            [f.cite(n.line, f"names {n.label}", "raised") for n in named],
        )
        expectation = f.first_counted("state_expectation")
        d = deal(f)
        low = [o for o in f.collector_offers() if float(o["offer"]["total"]) < f.floor - 0.01]
        ev: list[Evidence] = []
        value = 0.0
        if expectation is not None:
            value += 0.5
            ev.append(f.cite(expectation, "kept the priority: the full balance", "raised"))
        if d is not None and d.below_floor:
            ev.append(f.cite_event(f.event(d.i), f"agreed below the floor of {money(f.floor)}", "lowered"))
        elif low:
            ev.append(f.cite_event(low[0], f"offered below the floor of {money(f.floor)}", "lowered"))
        else:
            value += 0.5
        held = "never went below the floor" if value - (0.5 if expectation else 0.0) > 0 else "went below the floor"
        asked_full = "asked for the full balance" if expectation else "never asked for the full balance"
        c4 = crit(
            "priorities_kept",
            "Kept the priorities (full balance first, never below the floor)",
            value,
            1,
            f"{asked_full}; {held}",
            ev,
        )
    else:
        c3 = crit("details_given", "Gave the details", None, 1, "the call had to stop before the money talk")
        c4 = crit("priorities_kept", "Kept the priorities", None, 1, "the priority was the procedure, not money")
    return [c1, c2, c3, c4]


# --- controls the playing field ------------------------------------------------------------
def agenda_control(f: CallFacts) -> list[Criterion]:
    out: list[Criterion] = []
    if f.lines:
        me = f.first("identify_self")
        early = me is not None and me in f.lines[:2]
        value = 1.0 if early else 0.5 if me else 0.0
        out.append(
            crit(
                "identified_self",
                "Said who you are and who you call for, at the start",
                value,
                1,
                "identified yourself at the start"
                if early
                else "identified yourself late"
                if me
                else "never said who you are",
                [f.cite(me, "identifies self", "raised" if early else "lowered")]
                if me
                else [f.cite(f.lines[0], "opening line without your name and agency", "lowered")],
            )
        )
    if collecting(f):
        agenda = f.first_counted("state_agenda")
        first_neg = f.first(*NEGOTIATION)
        if agenda is not None and (first_neg is None or agenda.turn <= first_neg.turn):
            out.append(
                crit(
                    "agenda_stated",
                    "Set the agenda before negotiating",
                    1.0,
                    2,
                    "stated the purpose and plan",
                    [f.cite(agenda, "sets the agenda", "raised")],
                )
            )
        elif agenda is not None:
            out.append(
                crit(
                    "agenda_stated",
                    "Set the agenda before negotiating",
                    0.5,
                    2,
                    "stated the agenda late",
                    [f.cite(agenda, "agenda only after the negotiation started", "lowered")],
                )
            )
        else:
            at = [f.cite(first_neg, "negotiating without having set an agenda", "lowered")] if first_neg else []
            out.append(crit("agenda_stated", "Set the agenda before negotiating", 0.0, 2, "never set an agenda", at))
        steps = stage_steps(f)
        done = [(label, line) for label, line in steps if line is not None]
        missed_steps = [label for label, line in steps if line is None]
        out.append(
            crit(
                "stages_steered",
                "Steered the call through the stages",
                len(done) / len(steps),
                2,
                f"covered {len(done)} of {len(steps)} stages"
                + (f"; skipped {', '.join(missed_steps)}" if missed_steps else ""),
                [f.cite(line, f"stage: {label}", "raised") for label, line in done],
            )
        )
    if f.closed is not None:
        ended = f.collector_ended is not None or f.said("end_call") or f.outcome == "agreement"
        value = 0.0 if f.hung_up else 1.0 if ended else 0.5
        out.append(
            crit(
                "closed_the_call",
                "Closed the call yourself",
                value,
                1,
                "the debtor hung up" if f.hung_up else "you closed the call" if ended else "the call just ended",
                [f.cite_event(f.closed, "how the call ended", "lowered" if f.hung_up else "raised")],
            )
        )
    return out


# --- discipline ---------------------------------------------------------------------------
def discipline(f: CallFacts) -> list[Criterion]:
    out: list[Criterion] = []
    wander = off_topic_lines(f)
    if f.lines:
        out.append(
            crit(
                "on_topic",
                "Stayed on the core issues",
                1 - len(wander) / 3,
                2,
                f"{len(wander)} line(s) off the topic" if wander else "stayed on the account",
                [f.cite(ln, "off the core issue", "lowered") for ln in wander],
            )
        )
    if wander:
        last = wander[-1]
        back = f.first_after(last.i, "redirect", *SUBSTANTIVE)
        out.append(
            crit(
                "brought_back",
                "Brought the talk back to the account",
                1.0 if back else 0.0,
                1,
                "brought it back" if back else "never came back to the account",
                [f.cite(back, "back to the account", "raised")] if back else [],
            )
        )
    pairs = order_pairs(f)
    if pairs:
        kept = [p for p in pairs if p[2] is not None]
        ev = [f.cite(line, f"out of order: {what}", "lowered") for what, line, given in pairs if given is None]
        ev += [f.cite(given, f"in order: {what}", "raised") for what, _, given in kept if given is not None]
        out.append(
            crit(
                "sensible_order",
                "Took the steps in a sensible order",
                len(kept) / len(pairs),
                2,
                f"{len(kept)} of {len(pairs)} steps in order",
                ev,
            )
        )
    if f.stops:
        bad = sorted(
            {ln.i: (ln, s.kind) for s in f.stops for ln in offending_lines(f, s)}.values(),
            key=lambda x: x[0].i,
        )
        ev = [f.cite(ln, f"should have stopped ({PROCEDURE_TITLES[kind]})", "lowered") for ln, kind in bad]
        out.append(
            crit(
                "procedure_followed",
                "Stopped collecting when the rules said stop",
                0.0 if bad else 1.0,
                3,
                "kept collecting when it had to stop" if bad else "stopped collecting as required",
                ev,
            )
        )
    return out
