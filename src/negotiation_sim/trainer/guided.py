"""A coverage-guided explorer: each call goes after the content heard least so far.

Random playthroughs find common content quickly and rare content slowly: a line written for
an upset debtor, or a reveal that needs trust above 60 and a particular question, may take
thousands of random calls. Like a coverage-guided fuzzer, `guided` looks at what earlier calls
of the exploration reached (the shared `Coverage`), picks a target that is still missing or
rare — a line variant in a mood, a reveal, a dispute / attorney / cease rule — and steers the
debtor towards it: acknowledging to raise trust, rejecting to raise stress, moving the call to
the right stage, then saying the move the target needs. It is a testing tool: it knows the
persona and reads the debtor's state from the events, which no trainee can.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

from ..bots import CallView
from ..content.conditions import Condition
from ..content.persona import Persona
from ..content.scenario import Scenario
from ..engine import draws
from ..engine import events as ev
from ..engine.debtor import Debtor
from ..engine.events import Event
from ..engine.lines import resolve_key
from ..engine.session import DEBT_TALK, SITUATION_OF_MOVE, THIRD_PARTY_MOVES
from ..engine.setting import setting_for
from ..vocabulary import Mood, Stage
from .coverage import Coverage
from .lines import DEBTOR, THIRD_PARTY, LineCatalog, Variant, VariantId
from .reach import never_holds
from .strategies import PHRASES, fill

MOOD_RANK = {"calm": 0, "tense": 1, "upset": 2}
# The line a move draws when nothing else happens on the turn.
KIND_SITUATION: dict[str, str] = {
    kind: SITUATION_OF_MOVE.get(kind, kind)
    for kind in (
        "greet",
        "identify_self",
        "verify_identity",
        "mini_miranda",
        "state_agenda",
        "remind",
        "ask_reason",
        "acknowledge",
        "ask_proof",
        "state_expectation",
        "ask_comments",
        "consider",
        "explain_consequences",
        "confirm_in_writing",
        "schedule_follow_up",
        "redirect",
        "small_talk",
        "off_topic",
        "offer_validation",
        "ask_attorney_details",
    )
}
KIND_SITUATION.update(
    {
        "threat": "threatened",
        "abusive": "abused",
        "end_call": "goodbye",
        "request_counter_offer": "counter_offer",
        "offer_high": "reject_offer",
        "offer_low": "accept_offer",
        "accept": "agreement",
        "reject": "debtor_offer_rejected",
        "ask_good_faith": "good_faith_yes",
    }
)
KIND_MOVE = {"offer_high": "offer", "offer_low": "offer"}
REPEATED = frozenset({"acknowledge", "offer", "reject", "threat", "abusive"})  # moves that count every time
NEEDS_DEBTOR_OFFER = frozenset({"accept", "reject"})
# The move that takes a call into each stage.
STAGE_MOVE: dict[Stage, str] = {
    Stage.REMINDER: "remind",
    Stage.REASON_FINDING: "ask_reason",
    Stage.COMMENTS: "ask_comments",
    Stage.COUNTER_OFFER: "request_counter_offer",
    Stage.GOOD_FAITH: "accept",
    Stage.WRITTEN_CONFIRMATION: "confirm_in_writing",
}
STAGE_RANK = {stage: i for i, stage in enumerate(Stage)}
QUIET = {"state_expectation": "We do expect the full balance to be paid."}  # no figure: not heard as an offer
_ZEROS = itertools.repeat(0)
_STAGE_OF = {stage.value: stage for stage in Stage}  # Stage(value) is a Python call through the enum machinery
_MOOD_VALUE = {mood: mood.value for mood in Mood}  # and so is .value
MAX_STEER = 14
MAX_TURNS = 34


@dataclass(frozen=True)
class Target:
    """What a call goes after: say `kind` once the debtor is in `mood` and `cond` holds."""

    label: str
    kind: str
    mood: str | None = None
    cond: Condition | None = None
    trust_below: int | None = None  # for a good-faith refusal
    trust_at_least: int | None = None


class _Now:
    """What the call shows so far, read incrementally: each turn reads only the new events.

    The explorer reads the debtor's hidden state here, which no trainee can see.
    """

    __slots__ = ("agreed", "debtor_offer", "exposed", "good_faith_asked", "length", "mood", "moves", "revealed",
                 "stage", "stress", "trust")  # fmt: skip

    def __init__(self) -> None:
        self.trust, self.stress, self.mood = 50, 0, "calm"
        self.stage = Stage.OPENING
        self.moves: set[str] = set()
        self.revealed: set[str] = set()
        self.debtor_offer = self.exposed = self.agreed = self.good_faith_asked = False
        self.length = 0  # events read so far

    def catch_up(self, events: list[Event]) -> _Now:
        for e in events[self.length :]:
            kind = e["type"]
            if kind == ev.DEBTOR_SAID:
                continue  # the most common event, and nothing to read here
            if kind == ev.DEBTOR_STATE:
                self.trust, self.stress, self.mood = e["trust"], e["stress"], e["mood"]
            elif kind == ev.STAGE_CHANGED:
                self.stage = _STAGE_OF[e["to"]]
            elif kind == ev.TRAINEE_SAID:
                self.moves.update(e["moves"])
            elif kind == ev.OFFER_MADE and e["by"] == "debtor":
                self.debtor_offer = True
            elif kind == ev.FLAG and e["flag"] == "claim_exposed":
                self.exposed = True
            elif kind == ev.AGREEMENT:
                self.agreed = True
            elif kind == ev.GOOD_FAITH:
                self.good_faith_asked = True
            elif kind == ev.REVEALED:
                self.revealed.add(e["id"])
        self.length = len(events)
        return self


@dataclass(frozen=True, slots=True)
class Aim:
    """A target and the content whose hit count says how often it was reached: the fewest hits
    among some line variants, or a reveal's count."""

    target: Target
    lines: tuple[VariantId, ...] = ()
    reveal: str | None = None

    def hits(self, coverage: Coverage) -> int:
        if self.reveal is not None:
            return coverage.reveals.get(self.reveal, 0)
        return min(map(coverage.lines.get, self.lines, _ZEROS))  # get(v, 0) for each line


def hit_counts(plan: list[Aim], coverage: Coverage) -> list[tuple[int, str]]:
    """Each aim's hits so far (`Aim.hits`), and its target's label: all of them, once a call."""
    lines, reveals = coverage.lines.get, coverage.reveals.get
    return [
        (reveals(aim.reveal, 0) if aim.reveal is not None else min(map(lines, aim.lines, _ZEROS)), aim.target.label)
        for aim in plan
    ]


def aims(scenario: Scenario, persona: Persona, catalog: LineCatalog) -> list[Aim]:
    """Every target this scenario offers, in a fixed order, with the content that counts its hits.

    Worked out once per exploration (it depends on the data alone); only the hit counts change.
    """
    out: list[Aim] = []

    def ids(variants: list[Variant]) -> tuple[VariantId, ...]:
        return tuple(v.id for v in variants)

    def ids_in(variants: list[Variant], mood: str | None) -> tuple[VariantId, ...]:
        return tuple(v.id for v in variants if v.id.mood == mood)

    if scenario.context.answered_by == "third_party":
        for kind in PHRASES:
            key = "told_about_debt" if kind in DEBT_TALK else THIRD_PARTY_MOVES.get(kind, "unclear")
            variants = catalog.by_key.get((THIRD_PARTY, key), [])
            if variants:
                out.append(Aim(Target(f"third party {key}", kind), ids(variants)))
        return out
    for kind, situation in KIND_SITUATION.items():
        if kind == "ask_good_faith":
            continue
        key = resolve_key(persona.lines, situation)
        variants = catalog.by_key.get((DEBTOR, key), [])
        for mood in dict.fromkeys(v.id.mood for v in variants):
            target = Target(f"{key}[{mood}]" if mood else key, kind, mood)
            out.append(Aim(target, ids_in(variants, mood)))
    # the debtor hangs up when stress reaches walk_away_stress: press until they do
    key = resolve_key(persona.lines, "hang_up")
    variants = catalog.by_key.get((DEBTOR, key), [])
    if variants:
        cond = Condition(stress_at_least=persona.negotiation.walk_away_stress)
        out.append(Aim(Target(key, "hang_up", None, cond), ids(variants)))
    # a good-faith payment is agreed at trust >= needs_trust and refused below it
    gf = persona.negotiation.good_faith
    for situation in ("good_faith_yes", "good_faith_no"):
        key = resolve_key(persona.lines, situation)
        variants = catalog.by_key.get((DEBTOR, key), [])
        if not variants or (situation == "good_faith_no" and gf.offers and gf.needs_trust == 0):
            continue
        if not gf.offers:
            target = Target(key, "ask_good_faith")
        elif situation == "good_faith_yes":
            target = Target(key, "ask_good_faith", trust_at_least=gf.needs_trust)
        else:
            target = Target(key, "ask_good_faith", trust_below=gf.needs_trust)
        out.append(Aim(target, ids(variants)))
    rules: list[tuple[str, Condition | None]] = [  # the line each rule makes the debtor say
        ("attorney", persona.attorney.mention_when if persona.attorney else None),
        ("dispute", persona.dispute.raise_when if persona.dispute else None),
        ("cease", persona.asks_to_stop),
    ]
    for name, rule in rules:
        if rule is None or never_holds(rule, persona) is not None:
            continue
        key = resolve_key(persona.lines, name)
        kind = _cond_target("", rule).kind
        variants = catalog.by_key.get((DEBTOR, key), [])
        for mood in dict.fromkeys(v.id.mood for v in variants):
            target = Target(f"{key}[{mood}]" if mood else key, kind, mood, rule)
            out.append(Aim(target, ids_in(variants, mood)))
    for reveal in persona.reveals:
        if never_holds(reveal.when, persona) is None:
            out.append(Aim(_cond_target(f"reveal {reveal.id}", reveal.when), reveal=reveal.id))
    return out


def _cond_target(label: str, cond: Condition) -> Target:
    moves = cond.move if isinstance(cond.move, list) else [cond.move] if cond.move else []
    kind = moves[0] if moves else "redirect"
    if kind == "offer":
        kind = "offer_high"
    return Target(label, kind if kind in PHRASES or kind in KIND_SITUATION else "redirect", None, cond)


class Guided:
    """Goes after the least-reached content of the exploration so far."""

    name = "guided"
    description = "coverage-guided: steers each call to the line, reveal or rule reached least so far"

    def __init__(
        self, seed: int, scenario: Scenario, persona: Persona, coverage: Coverage, plan: list[Aim] | None = None
    ) -> None:
        self.rng = random.Random(seed)
        self.scenario = scenario
        self.persona = persona
        self.coverage = coverage
        self.plan = plan if plan is not None else aims(scenario, persona, coverage.catalog)
        self.done: set[str] = set()
        self.target: Target | None = None
        self.steps = 0
        self.now = _Now()
        self._hits: list[tuple[int, str]] = []  # each aim's hits so far, and its target's label
        self._hits_at = -1  # the coverage's call count when the hits were counted
        self._target_key = ""  # the line key of a line target (its label without mood or speaker)
        # a scratch debtor to foresee moods with (sharing the calls' worked-out reactions)
        self._debtor = Debtor(persona, scenario, setting_for(scenario, persona).disposition)

    def _pick(self) -> Target | None:
        if self._hits_at != self.coverage.calls:  # coverage grows between calls, not during one
            self._hits = hit_counts(self.plan, self.coverage)
            self._hits_at = self.coverage.calls
        done, rng = self.done, self.rng
        # fewest hits first, ties broken at random (one draw per open target, in the plan's order)
        found = [(hits, rng.random(), j) for j, (hits, label) in enumerate(self._hits) if label not in done]
        return self.plan[min(found)[2]].target if found else None

    def reply(self, view: CallView) -> str:
        if view.turn >= MAX_TURNS:
            return self._say("end_call", view)
        now = self.now.catch_up(view.events)
        limit = MAX_TURNS if self.target is not None and self.target.kind == "hang_up" else MAX_STEER
        if self.target is not None and (self._hit(view) or self.steps >= limit):
            self.done.add(self.target.label)
            self.target = None
        if self.target is None:
            self.target = self._pick()
            self.steps = 0
            if self.target is None:
                return self._say("end_call", view)
            self._target_key = self.target.label.split("[")[0].removeprefix("third party ")
        self.steps += 1
        kind = self._next_kind(self.target, now)
        if kind is None:
            self.steps = MAX_STEER
            kind = "redirect"
        return self._say(kind, view)

    def _hit(self, view: CallView) -> bool:
        t = self.target
        assert t is not None
        if t.label.startswith("reveal "):
            return t.label[7:] in self.now.revealed
        key = self._target_key  # the line key in the target's label
        for e in reversed(view.events):  # the last turn's events are at the end
            if e["turn"] != view.turn:
                return False
            if e["type"] == ev.DEBTOR_SAID and e["situation"] == key and (t.mood is None or e["mood"] == t.mood):
                return True
        return False

    def _next_kind(self, t: Target, now: _Now) -> str | None:
        if t.kind == "ask_good_faith" and now.good_faith_asked:
            return None  # asked once per call: this call cannot reach it any more
        if t.mood is not None:
            after = MOOD_RANK[self._mood_after(t.kind, now)]
            if after < MOOD_RANK[t.mood]:
                return "reject"
            if after > MOOD_RANK[t.mood]:
                return "acknowledge"
        if t.trust_below is not None and now.trust >= t.trust_below:
            return "reject"
        if t.trust_at_least is not None and now.trust < t.trust_at_least:
            return "acknowledge"
        if t.cond is not None:
            step = self._towards(t.cond, now)
            if step is not None:
                return step
        if t.kind in NEEDS_DEBTOR_OFFER and not now.debtor_offer:
            return "request_counter_offer"
        if t.kind == "hang_up":
            return "reject"
        return t.kind

    def _mood_after(self, kind: str, now: _Now) -> str:
        """The mood the debtor will answer in if `kind` is said now (the reply's mood counts its effect)."""
        move = KIND_MOVE.get(kind, kind)
        debtor = self._debtor
        debtor.state.trust, debtor.state.stress = now.trust, now.stress
        if move not in now.moves or move in REPEATED:
            debtor.apply(debtor.effect_of(move))
        return _MOOD_VALUE[debtor.state.mood()]

    def _towards(self, cond: Condition, now: _Now) -> str | None:
        if cond.stage is not None:
            stages = cond.stage if isinstance(cond.stage, list) else [cond.stage]
            if now.stage not in stages:
                ahead = [s for s in stages if s in STAGE_MOVE and STAGE_RANK[s] > STAGE_RANK[now.stage]]
                if ahead:
                    return STAGE_MOVE[ahead[0]]
        if cond.trust_at_least is not None and now.trust < cond.trust_at_least:
            return "acknowledge"
        if cond.trust_below is not None and now.trust >= cond.trust_below:
            return "reject"
        if cond.stress_at_least is not None and now.stress < cond.stress_at_least:
            return "reject"
        if cond.stress_below is not None and now.stress >= cond.stress_below:
            return "acknowledge"
        if cond.after_move is not None and cond.after_move not in now.moves:
            return cond.after_move if cond.after_move in PHRASES else None
        if cond.claim_exposed and not now.exposed:
            return "ask_proof"
        if cond.patience_below is not None:
            return "small_talk"
        return None

    def _say(self, kind: str, view: CallView) -> str:
        if kind == "offer_low":
            return f"We could settle for ${max(5, round(self.scenario.account.balance * 0.2)):,} today."
        if kind == "offer_high":
            a = self.scenario.account
            cond = self.target.cond if self.target else None
            ratio = cond.offer_ratio_at_least if cond and cond.offer_ratio_at_least is not None else 1.0
            if cond is not None and cond.offer_ratio_below is not None:
                ratio = (ratio if cond.offer_ratio_at_least is not None else 0.0) + cond.offer_ratio_below
                ratio /= 2
            return f"We could settle for ${max(5, round(a.balance * min(ratio, 0.99))):,} today."
        phrase = QUIET.get(kind) or draws.choice(self.rng, PHRASES.get(kind, PHRASES["redirect"]))
        return fill(phrase, view, self.rng)
