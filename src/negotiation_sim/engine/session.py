"""One simulated call: trainee utterances in, events out.

Pure and deterministic: no I/O, no clock, no global random. The session owns one
`random.Random(seed)`; the same scenario, persona, seed and utterances give the same events.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence
from typing import Any

from ..content.persona import Effect, Persona, Reveal
from ..content.scenario import Scenario
from ..vocabulary import Mood, Outcome, Stage
from . import draws
from . import events as ev
from .conditions import Situation, Test
from .debtor import NO_SHIFT, PATIENCE_PER_TURN, Debtor
from .events import Event
from .figures import Figures
from .identity import Identity, identity_for
from .intent import (
    ALWAYS_APPLIED,
    DEBT_TALK,
    HOSTILE,
    INTENTS,
    MOVE_TRIGGERS,
    SIGNIFICANCE,
    SITUATION_OF_MOVE,
    THIRD_PARTY_MOVES,
    Intent,
    intent_of,
)
from .lines import Blanks, fill
from .moves import Recogniser, default_recogniser
from .offers import Offer, money, offer_from_figures
from .setting import setting_for
from .stages import StageTracker
from .utterance import MAX_UTTERANCE, cleaned, sanitise

ENGINE_VERSION = 1
MAX_TURNS = 80
_EXPOSED = Effect(trust=-5, stress=12)  # caught out: embarrassed, and less room to pretend
# the move tables live in engine/intent.py; these names are read from here too
__all__ = [
    "DEBT_TALK",
    "HOSTILE",
    "MAX_TURNS",
    "MAX_UTTERANCE",
    "MOVE_TRIGGERS",
    "SIGNIFICANCE",
    "SITUATION_OF_MOVE",
    "THIRD_PARTY_MOVES",
    "CallSession",
    "ReplayError",
    "sanitise",
]

_MOOD_VALUE: dict[Mood, str] = {mood: mood.value for mood in Mood}  # an enum's .value is a Python call
_STAGE_VALUE: dict[Stage, str] = {stage: stage.value for stage in Stage}
_OUTCOME_VALUE: dict[Outcome, str] = {outcome: outcome.value for outcome in Outcome}
_OPENING, _CLOSED = Stage.OPENING.value, Stage.CLOSED.value


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
        # what every call of this scenario and persona shares, worked out on the first of them
        setting = self._setting = setting_for(scenario, persona)
        self.debtor = Debtor(persona, scenario, setting.disposition)
        self.stage_tracker = StageTracker()
        self.turn = 0
        self.moves_ever: set[str] = set()
        self.events: list[Event] = []
        self.third_party = setting.third_party
        self._values = setting.values(self.identity)  # shared: copied before a line adds offer figures
        # per-call constants read on every turn
        self._balance = setting.balance
        self._claims_false = setting.claims_false
        self._has_flags = setting.has_flags
        self._reveal_count = len(setting.reveals)
        self._heard = setting.heard  # the reveals each set of moves may bring up
        self._lines = setting.lines
        self._line_options = setting.lines.found  # LineBook.options' memo, read first (every turn)
        self._shifts = setting.disposition.shifts
        self._hidden = setting.disposition.hidden
        self._walk_away_stress = setting.walk_away_stress
        self._threats_tolerated = setting.threats_tolerated
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
        start = len(self.events)
        self.take_turn(text)
        return self.events[start:]

    def take_turn(self, text: str) -> None:
        """The trainee says one line; the events it causes are added to `events` (`say` returns them)."""
        if self.stage_tracker.stage == _CLOSED:
            return
        events = self.events
        self.turn += 1
        clean = cleaned(text)
        recognition = self.recogniser.recognise(clean)
        moves = list(recognition.moves)
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
            said = recognition.moves
            self._debtor_turn(moves, recognition.figures, INTENTS.get(said) or intent_of(said))

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
        setting = self._setting
        context = setting.context
        self._emit(
            ev.CALL_STARTED,
            engine_version=ENGINE_VERSION,
            scenario=self.scenario.id,
            persona=self.persona.id,
            seed=self.seed,
            identity=self.identity.to_dict(),
            context=dict(context),  # each call its own copies of the shared facts
            account=dict(setting.account),
            stage=_OPENING,
        )
        mood = self.debtor.state.mood()
        self._emit_state(None, mood)
        if self.third_party:
            self._third_party_say("answer")
        elif context["direction"] == "inbound":
            self._say("calling_in", mood)
        elif not context["within_calling_hours"]:
            self._say("late_call", mood)
        else:
            self._say("answer", mood)

    def _debtor_turn(self, moves: list[str], figures: Figures, intent: Intent) -> None:
        d = self.debtor
        s = d.state
        before = (s.trust, s.stress, s.patience)
        exposed_now = False
        if intent.side_effects:
            exposed_now = self._hear_side_effects(moves)
        else:  # the usual line: each move only shifts the mood, the first time it is said (some every time)
            moves_ever, shifts = self.moves_ever, self._shifts
            for move in moves:
                if move not in moves_ever or move in ALWAYS_APPLIED:
                    d.feel(shifts.get(move, NO_SHIFT))
            moves_ever.update(moves)
        patience = s.patience - PATIENCE_PER_TURN
        s.patience = patience if patience > 0 else 0

        for trigger in intent.triggers:
            self._fire(trigger)

        # a dispute, an attorney or a stop request takes the turn: the debtor bargains no further on it
        situation = self._flags(moves) if self._has_flags else None
        offer_words = None
        if situation is None:
            if intent.bargains:
                situation, offer_words = self._bargain(moves, figures)
            if intent.asks_good_faith and not s.good_faith_asked:
                situation = situation or self._good_faith()
        if intent.confirms and self.stage_tracker.terms_agreed:
            self._fire("confirm")
        if exposed_now and situation is None:
            situation = "proof_exposed"
        # the reveals these moves may bring up (those naming other moves cannot fire this turn)
        heard = self._heard.get(intent.moves)
        if heard is None:
            heard = self._setting.reveals_heard(intent.moves)
        reveal_text = self._reveal(heard, intent.moves) if heard and len(s.revealed) < self._reveal_count else None

        mood = s.mood()  # nothing changes the debtor's state from here to the end of the turn
        # the debtor walks away: one hostile move too many, or stress or patience at their limit
        if intent.hostile is not None and s.hostile_moves > self._threats_tolerated:
            hung_up: str | None = "threatened" if intent.hostile == "threat" else "abused"
        elif s.stress >= self._walk_away_stress or s.patience <= 0:
            hung_up = "hang_up"
        else:
            hung_up = None
        if hung_up:
            self._emit_state(before, mood)
            self._say(hung_up, mood, extra=reveal_text if hung_up == "hang_up" else None)
            self._close(Outcome.HUNG_UP, "the debtor hung up")
            return
        if intent.ends_call:
            self._emit_state(before, mood)
            self._say("goodbye", mood)
            self._close(self._outcome_on_end(), "collector ended the call")
            return
        if situation is None:
            # the weightiest move; once terms are agreed, restating the balance is part of the
            # summary, not news to react to
            situation = intent.weightiest_once_agreed if self.stage_tracker.terms_agreed else intent.weightiest
        situation = situation or "unclear"
        self._emit_state(before, mood)
        self._say(situation, mood, extra=reveal_text, offer_words=offer_words)
        if self.turn >= MAX_TURNS:
            self._say("hang_up", mood)
            self._close(Outcome.HUNG_UP, "the call ran too long")

    def _hear_side_effects(self, moves: list[str]) -> bool:
        """The moves' mood shifts, and what they do beside; True when the line caught out a false claim."""
        d = self.debtor
        s = d.state
        moves_ever, shifts = self.moves_ever, self._shifts
        exposed_now = False
        for move in moves:  # distinct (a Recognition's moves are)
            first_time = move not in moves_ever
            moves_ever.add(move)
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
            if first_time or move in ALWAYS_APPLIED:
                d.feel(shifts.get(move, NO_SHIFT))
        return exposed_now

    # --- bargaining -------------------------------------------------------------------
    def _bargain(self, moves: list[str], figures: Figures) -> tuple[str | None, str | None]:
        d = self.debtor
        s = d.state
        if s.agreement is not None or (s.disputed and not s.validation_offered and "offer" not in moves):
            return None, None
        balance = self._balance
        collector_offer: Offer | None = None
        if "offer" in moves:
            collector_offer = offer_from_figures(figures, balance, self._setting.max_plan_months)
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
                and s.rounds >= d.disposition.min_rounds
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
            ratio=round(counter.total / self._balance, 4),
        )

    def _agree(self, terms: Offer, *, by: str) -> None:
        s = self.debtor.state
        s.agreement = terms
        self.stage_tracker.terms_agreed = True
        self._emit(
            ev.AGREEMENT,
            accepted_by=by,
            terms=terms.to_dict(),
            ratio=round(terms.total / self._balance, 4),
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
    def _situation(self, moves: Collection[str]) -> Situation:
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
        setting = self._setting
        if p.attorney and not s.attorney_mentioned and setting.attorney_test and setting.attorney_test.holds(now):
            s.attorney_mentioned = True
            self._emit(ev.FLAG, flag="attorney_mentioned", detail=p.attorney.name)
            return "attorney"
        if p.dispute and not s.disputed and setting.dispute_test and setting.dispute_test.holds(now):
            s.disputed = True
            self._emit(ev.FLAG, flag="dispute_raised", detail=p.dispute.claim)
            return "dispute"
        if p.asks_to_stop and not s.cease_requested and setting.cease_test and setting.cease_test.holds(now):
            s.cease_requested = True
            self._emit(ev.FLAG, flag="cease_requested", detail="the debtor asked not to be called again")
            return "cease"
        return None

    def _reveal(self, heard: tuple[tuple[str, Reveal, Test], ...], moves: tuple[str, ...]) -> str | None:
        s = self.debtor.state
        now: Situation | None = None
        for reveal_id, reveal, test in heard:
            if reveal_id in s.revealed:
                continue  # already told
            if now is None:
                now = self._situation(moves)
            if test.holds(now):
                s.revealed.append(reveal_id)
                self.debtor.apply(reveal.effect)
                text = fill(reveal.text, self._values)
                self._emit(ev.REVEALED, id=reveal_id, text=text)
                return text
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
        text = fill(draws.choice(self.rng, options), self._values)
        self._emit(ev.DEBTOR_SAID, speaker="third_party", situation=key, text=text, mood="calm")

    # --- plumbing ------------------------------------------------------------------------
    def _fire(self, trigger: str) -> None:
        tracker = self.stage_tracker
        before = tracker.stage
        after = tracker.fire(trigger)
        if after is not None and after != before:
            events = self.events
            events.append(
                {
                    "i": len(events),
                    "turn": self.turn,
                    "type": ev.STAGE_CHANGED,
                    "from": _STAGE_VALUE[before],
                    "to": _STAGE_VALUE[after],
                    "trigger": trigger,
                }
            )

    def _close(self, outcome: Outcome, reason: str) -> None:
        before = self.stage
        if self.stage_tracker.finish(outcome):
            self._emit(ev.STAGE_CHANGED, **{"from": _STAGE_VALUE[before], "to": _CLOSED, "trigger": "end"})
            s = self.debtor.state
            self._emit(
                ev.CALL_CLOSED,
                outcome=_OUTCOME_VALUE[outcome],
                reason=reason,
                terms=s.agreement.to_dict() if s.agreement and outcome == Outcome.AGREEMENT else None,
                good_faith=s.good_faith if outcome == Outcome.AGREEMENT else None,
            )

    def _emit_state(self, before: tuple[int, int, int] | None, mood: Mood) -> None:
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
                "mood": _MOOD_VALUE[mood],
                # what the debtor would really do: the shared record, read here every turn; each event gets a copy
                "hidden": (
                    self._hidden.get((trust, stress, s.claim_exposed))
                    or self.debtor.hidden_record(trust, stress, s.claim_exposed)
                ).copy(),
            }
        )

    def _say(self, situation: str, mood: Mood, *, extra: str | None = None, offer_words: str | None = None) -> None:
        s = self.debtor.state
        key, options = self._line_options.get((situation, mood)) or self._lines.options(situation, mood)
        line = draws.choice(self.rng, options)  # rng.choice(options), in one step (a draw every turn)
        values = self._values
        if offer_words is not None or s.good_faith is not None:
            values = Blanks(values)  # a copy: the shared values stay as they are
            if offer_words is not None:
                values["offer"] = offer_words
                offer = s.agreement or s.debtor_offer or s.collector_offer
                if offer is not None:
                    values.update(amount=money(offer.amount), monthly=money(offer.monthly), months=str(offer.months))
            if s.good_faith is not None:
                values["good_faith"] = money(s.good_faith)
        text = line.format_map(values) if "{" in line else line  # fill(line, values), values being Blanks
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
