"""The shipped library: complete, consistent, and written so that every line reads naturally."""

from __future__ import annotations

import string
from datetime import date, timedelta

import pytest

from negotiation_sim.cli import main
from negotiation_sim.content.library import Library, load_library
from negotiation_sim.content.persona import LINE_FALLBACKS, Persona
from negotiation_sim.engine.moves import default_recogniser
from negotiation_sim.vocabulary import DIFFICULTY_RANK, Difficulty

from ..conftest import ROOT

# Placeholders the engine fills on every line, whatever the situation.
ALWAYS = {
    "balance",
    "original_balance",
    "creditor",
    "delivered",
    "due_date",
    "days_past_due",
    "reference",
    "collector",
    "agency",
    "name",
    "first_name",
    "employer",
    "company",
    "city",
    "income_day",
    "last_payment",
}
# Situations in which the engine fills {offer}: the debtor is answering an offer on the table.
OFFER_SITUATIONS = {"counter_offer", "reject_offer", "debtor_offer_rejected", "accept_offer", "agreement"}


def test_validate_is_clean_on_the_shipped_content(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "OK:" in out


def test_moves_named_in_content_are_known_to_the_recogniser() -> None:
    lib = load_library(known_moves=default_recogniser().known_moves())
    assert not lib.problems, "\n".join(map(str, lib.problems))


def test_the_library_has_what_the_issue_asks_for(library: Library) -> None:
    assert len(library.personas) >= 8
    assert len(library.scenarios) >= 12
    assert len(library.lessons) >= 3
    levels = {s.difficulty for s in library.scenarios.values()}
    assert levels == set(Difficulty)
    kinds = {library.persona_for(s).kind for s in library.scenarios.values()}
    assert kinds == {"consumer", "business"}


def test_every_situation_the_issue_lists_has_a_scenario(library: Library) -> None:
    scenarios = list(library.scenarios.values())
    personas = [library.persona_for(s) for s in scenarios]
    covered = {
        "first reminder": any(not s.account.broken_promises and s.account.days_past_due <= 60 for s in scenarios),
        "broken promise": any(s.account.broken_promises for s in scenarios),
        "medical debt": any(
            "medical" in s.account.creditor.lower() or "hospital" in s.summary.lower() for s in scenarios
        ),
        "disputed amount": any(p.dispute is not None for p in personas),
        "inbound call": any(s.context.direction == "inbound" for s in scenarios),
        "third party answers": any(s.context.answered_by == "third_party" for s in scenarios),
        "outside calling hours": any(not s.context.within_calling_hours for s in scenarios),
        "attorney": any(p.attorney is not None for p in personas),
        "legal action date": any(s.authority.legal_action_date for s in scenarios),
        "tight floor": any(s.authority.settlement_floor_pct >= 90 for s in scenarios),
        "false hardship": any(p.finances.claims_are_false for p in personas),
        "over-committer": any(p.negotiation.overcommit > 1 for p in personas),
        "business account": any(p.kind == "business" for p in personas),
    }
    missing = [name for name, ok in covered.items() if not ok]
    assert not missing, f"no scenario for: {missing}"


def test_every_persona_is_used_by_a_scenario(library: Library) -> None:
    used = {s.persona for s in library.scenarios.values()}
    assert set(library.personas) <= used, f"personas no scenario uses: {set(library.personas) - used}"


def test_every_scenario_is_in_a_lesson(library: Library) -> None:
    in_lessons = {c.scenario for lesson in library.lessons.values() for c in lesson.calls}
    assert set(library.scenarios) <= in_lessons, f"scenarios in no lesson: {set(library.scenarios) - in_lessons}"


def test_the_cca_lesson_is_graded_with_fixed_seeds_and_a_rubric(library: Library) -> None:
    lesson = library.lesson("cca-12-1")
    assert lesson.mode == "graded"
    assert len(lesson.calls) >= 4
    assert len({c.seed for c in lesson.calls}) == len(lesson.calls), "each call has its own fixed seed"
    assert lesson.hints == 0
    assert set(lesson.rubric.trait_weights) == {t.value for t in lesson.rubric.trait_weights}
    assert 50 <= lesson.rubric.pass_mark <= 90


def test_there_is_a_graded_compliance_lesson(library: Library) -> None:
    lesson = library.lesson("compliance-essentials")
    assert lesson.mode == "graded"
    weights = lesson.rubric.weights
    assert weights.compliance == max(weights.traits, weights.tips, weights.outcome, weights.compliance)
    procedural = [
        s
        for s in (library.scenario(c.scenario) for c in lesson.calls)
        if s.context.answered_by == "third_party"
        or not s.context.within_calling_hours
        or library.persona_for(s).attorney
        or library.persona_for(s).dispute
    ]
    assert len(procedural) >= 3


def test_the_practice_ladder_goes_from_easy_to_hard(library: Library) -> None:
    lesson = library.lesson("practice-ladder")
    assert lesson.mode == "practice"
    assert lesson.hints > 0
    ranks = [DIFFICULTY_RANK[library.scenario(c.scenario).difficulty] for c in lesson.calls]
    assert ranks == sorted(ranks)
    assert ranks[0] == 1 and ranks[-1] == 3


def _persona_files() -> list[str]:
    return sorted(p.stem for p in (ROOT / "personas").glob("*.yaml"))


@pytest.mark.parametrize("persona_id", _persona_files())
def test_a_reader_can_tell_who_the_persona_is(library: Library, persona_id: str) -> None:
    text = (ROOT / "personas" / f"{persona_id}.yaml").read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert len(header) >= 4, "a header comment says who this is and why they behave as they do"
    assert any("Who" in line for line in header) and any("Why" in line for line in header)
    persona = library.personas[persona_id]
    assert len(persona.summary.split()) >= 30


def _all_personas(library: Library) -> list[tuple[str, Persona]]:
    found = [(f"persona {pid}", p) for pid, p in library.personas.items()]
    found += [
        (f"scenario {sid}", library.persona_for(s)) for sid, s in library.scenarios.items() if s.persona_overrides
    ]
    return found


def test_every_situation_has_at_least_three_variants(library: Library) -> None:
    thin = []
    for where, persona in _all_personas(library):
        for situation, lines in persona.lines.items():
            groups = lines.items() if isinstance(lines, dict) else [("any", lines)]
            for mood, variants in groups:
                if len(variants) < 3:
                    thin.append(f"{where}: {situation}/{mood} has {len(variants)}")
                if len(set(variants)) != len(variants):
                    thin.append(f"{where}: {situation}/{mood} repeats a variant")
    for sid, scenario in library.scenarios.items():
        third = scenario.context.third_party
        for key, variants in third.lines.items() if third else []:
            if len(variants) < 3:
                thin.append(f"scenario {sid}: third party {key} has {len(variants)}")
    assert not thin, "\n".join(thin)


def test_a_persona_has_lines_for_every_situation_its_behaviour_can_reach(library: Library) -> None:
    gaps = []
    ordinary = set(LINE_FALLBACKS) - {
        "wrong_number",
        "proof_exposed",
        "dispute",
        "validation_offered",
        "attorney",
        "attorney_details",
        "cease",
        "good_faith_yes",
        "identify_self",
        "warned",
    }
    for where, p in _all_personas(library):
        needed = set(ordinary)
        needed |= {"proof_exposed"} if p.finances.claims_are_false else set()
        needed |= {"dispute", "validation_offered"} if p.dispute else set()
        needed |= {"attorney", "attorney_details"} if p.attorney else set()
        needed |= {"cease"} if p.asks_to_stop else set()
        needed |= {"good_faith_yes"} if p.negotiation.good_faith.offers else set()
        needed |= {"warned"} if p.negotiation.threats_tolerated else set()
        missing = needed - set(p.lines)
        if missing:
            gaps.append(f"{where}: no lines of its own for {sorted(missing)}")
    assert not gaps, "\n".join(gaps)


def _names(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_lines_only_use_placeholders_the_engine_fills_there(library: Library) -> None:
    wrong = []
    for where, p in _all_personas(library):
        base = set(ALWAYS) | ({"attorney_name", "attorney_firm", "attorney_phone"} if p.attorney else set())
        for situation, lines in p.lines.items():
            allowed = set(base)
            allowed |= {"offer"} if situation in OFFER_SITUATIONS else set()
            allowed |= {"good_faith"} if situation == "good_faith_yes" else set()
            variants = [v for group in lines.values() for v in group] if isinstance(lines, dict) else lines
            for line in variants:
                extra = _names(line) - allowed
                if extra:
                    wrong.append(f"{where}: {situation}: {sorted(extra)} in {line!r}")
        for reveal in p.reveals:
            extra = _names(reveal.text) - base
            if extra:
                wrong.append(f"{where}: reveal {reveal.id}: {sorted(extra)}")
    assert not wrong, "\n".join(wrong)


def test_offer_lines_name_the_offer(library: Library) -> None:
    """A counter-offer line that never says the figure would leave the trainee guessing."""
    silent = []
    for where, p in _all_personas(library):
        for situation in ("counter_offer", "reject_offer", "debtor_offer_rejected"):
            lines = p.lines.get(situation)
            if lines is None:
                continue
            variants = [v for group in lines.values() for v in group] if isinstance(lines, dict) else lines
            silent += [f"{where}: {situation}: {v!r}" for v in variants if "{offer}" not in v]
    assert not silent, "\n".join(silent)


def test_account_dates_tell_one_consistent_story(library: Library) -> None:
    problems = []
    for sid, s in library.scenarios.items():
        a = s.account
        call_day = date.fromisoformat(a.due_date) + timedelta(days=a.days_past_due)
        if call_day.year != 2026:
            problems.append(f"{sid}: the call falls on {call_day}")
        if call_day.strftime("%A").lower() != s.context.weekday:
            problems.append(f"{sid}: due date + days past due is a {call_day:%A}, the context says {s.context.weekday}")
        if a.balance > a.original_balance:
            problems.append(f"{sid}: balance above the original balance")
        if a.last_payment and date.fromisoformat(a.last_payment.date) > call_day:
            problems.append(f"{sid}: last payment after the call")
        for promise in a.broken_promises:
            if date.fromisoformat(promise.date) >= call_day:
                problems.append(f"{sid}: a promise due on {promise.date} cannot be broken yet on {call_day}")
        if s.authority.legal_action_date and date.fromisoformat(s.authority.legal_action_date) <= call_day:
            problems.append(f"{sid}: legal action date is not after the call")
        if s.authority.min_good_faith > s.floor_amount:
            problems.append(f"{sid}: the good-faith minimum is above the floor")
    assert not problems, "\n".join(problems)
