"""One simulated call: trainee utterances in, events out.

Pure and deterministic: no I/O, no clock, no global random. The session owns one
`random.Random(seed)`; the same scenario, persona, seed and utterances give the same events.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Sequence
from typing import Any

from ..content.conditions import Condition
from ..content.persona import Effect, Persona
from ..content.scenario import Scenario
from ..vocabulary import Mood, Outcome, Stage
from . import events as ev
from .conditions import Situation, holds
from .debtor import PATIENCE_PER_TURN, Debtor
from .events import Event
from .figures import Figures
from .identity import Identity, identity_for
from .lines import fill, pick
from .moves import Recogniser, default_recogniser
from .offers import Offer, money, offer_from_figures
from .placeholders import placeholder_values
from .stages import StageTracker

ENGINE_VERSION = 1
MAX_UTTERANCE = 2000
MAX_TURNS = 80
_EXPOSED = Effect(trust=-5, stress=12)  # caught out: embarrassed, and less room to pretend

# The stage a move moves the call to, when the machine allows it from where the call is.
MOVE_TRIGGERS: dict[str, str] = {
    "remind": "remind",
    "state_expectation": "remind",
    "ask_reason": "find_reason",
    "ask_comments": "invite_comments",
    "request_counter_offer": "negotiate",
    "offer": "negotiate",
}
HOSTILE = ("threat", "abusive")
# When a line holds several moves, the debtor answers the weightiest one.
SIGNIFICANCE: tuple[str, ...] = (
    "threat",
    "abusive",
    "ask_attorney_details",
    "offer_validation",
    "state_expectation",
    "remind",
    "ask_proof",
    "ask_reason",
    "ask_comments",
    "explain_consequences",
    "confirm_in_writing",
    "schedule_follow_up",
    "acknowledge",
    "verify_identity",
    "consider",
    "state_agenda",
    "redirect",
    "mini_miranda",
    "identify_self",
    "off_topic",
    "small_talk",
    "greet",
    "disclose_debt",
)
SITUATION_OF_MOVE = {
    "threat": "threatened",
    "abusive": "abused",
    "verify_identity": "identity_confirmed",
    "offer_validation": "validation_offered",
    "ask_attorney_details": "attorney_details",
    "disclose_debt": "remind",
}
THIRD_PARTY_MOVES = {
    "verify_identity": "asked_for_debtor",
    "greet": "asked_for_debtor",
    "identify_self": "asked_for_debtor",
    "schedule_follow_up": "message",
}
DEBT_TALK = frozenset(
    {
        "remind",
        "disclose_debt",
        "state_expectation",
        "offer",
        "request_counter_offer",
        "ask_good_faith",
        "explain_consequences",
        "mini_miranda",
        "threat",
        "confirm_in_writing",
    }
)


_RESTATED = ("remind", "disclose_debt", "state_expectation")
_SIGNIFICANCE_RANK: dict[str, int] = {move: rank for rank, move in enumerate(SIGNIFICANCE)}
# Moves that can make `_bargain` do anything: without one of them it returns (None, None).
_BARGAIN_MOVES = frozenset({"offer", "state_expectation", "accept", "request_counter_offer", "ask_comments", "reject"})
_ALWAYS_APPLIED = frozenset({*HOSTILE, "acknowledge", "offer", "reject"})
_MOOD_VALUE: dict[Mood, str] = {mood: mood.value for mood in Mood}


def sanitise(text: str) -> str:
    """What the engine hears: printable text on one line, at most MAX_UTTERANCE characters."""
    text = text[: MAX_UTTERANCE * 4]
    if text.isprintable():
        return " ".join(text.split())[:MAX_UTTERANCE].rstrip(" ")  # a cut after a space must not leave one
    kept = [
        " " if ch in "\t\r\n\v\f" else ch for ch in text if ch in "\t\r\n\v\f" or unicodedata.category(ch)[0] != "C"
    ]
    return " ".join("".join(kept).split())[:MAX_UTTERANCE].rstrip(" ")


class CallSession:
    """A call between the trainee (the collector) and one debtor persona."""

    def __init__(
        self,
        scenario: Scenario,
        persona: Persona,
        *,
        seed: int | None = None,
        recogniser: Recogniser | None = None,
        identity: Identity | None = None,
    ) -> None:
        self.scenario = scenario
        self.persona = persona
        self.seed = scenario.seed if seed is None else seed
        self.rng = random.Random(self.seed)
        self.recogniser = recogniser or default_recogniser()
        self.identity = identity or identity_for(self.seed, persona.gender)
        self.debtor = Debtor(persona, scenario)
        self.stage_tracker = StageTracker()
        self.turn = 0
        self.moves_ever: set[str] = set()
        self.events: list[Event] = []
        self.third_party = scenario.context.answered_by == "third_party"
        self._values = placeholder_values(scenario, persona, self.identity)
        # per-call constants read on every turn
        self._balance = scenario.account.balance
        self._claims_false = persona.finances.claims_are_false
        self._has_flags = bool(persona.attorney or persona.dispute or persona.asks_to_stop)
        # each reveal with the moves one of which must be said this turn for it to fire (None: any turn)
        self._reveals = [(reveal, _moves_needed(reveal.when)) for reveal in persona.reveals]
        self._start()

    # --- public API -------------------------------------------------------------------
    @property
    def stage(self) -> Stage:
        return self.stage_tracker.stage

    @property
    def closed(self) -> bool:
        return self.stage_tracker.stage == Stage.CLOSED

    @property
    def outcome(self) -> Outcome | None:
        return self.stage_tracker.outcome

    def say(self, text: str) -> list[Event]:
        """The trainee says one line; returns the events it caused."""
        if self.stage_tracker.stage == Stage.CLOSED:
            return []
        start = len(self.events)
        self.turn += 1
        clean = sanitise(text)
        recognition = self.recogniser.recognise(clean)
        moves = list(recognition.moves)
        events = self.events
        events.append(
            {
                "i": len(events),
                "turn": self.turn,
                "type": ev.TRAINEE_SAID,
                "text": clean,
                "moves": moves,
                "figures": recognition.figures.to_dict(),
            }
        )
        if self.third_party:
            self._third_party_turn(moves)
        else:
            self._debtor_turn(moves, recognition.figures)
        return self.events[start:]

    def end(self, reason: str = "collector ended the call") -> list[Event]:
        """The trainee hangs up (a key in the TUI, end of input in plain mode)."""
        if self.closed:
            return []
        start = len(self.events)
        self._emit(ev.COLLECTOR_ENDED, reason=reason)
        self._close(self._outcome_on_end(), reason)
        return self.events[start:]

    @classmethod
    def replay(
        cls, scenario: Scenario, persona: Persona, events: Sequence[Event], *, recogniser: Recogniser | None = None
    ) -> CallSession:
        """Rebuild a call from its events by saying its lines again; raises if they differ."""
        if not events or events[0]["type"] != ev.CALL_STARTED:
            raise ReplayError("the events do not start with call_started")
        first = events[0]
        session = cls(
            scenario,
            persona,
            seed=int(first["seed"]),
            recogniser=recogniser,
            identity=Identity.from_dict(first["identity"]),
        )
        for event in events[1:]:
            if event["type"] == ev.TRAINEE_SAID:
                session.say(event["text"])
            elif event["type"] == ev.COLLECTOR_ENDED:
                session.end(event["reason"])
        produced = session.events[: len(events)]
        if produced != list(events):
            at = next((i for i, (a, b) in enumerate(zip(produced, events, strict=False)) if a != b), len(produced))
            raise ReplayError(f"replay differs from the stored events at event {at}")
        return session

    # --- the call ---------------------------------------------------------------------
    def _start(self) -> None:
        ctx = self.scenario.context
        self._emit(
            ev.CALL_STARTED,
            engine_version=ENGINE_VERSION,
            scenario=self.scenario.id,
            persona=self.persona.id,
            seed=self.seed,
            identity=self.identity.to_dict(),
            context={
                "direction": ctx.direction,
                "local_time": ctx.local_time,
                "weekday": ctx.weekday,
                "answered_by": ctx.answered_by,
                "within_calling_hours": ctx.within_calling_hours,
            },
            account={
                "balance": self.scenario.account.balance,
                "creditor": self.scenario.account.creditor,
                "floor": self.scenario.floor_amount,
                "max_plan_months": self.scenario.authority.max_plan_months,
                "min_good_faith": self.scenario.authority.min_good_faith,
            },
            stage=Stage.OPENING.value,
        )
        self._emit_state(None)
        if self.third_party:
            self._third_party_say("answer")
        elif ctx.direction == "inbound":
            self._say("calling_in")
        elif not ctx.within_calling_hours:
            self._say("late_call")
        else:
            self._say("answer")

    def _debtor_turn(self, moves: list[str], figures: Figures) -> None:
        d = self.debtor
        s = d.state
        before = (s.trust, s.stress, s.patience)
        moves_ever = self.moves_ever
        first_time = [m for m in moves if m not in moves_ever]
        moves_ever.update(moves)
        exposed_now = False
        for move in moves:
            if move == "ask_proof" and self._claims_false and not s.claim_exposed:
                s.claim_exposed = exposed_now = True
                self._emit(ev.FLAG, flag="claim_exposed", detail=self.persona.finances.true_reason)
                d.apply(self.persona.effects.get("proof_exposed") or _EXPOSED)
                continue
            if move in HOSTILE:
                s.hostile_moves += 1
            if move == "verify_identity":
                s.right_party_verified = True
            if move == "offer_validation" and s.disputed:
                s.validation_offered = True
            if move in first_time or move in _ALWAYS_APPLIED:
                d.apply(d.effect_of(move))
        s.patience = max(0, s.patience - PATIENCE_PER_TURN)

        for move in moves:
            trigger = MOVE_TRIGGERS.get(move)
            if trigger:
                self._fire(trigger)

        # a dispute, an attorney or a stop request takes the turn: the debtor bargains no further on it
        situation = self._flags(moves) if self._has_flags else None
        offer_words = None
        if situation is None:
            if not _BARGAIN_MOVES.isdisjoint(moves):
                situation, offer_words = self._bargain(moves, figures)
            if "ask_good_faith" in moves and not s.good_faith_asked:
                situation = situation or self._good_faith()
        if "confirm_in_writing" in moves and self.stage_tracker.terms_agreed:
            self._fire("confirm")
        if exposed_now and situation is None:
            situation = "proof_exposed"
        reveal_text = self._reveal(moves)

        hung_up = self._walks_away(moves)
        if hung_up:
            self._emit_state(before)
            self._say(hung_up, extra=reveal_text if hung_up == "hang_up" else None)
            self._close(Outcome.HUNG_UP, "the debtor hung up")
            return
        if "end_call" in moves:
            self._emit_state(before)
            self._say("goodbye")
            self._close(self._outcome_on_end(), "collector ended the call")
            return
        if situation is None:
            # the weightiest move (SIGNIFICANCE order); once terms are agreed, restating the balance
            # is part of the summary, not news to react to
            skip = _RESTATED if self.stage_tracker.terms_agreed else ()
            best = len(SIGNIFICANCE)
            for m in moves:
                rank = _SIGNIFICANCE_RANK.get(m)
                if rank is not None and rank < best and m not in skip:
                    best = rank
            if best < len(SIGNIFICANCE):
                weightiest = SIGNIFICANCE[best]
                situation = SITUATION_OF_MOVE.get(weightiest, weightiest)
                if weightiest in HOSTILE:
                    situation = "warned"  # tolerated this time: the threatened/abused lines walk out
        situation = situation or "unclear"
        self._emit_state(before)
        self._say(situation, extra=reveal_text, offer_words=offer_words)
        if self.turn >= MAX_TURNS:
            self._say("hang_up")
            self._close(Outcome.HUNG_UP, "the call ran too long")

    # --- bargaining -------------------------------------------------------------------
    def _bargain(self, moves: list[str], figures: Figures) -> tuple[str | None, str | None]:
        d = self.debtor
        s = d.state
        if s.agreement is not None or (s.disputed and not s.validation_offered and "offer" not in moves):
            return None, None
        balance = self.scenario.account.balance
        collector_offer: Offer | None = None
        if "offer" in moves:
            collector_offer = offer_from_figures(figures, balance, self.scenario.authority.max_plan_months)
        elif "state_expectation" in moves:
            collector_offer = Offer("full_balance", balance)

        if "accept" in moves and s.debtor_offer is not None and collector_offer is None:
            self._agree(s.debtor_offer, by="collector")
            return "agreement", s.debtor_offer.describe()
        if collector_offer is not None:
            s.collector_offer = collector_offer
            self._emit(
                ev.OFFER_MADE,
                by="collector",
                offer=collector_offer.to_dict(),
                ratio=round(collector_offer.total / balance, 4),
            )
            if d.accepts(collector_offer) or (
                collector_offer.kind == "full_balance"
                and d.ceiling_lump() >= balance - 0.01
                and s.rounds >= self.persona.negotiation.min_rounds
            ):
                self._agree(collector_offer, by="debtor")
                return "accept_offer", collector_offer.describe()
            if "offer" not in moves and s.rounds == 0 and "request_counter_offer" not in moves:
                return None, None  # a first statement of the full balance gets a reaction, not a counter
            counter = d.next_counter(collector_offer)
            self._emit_counter(counter)
            return "reject_offer", counter.describe()
        if "request_counter_offer" in moves or ("ask_comments" in moves and self.stage in (Stage.COUNTER_OFFER,)):
            counter = d.next_counter()
            self._emit_counter(counter)
            return "counter_offer", counter.describe()
        if "reject" in moves and s.debtor_offer is not None:
            counter = d.next_counter(s.debtor_offer)
            self._emit_counter(counter)
            return "debtor_offer_rejected", counter.describe()
        return None, None

    def _emit_counter(self, counter: Offer) -> None:
        self._emit(
            ev.OFFER_MADE,
            by="debtor",
            offer=counter.to_dict(),
            ratio=round(counter.total / self.scenario.account.balance, 4),
        )

    def _agree(self, terms: Offer, *, by: str) -> None:
        s = self.debtor.state
        s.agreement = terms
        self.stage_tracker.terms_agreed = True
        self._emit(
            ev.AGREEMENT,
            accepted_by=by,
            terms=terms.to_dict(),
            ratio=round(terms.total / self.scenario.account.balance, 4),
        )
        self._fire("negotiate")
        self._fire("agree")
        if s.good_faith_asked:
            self._fire("settle_good_faith")

    def _good_faith(self) -> str:
        s = self.debtor.state
        s.good_faith_asked = True
        amount = self.debtor.good_faith_amount()
        s.good_faith = amount
        self._emit(ev.GOOD_FAITH, amount=amount, agreed=amount is not None)
        if self.stage_tracker.terms_agreed:
            self._fire("settle_good_faith")
        return "good_faith_yes" if amount is not None else "good_faith_no"

    # --- what the debtor brings up ------------------------------------------------------
    def _situation(self, moves: list[str]) -> Situation:
        s = self.debtor.state
        ratio = s.collector_offer.total / self._balance if s.collector_offer else None
        return Situation(
            self.stage_tracker.stage,
            moves,
            self.moves_ever,
            s.trust,
            s.stress,
            s.patience,
            self.turn,
            ratio,
            s.claim_exposed,
        )

    def _flags(self, moves: list[str]) -> str | None:
        s = self.debtor.state
        p = self.persona
        if not (p.attorney or p.dispute or p.asks_to_stop):
            return None
        now = self._situation(moves)
        if p.attorney and not s.attorney_mentioned and holds(p.attorney.mention_when, now):
            s.attorney_mentioned = True
            self._emit(ev.FLAG, flag="attorney_mentioned", detail=p.attorney.name)
            return "attorney"
        if p.dispute and not s.disputed and holds(p.dispute.raise_when, now):
            s.disputed = True
            self._emit(ev.FLAG, flag="dispute_raised", detail=p.dispute.claim)
            return "dispute"
        if p.asks_to_stop and not s.cease_requested and holds(p.asks_to_stop, now):
            s.cease_requested = True
            self._emit(ev.FLAG, flag="cease_requested", detail="the debtor asked not to be called again")
            return "cease"
        return None

    def _reveal(self, moves: list[str]) -> str | None:
        s = self.debtor.state
        if len(s.revealed) == len(self._reveals):
            return None
        now: Situation | None = None
        for reveal, needed in self._reveals:
            if reveal.id in s.revealed or (needed is not None and needed.isdisjoint(moves)):
                continue  # already told, or its condition names a move not made this turn
            if now is None:
                now = self._situation(moves)
            if holds(reveal.when, now):
                s.revealed.append(reveal.id)
                self.debtor.apply(reveal.effect)
                text = fill(reveal.text, self._values)
                self._emit(ev.REVEALED, id=reveal.id, text=text)
                return text
        return None

    def _walks_away(self, moves: list[str]) -> str | None:
        s = self.debtor.state
        n = self.persona.negotiation
        hostile_now = [m for m in moves if m in HOSTILE]
        if hostile_now and s.hostile_moves > n.threats_tolerated:
            return "threatened" if hostile_now[0] == "threat" else "abused"
        if s.stress >= n.walk_away_stress or s.patience <= 0:
            return "hang_up"
        return None

    def _outcome_on_end(self) -> Outcome:
        s = self.debtor.state
        if self.third_party:
            return Outcome.WRONG_PARTY
        if s.agreement is not None:
            return Outcome.AGREEMENT
        if s.attorney_mentioned or s.cease_requested or (s.disputed and s.validation_offered):
            return Outcome.ESCALATED
        return Outcome.NO_AGREEMENT

    # --- a third party on the line -------------------------------------------------------
    def _third_party_turn(self, moves: list[str]) -> None:
        self.moves_ever.update(moves)
        if any(m in DEBT_TALK for m in moves):
            self._emit(ev.FLAG, flag="debt_disclosed_to_third_party", detail=self._values["relation"])
            key = "told_about_debt"
        else:
            key = next((THIRD_PARTY_MOVES[m] for m in moves if m in THIRD_PARTY_MOVES), "unclear")
        if "end_call" in moves or self.turn >= 8:
            self._third_party_say("goodbye")
            self._close(Outcome.WRONG_PARTY, "the debtor was not on the line")
            return
        self._third_party_say(key)

    def _third_party_say(self, key: str) -> None:
        third = self.scenario.context.third_party
        assert third is not None
        options = third.lines.get(key) or third.lines.get("unclear") or ["Sorry, who is this?"]  # type: ignore[call-overload]
        text = fill(self.rng.choice(options), self._values)  # the same draw as options[randrange(len)]
        self._emit(ev.DEBTOR_SAID, speaker="third_party", situation=key, text=text, mood="calm")

    # --- plumbing ------------------------------------------------------------------------
    def _fire(self, trigger: str) -> None:
        tracker = self.stage_tracker
        before = tracker.stage
        after = tracker.fire(trigger)
        if after is not None and after != before:
            self._emit(ev.STAGE_CHANGED, **{"from": before.value, "to": after.value, "trigger": trigger})

    def _close(self, outcome: Outcome, reason: str) -> None:
        before = self.stage
        if self.stage_tracker.finish(outcome):
            self._emit(ev.STAGE_CHANGED, **{"from": before.value, "to": Stage.CLOSED.value, "trigger": "end"})
            s = self.debtor.state
            self._emit(
                ev.CALL_CLOSED,
                outcome=outcome.value,
                reason=reason,
                terms=s.agreement.to_dict() if s.agreement and outcome == Outcome.AGREEMENT else None,
                good_faith=s.good_faith if outcome == Outcome.AGREEMENT else None,
            )

    def _emit_state(self, before: tuple[int, int, int] | None) -> None:
        s = self.debtor.state
        trust, stress, patience = s.trust, s.stress, s.patience
        delta = {}
        if before is not None:
            if trust != before[0]:
                delta["trust"] = trust - before[0]
            if stress != before[1]:
                delta["stress"] = stress - before[1]
            if patience != before[2]:
                delta["patience"] = patience - before[2]
        events = self.events
        events.append(
            {
                "i": len(events),
                "turn": self.turn,
                "type": ev.DEBTOR_STATE,
                "trust": trust,
                "stress": stress,
                "patience": patience,
                "delta": delta,
                "mood": _MOOD_VALUE[s.mood()],
                "hidden": self.debtor.hidden(),
            }
        )

    def _say(self, situation: str, *, extra: str | None = None, offer_words: str | None = None) -> None:
        s = self.debtor.state
        mood = s.mood()
        key, line = pick(self.persona.lines, situation, mood, self.rng)
        values = self._values
        if offer_words is not None or s.good_faith is not None:
            values = dict(values)
            if offer_words is not None:
                values["offer"] = offer_words
                offer = s.agreement or s.debtor_offer or s.collector_offer
                if offer is not None:
                    values.update(amount=money(offer.amount), monthly=money(offer.monthly), months=str(offer.months))
            if s.good_faith is not None:
                values["good_faith"] = money(s.good_faith)
        text = fill(line, values)
        if extra:
            text = f"{text} {extra}"
        events = self.events
        events.append(
            {
                "i": len(events),
                "turn": self.turn,
                "type": ev.DEBTOR_SAID,
                "speaker": "debtor",
                "situation": key,
                "text": text,
                "mood": _MOOD_VALUE[mood],
            }
        )

    def _emit(self, kind: str, **data: Any) -> None:
        self.events.append({"i": len(self.events), "turn": self.turn, "type": kind, **data})


class ReplayError(Exception):
    pass


def _moves_needed(cond: Condition) -> frozenset[str] | None:
    """The moves of which one must be made on the turn for `cond` to hold, or None if it names none."""
    if cond.move is None:
        return None
    return frozenset(cond.move if isinstance(cond.move, list) else [cond.move])
