"""The shortcuts that make scoring fast give what the plain definitions give.

CallFacts answers "which lines said X" (first, after a moment, after a turn) from an index built
once per call, the account file is read once per account and what a line states of it is
remembered, an event cited again is put into words once, the events are hashed with
one shared encoder, and explore grades calls without writing a scorecard. Each is checked against
the slow, obvious version on real calls: every bot and a noisy trainee on every shipped scenario,
graded with every shipped rubric.
"""

from __future__ import annotations

import gc
import hashlib
import json
import random
from functools import cache

import pytest

from negotiation_sim.bots import STRATEGIES, RandomLegal, play_call, strategy_named
from negotiation_sim.content.library import load_library
from negotiation_sim.engine.events import Event, dumps, events_hash, to_jsonl
from negotiation_sim.engine.moves import default_recogniser
from negotiation_sim.engine.session import CallSession
from negotiation_sim.scoring import account_file as account_file_module
from negotiation_sim.scoring import score_call
from negotiation_sim.scoring.account_file import _READ, account_file
from negotiation_sim.scoring.accuracy import file_facts
from negotiation_sim.scoring.criteria import crit
from negotiation_sim.scoring.facts import CallFacts
from negotiation_sim.scoring.groups import COLLECTION, DEBT_TALK
from negotiation_sim.scoring.lines import Line
from negotiation_sim.scoring.score import TIP_CHECKS
from negotiation_sim.scoring.scorecard import Criterion, Evidence, TipCheck
from negotiation_sim.scoring.words import describe, quote
from negotiation_sim.trainer.grading import Finding, Grade, grade

LIBRARY = load_library()
SCENARIOS = sorted(LIBRARY.scenarios)
MOVES = sorted(default_recogniser().known_moves())
NOISE = ["", "What could you offer?", "😀 نعم 100$ \x00\u202e", "ok" * 500, "85%", "twelve hundred", "goodbye"]


@cache
def calls(scenario_id: str) -> tuple[list[Event], ...]:
    """Every bot's call and a noisy trainee's call of a scenario, on two seeds."""
    scenario = LIBRARY.scenario(scenario_id)
    persona = LIBRARY.persona_for(scenario)
    played = []
    for seed in (0, 1):
        for name in STRATEGIES:
            session = play_call(CallSession(scenario, persona, seed=seed), strategy_named(name, seed))
            played.append(session.events)
        rng = random.Random(f"{scenario_id}/{seed}")
        noisy = CallSession(scenario, persona, seed=seed)
        for _ in range(20):
            noisy.say(rng.choice([*NOISE, *RandomLegal.PHRASES]))
        noisy.end("test")
        played.append(noisy.events)
    return tuple(played)


# --- the lines by move ---------------------------------------------------------------------
def _scan_first(facts: CallFacts, *moves: str) -> Line | None:
    return next((ln for ln in facts.lines if ln.has(*moves)), None)


def _scan_first_counted(facts: CallFacts, *moves: str) -> Line | None:
    return next((ln for ln in facts.lines if any(m in ln.move_set and m not in ln.uncounted for m in moves)), None)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_line_lookups_match_a_scan_of_the_lines(scenario_id: str) -> None:
    scenario = LIBRARY.scenario(scenario_id)
    persona = LIBRARY.persona_for(scenario)
    rng = random.Random(scenario_id)
    asked = [(m,) for m in MOVES] + [tuple(rng.sample(MOVES, k)) for k in (2, 3, 5) for _ in range(10)]
    for events in calls(scenario_id):
        facts = CallFacts(scenario, persona, events)
        assert facts.lines, "every call here has collector lines"
        for moves in asked:
            assert facts.first(*moves) == _scan_first(facts, *moves)
            assert facts.lines_with(*moves) == [ln for ln in facts.lines if ln.has(*moves)]
            assert facts.said(*moves) == (_scan_first(facts, *moves) is not None)
            assert facts.first_counted(*moves) == _scan_first_counted(facts, *moves)
            counted = [ln for ln in facts.lines if any(m in ln.move_set and m not in ln.uncounted for m in moves)]
            assert facts.lines_counted(*moves) == counted
        for line in facts.lines:
            for group in (DEBT_TALK, COLLECTION, frozenset(rng.sample(MOVES, 4))):
                assert line.first_position(group) == min(line.position(m) for m in group)
        for e in events:
            for moves in asked[:: len(asked) // 12] + asked[-3:]:  # single moves, pairs, groups of five
                after = [ln for ln in facts.lines if ln.i > e["i"]]
                assert facts.first_after(e["i"], *moves) == next((ln for ln in after if ln.has(*moves)), None)
                counted = next((ln for ln in after if ln.counts(*moves)), None)
                assert facts.first_counted_after(e["i"], *moves) == counted
            assert facts.next_line(e["i"]) == next((ln for ln in facts.lines if ln.i > e["i"]), None)
            assert facts.said_after(e["i"]) == (facts.next_line(e["i"]) is not None)
            assert facts.lines_between(e["i"]) == [ln for ln in facts.lines if ln.i > e["i"]]
            for later in events[e["i"] : e["i"] + 12]:
                expected = [ln for ln in facts.lines if e["i"] < ln.i < later["i"]]
                assert facts.lines_between(e["i"], later["i"]) == expected
            assert facts.lines_after_turn(e["turn"]) == [ln for ln in facts.lines if ln.turn > e["turn"]]
            assert facts.line_of_turn(e["turn"]) == next((ln for ln in facts.lines if ln.turn == e["turn"]), None)


def test_a_monologue_earns_no_credit_and_only_the_last_question_counts() -> None:
    steps = ("verify_identity", "mini_miranda", "state_agenda", "remind", "ask_reason")
    monologue = Line({"i": 5, "turn": 2, "text": "...", "moves": list(steps), "figures": {}})
    assert monologue.monologue and monologue.uncounted == frozenset(steps) and not monologue.counts(*steps)
    questions = Line(
        {"i": 7, "turn": 3, "text": "?", "moves": ["ask_reason", "acknowledge", "ask_comments"], "figures": {}}
    )
    assert not questions.monologue
    assert questions.uncounted == {"ask_reason"}
    assert questions.counts("ask_comments", "acknowledge") and not questions.counts("ask_reason")
    assert questions.has("ask_reason")


# --- the account file, read once per account ---------------------------------------------
def test_the_account_file_is_read_once_per_account_and_forgotten_with_it() -> None:
    scenario = LIBRARY.scenario("first-reminder-fran")
    assert account_file(scenario.account) is account_file(scenario.account)
    renamed = scenario.account.model_copy(update={"creditor": "Zephyrline Audio", "reference": "ZL-55501"})
    file = account_file(renamed)
    assert file is not account_file(scenario.account)
    assert 55501 in file.numbers and 55501 not in account_file(scenario.account).numbers
    said = "this is about your zephyrline audio account zl-55501"
    line = Line({"i": 1, "turn": 1, "text": said, "moves": ["remind"], "figures": {}})
    hits = {check.id for check in file.checks if check.test(line, said)}
    assert hits == {"creditor", "reference"}
    assert not any(check.test(line, said) for check in account_file(scenario.account).checks)
    before = len(_READ)
    del renamed, file
    gc.collect()
    assert len(_READ) == before - 1


def _scan_file_facts(facts: CallFacts) -> list[tuple[str, str, Line]]:
    """Each fact of the file with the first counted line that states it, testing every line afresh."""
    pool = [(ln, ln.text.lower()) for ln in facts.counted_lines()]
    found = []
    for check in account_file(facts.scenario.account).checks:
        hit = next((ln for ln, said in pool if check.test(ln, said)), None)
        if hit is not None:
            found.append((check.id, check.label, hit))
    return found


@pytest.mark.parametrize("bound", [account_file_module.SEEN_LINES, 3])
def test_the_facts_a_line_states_are_remembered_per_account_without_changing_them(
    bound: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(account_file_module, "SEEN_LINES", bound)  # 3: the memo starts again every few lines
    for scenario_id in SCENARIOS:
        account_file(LIBRARY.scenario(scenario_id).account)._seen.clear()
    stated = 0
    for scenario_id in SCENARIOS:
        scenario = LIBRARY.scenario(scenario_id)
        persona = LIBRARY.persona_for(scenario)
        for events in calls(scenario_id):
            for _ in range(2):  # the second time from the memo
                facts = CallFacts(scenario, persona, events)
                expected = _scan_file_facts(facts)
                assert [(x.id, x.label, x.line) for x in file_facts(facts)] == expected
                stated += len(expected)
    assert stated > 100, "the calls state facts of their files"
    assert all(len(account_file(LIBRARY.scenario(k).account)._seen) <= bound for k in SCENARIOS)


def test_a_line_said_again_with_other_figures_is_tested_again() -> None:
    """The memo is keyed by all a check reads: the same words with other figures state other facts."""
    file = account_file(LIBRARY.scenario("gym-fee-dispute").account)  # last paid 49.99, due 2026-08-01
    said = "about the payment we spoke of"

    def line(amounts: list[float], dates: list[str]) -> Line:
        figures = {"amounts": amounts, "dates": dates}
        return Line({"i": 1, "turn": 1, "text": said, "moves": ["remind"], "figures": figures})

    assert file.stated_in(line([], [])) == ()
    assert file.stated_in(line([49.99], [])) == ("last_payment",)
    assert file.stated_in(line([], ["2026-08-01"])) == ("due_date",)
    assert file.stated_in(line([], [])) == ()


# --- the events, hashed ---------------------------------------------------------------------
def _reference_line(event: Event) -> str:
    return json.dumps(event, ensure_ascii=False, separators=(",", ":"), sort_keys=False)


@pytest.mark.parametrize("scenario_id", SCENARIOS[:4])
def test_events_encode_and_hash_to_the_same_bytes_as_json_dumps(scenario_id: str) -> None:
    for events in calls(scenario_id):
        reference = "".join(_reference_line(e) + "\n" for e in events)
        assert [dumps(e) for e in events] == [_reference_line(e) for e in events]
        assert to_jsonl(events) == reference
        assert events_hash(events) == hashlib.sha256(reference.encode("utf-8")).hexdigest()
    odd = {"i": 0, "turn": 0, "type": "x", "text": 'é\u202e\x00\n"\\', "n": [1.5, 1e-7, 2**70, -0.0, None, True]}
    assert dumps(odd) == _reference_line(odd)


# --- explore's grade, without the write-up ------------------------------------------------
@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_the_grade_explore_reads_is_the_scorecards_grade(scenario_id: str) -> None:
    scenario = LIBRARY.scenario(scenario_id)
    persona = LIBRARY.persona_for(scenario)
    rubrics = [None, *(LIBRARY.lessons[k].rubric for k in sorted(LIBRARY.lessons))]
    for events in calls(scenario_id):
        for rubric in rubrics:
            card = score_call(scenario, persona, events, rubric)
            expected = Grade(
                float(card.overall),
                card.passed,
                tuple(Finding(f.rule, f.severity, f.turn) for f in card.compliance),
            )
            assert grade(scenario, persona, events, rubric) == expected


# --- the records ---------------------------------------------------------------------------
def test_evidence_criteria_and_tip_checks_are_what_their_definitions_give() -> None:
    """cite_event puts an event into words once a call, crit clamps its value: the records are still exact."""
    scenario = LIBRARY.scenario(SCENARIOS[0])
    persona = LIBRARY.persona_for(scenario)
    events = calls(SCENARIOS[0])[0]
    facts = CallFacts(scenario, persona, events)
    line = facts.lines[1]
    assert facts.cite(line, "why", "raised") == Evidence(
        line.i, line.turn, "collector", quote(line.text), "why", "raised"
    )
    closed = events[-1]
    expected = Evidence(closed["i"], closed["turn"], "call", quote(describe(closed)), "end", "context")
    assert facts.cite_event(closed, "end") == expected
    assert facts.cite_event(closed, "end") == expected  # the second time from the words put down once
    ev = [expected]
    assert crit("c", "C", 1.5, 2, "note", ev) == Criterion("c", "C", 1.0, 2, "note", (expected,))
    assert crit("c", "C", -1, 2, "note") == Criterion("c", "C", 0.0, 2, "note", ())
    for spec in TIP_CHECKS:
        status, reason, at, evidence = spec.check(facts)
        assert spec.run(facts) == TipCheck(spec.id, spec.number, spec.title, status, reason, at, evidence)
