"""Each of the 20 tips and the hints of seed 004: a call where the check passes, one where it misses,
and where it cannot apply."""

from __future__ import annotations

from negotiation_sim.scoring import Scorecard

from .helpers import Call, model_call, opening, persona, scenario, statuses


def status(card: Scorecard, tip: str) -> str:
    return card.tip(tip).status


def money_call(*turns: tuple[tuple[str, ...], dict]) -> Call:  # type: ignore[type-arg]
    c = opening(Call())
    for moves, figures in turns:
        c.turn_of(*moves, **figures)
    return c


def test_every_tip_and_hint_has_a_stable_id_and_a_status() -> None:
    card = model_call().score()
    ids = [t.id for t in card.tips]
    assert len(ids) == len(set(ids)) == 25
    assert [t.number for t in card.tips if t.number] == list(range(1, 21))
    assert {"tip02_start_with_reminder", "hint_validate_claims", "hint_listen", "hint_start_high"} <= set(ids)
    assert all(t.status in ("pass", "miss", "not_applicable") for t in card.tips)


def test_the_model_call_passes_every_tip_that_applies() -> None:
    card = model_call().score()
    missed = [t.id for t in card.tips if t.status == "miss"]
    assert missed == []
    assert status(card, "tip01_view_as_negotiation") == status(card, "tip04_do_your_research") == "not_applicable"


def test_a_miss_points_at_the_event_where_the_tip_applied() -> None:
    c = money_call((("request_counter_offer",), {}))
    card = c.score()
    tip = card.tip("tip02_start_with_reminder")
    assert tip.status == "miss" and c.events[tip.at]["moves"] == ["request_counter_offer"]


# --- tip 2 start with a reminder -------------------------------------------------------------
def test_tip02_start_with_reminder() -> None:
    assert status(money_call((("remind",), {"amounts": (1250.0,)})).score(), "tip02_start_with_reminder") == "pass"
    assert status(money_call((("ask_reason",), {})).score(), "tip02_start_with_reminder") == "miss"
    assert status(opening(Call()).score(), "tip02_start_with_reminder") == "miss"  # never reminded


# --- tip 3 accurate information -----------------------------------------------------------
def test_tip03_accurate_information() -> None:
    assert status(money_call((("remind",), {"amounts": (1250.0,)})).score(), "tip03_accurate_information") == "pass"
    wrong = money_call((("remind",), {"amounts": (1350.0,)})).score().tip("tip03_accurate_information")
    assert wrong.status == "miss" and "$1,350" in wrong.reason
    never = money_call((("remind",), {})).score().tip("tip03_accurate_information")
    assert never.status == "miss" and "never stated" in never.reason


# --- tip 5 polite, tip 6 calm, tip 7 equals ----------------------------------------------------
def test_tip05_polite_professional() -> None:
    assert status(opening(Call()).score(), "tip05_polite_professional") == "pass"
    assert status(opening(Call()).turn_of("threat").score(), "tip05_polite_professional") == "miss"
    assert status(opening(Call()).turn_of("abusive").score(), "tip05_polite_professional") == "miss"


def test_tip06_remain_calm() -> None:
    calm = opening(Call()).turn_of("ask_reason", reply="Money's tight.", situation="ask_reason").turn_of("acknowledge")
    assert status(calm.score(), "tip06_remain_calm") == "pass"
    lost = opening(Call()).turn_of("ask_reason", reply="Money's tight.", situation="ask_reason").turn_of("abusive")
    assert status(lost.score(), "tip06_remain_calm") == "miss"
    assert status(opening(Call()).score(), "tip06_remain_calm") == "not_applicable"  # no pushback yet


def test_tip07_approach_as_equals() -> None:
    assert status(money_call((("ask_comments",), {})).score(), "tip07_approach_as_equals") == "pass"
    assert status(money_call((("state_expectation",), {})).score(), "tip07_approach_as_equals") == "miss"
    assert status(money_call((("ask_comments",), {}), (("abusive",), {})).score(), "tip07_approach_as_equals") == "miss"


# --- tip 8 be realistic --------------------------------------------------------------------
def _plan_call(monthly: float, months: int) -> Call:
    c = opening(Call()).turn_of("remind", amounts=(1250.0,))
    c.say("offer", plans=((monthly, months),)).offer("collector", "plan", monthly, months).agree(
        "plan", monthly, months
    )
    return c.state().reply("Okay.", "accept_offer")


def test_tip08_be_realistic_checks_the_plan_against_hidden_capacity() -> None:
    ok = _plan_call(210, 6).score().tip("tip08_be_realistic")  # $210 of a real $400 a month
    assert ok.status == "pass" and "$400" in ok.reason
    sc = scenario(authority={"max_plan_months": 12, "settlement_floor_pct": 50})
    pe = persona(finances={"monthly_capacity": 80})
    c = opening(Call(sc, pe)).turn_of("remind", amounts=(1250.0,))
    c.say("offer", plans=((105, 12),)).offer("collector", "plan", 105, 12).agree("plan", 105, 12).state().reply()
    bad = c.score().tip("tip08_be_realistic")
    assert bad.status == "miss" and "beyond what the debtor can really pay" in bad.reason
    assert status(opening(Call()).score(), "tip08_be_realistic") == "not_applicable"


# --- tip 9 clear message, tip 10 minimum -----------------------------------------------------
def test_tip09_clear_message() -> None:
    assert status(money_call((("state_expectation",), {})).score(), "tip09_clear_message") == "pass"
    assert status(money_call((("remind",), {})).score(), "tip09_clear_message") == "miss"


def test_tip10_concrete_minimum() -> None:
    assert status(_plan_call(210, 6).score(), "tip10_concrete_minimum") == "pass"  # $1,260 total
    below = opening(Call()).say("offer", amounts=(900.0,)).offer("collector", "lump_sum", 900).state().reply()
    tip = below.score().tip("tip10_concrete_minimum")
    assert tip.status == "miss" and "$1,062.50" in tip.reason
    too_long = _plan_call(110, 12).score()  # $1,320 but 12 months > 6
    assert status(too_long, "tip10_concrete_minimum") == "miss"
    assert status(opening(Call()).score(), "tip10_concrete_minimum") == "not_applicable"


# --- tip 11 reason, tip 12 comments, tip 13 counter-offer ---------------------------------------
def test_tip11_find_reason() -> None:
    assert status(money_call((("ask_reason",), {}), (("offer",), {})).score(), "tip11_find_reason") == "pass"
    late = money_call((("offer",), {}), (("ask_reason",), {})).score().tip("tip11_find_reason")
    assert late.status == "miss" and "only after" in late.reason
    assert status(money_call((("remind",), {})).score(), "tip11_find_reason") == "miss"


def test_tip12_ask_comments() -> None:
    good = money_call((("state_expectation",), {}), (("ask_comments",), {}))
    assert status(good.score(), "tip12_ask_comments") == "pass"
    early = money_call((("ask_comments",), {}), (("state_expectation",), {}))
    assert status(early.score(), "tip12_ask_comments") == "miss"
    assert status(money_call((("state_expectation",), {})).score(), "tip12_ask_comments") == "miss"


def test_tip13_require_counter_offer() -> None:
    c = money_call((("state_expectation",), {}), (("request_counter_offer",), {}))
    assert status(c.score(), "tip13_require_counter_offer") == "pass"
    c = opening(Call()).turn_of("state_expectation")
    c.say("offer", amounts=(1100.0,)).offer("collector", "lump_sum", 1100).state().reply()
    c.turn_of("request_counter_offer")
    tip = c.score().tip("tip13_require_counter_offer")
    assert tip.status == "miss" and "before asking" in tip.reason


def test_tips_12_and_13_do_not_apply_when_the_debtor_agrees_to_the_full_balance() -> None:
    c = opening(Call()).turn_of("remind", amounts=(1250.0,))
    c.say("state_expectation", amounts=(1250.0,)).offer("collector", "full_balance", 1250)
    c.agree("full_balance", 1250).state().reply("Okay, the full amount.", "accept_offer")
    card = c.score()
    assert status(card, "tip12_ask_comments") == status(card, "tip13_require_counter_offer") == "not_applicable"


# --- tip 14 don't counter immediately ------------------------------------------------------------
def _their_offer() -> Call:
    c = opening(Call()).turn_of("remind", amounts=(1250.0,))
    return c.say("request_counter_offer").offer("debtor", "lump_sum", 1100).state().reply("$1,100?", "counter_offer")


def test_tip14_dont_counter_immediately() -> None:
    paused = _their_offer().turn_of("consider").say("accept").agree("lump_sum", 1100, accepted_by="collector")
    assert status(paused.state().reply().score(), "tip14_dont_counter_immediately") == "pass"
    quick = _their_offer().say("accept").agree("lump_sum", 1100, accepted_by="collector").state().reply()
    tip = quick.score().tip("tip14_dont_counter_immediately")
    assert tip.status == "miss" and quick.events[tip.at]["moves"] == ["accept"]
    same_line = _their_offer().say("consider", "accept").agree("lump_sum", 1100, accepted_by="collector")
    assert status(same_line.state().reply().score(), "tip14_dont_counter_immediately") == "miss"
    assert status(opening(Call()).score(), "tip14_dont_counter_immediately") == "not_applicable"


# --- tip 15 good faith, tip 16 don't force ------------------------------------------------------
def test_tip15_good_faith_gesture() -> None:
    asked = money_call((("remind",), {})).say("ask_good_faith").good_faith(None).state().reply("Not today.")
    assert status(asked.score(), "tip15_good_faith_gesture") == "pass"  # asked, even though declined
    assert status(money_call((("remind",), {})).score(), "tip15_good_faith_gesture") == "miss"


def test_tip16_dont_force_issue() -> None:
    assert status(model_call().score(), "tip16_dont_force_issue") == "pass"
    hung = opening(Call()).say("state_expectation").state(stress=90).reply("I'm done.", "hang_up").close("hung_up")
    assert status(hung.score(), "tip16_dont_force_issue") == "miss"
    c = opening(Call()).say("remind").state(stress=75).reply("How dare you.", "remind")
    c.turn_of("explain_consequences")
    tip = c.score().tip("tip16_dont_force_issue")
    assert tip.status == "miss" and "upset" in tip.reason
    eased = opening(Call()).say("remind").state(stress=75).reply("How dare you.", "remind").turn_of("acknowledge")
    assert status(eased.score(), "tip16_dont_force_issue") == "pass"


# --- tips 17-19: after the deal ---------------------------------------------------------------
def test_tips_17_18_19_apply_only_when_a_deal_was_made() -> None:
    card = opening(Call()).score()
    for tip in ("tip17_confirm_in_writing", "tip18_explain_ramifications", "tip19_follow_up"):
        assert status(card, tip) == "not_applicable"
    bare = _plan_call(210, 6).score()
    for tip in ("tip17_confirm_in_writing", "tip18_explain_ramifications", "tip19_follow_up"):
        assert status(bare, tip) == "miss"
        assert bare.tip(tip).at is not None
    full = _plan_call(210, 6).turn_of("explain_consequences").turn_of("confirm_in_writing", "schedule_follow_up")
    for tip in ("tip17_confirm_in_writing", "tip18_explain_ramifications", "tip19_follow_up"):
        assert status(full.score(), tip) == "pass"


def test_tip17_confirming_before_the_deal_does_not_count() -> None:
    c = opening(Call()).turn_of("confirm_in_writing").turn_of("remind", amounts=(1250.0,))
    c.say("offer", plans=((210, 6),)).offer("collector", "plan", 210, 6).agree("plan", 210, 6).state().reply()
    assert status(c.score(), "tip17_confirm_in_writing") == "miss"


# --- tip 20 hold them to the deal ----------------------------------------------------------------
def test_tip20_hold_them_to_the_deal() -> None:
    assert status(opening(Call()).score(), "tip20_hold_to_deal") == "not_applicable"
    assert status(opening(Call()).turn_of("explain_consequences").score(), "tip20_hold_to_deal") == "pass"
    assert status(opening(Call()).turn_of("threat").score(), "tip20_hold_to_deal") == "miss"
    legal = "We will take legal action if you don't pay."
    untrue = opening(Call()).say("explain_consequences", text=legal).state().reply()
    assert status(untrue.score(), "tip20_hold_to_deal") == "miss"
    sc = scenario(authority={"legal_action_date": "2026-12-01"})
    right = (
        opening(Call(sc))
        .say("explain_consequences", text="Legal review starts on 2026-12-01.", dates=("2026-12-01",))
        .state()
        .reply()
    )
    assert status(right.score(), "tip20_hold_to_deal") == "pass"
    wrong = (
        opening(Call(sc))
        .say("explain_consequences", text="Legal review starts on Nov 15.", dates=("nov-15",))
        .state()
        .reply()
    )
    tip = wrong.score().tip("tip20_hold_to_deal")
    assert tip.status == "miss" and "2026-12-01" in tip.reason


# --- hints of seed 004 -----------------------------------------------------------------------------
def test_hint_listen() -> None:
    told = opening(Call()).turn_of("ask_reason", reply="I moved.", situation="ask_reason")
    assert status(told.turn_of("acknowledge").score(), "hint_listen") == "pass"
    told = opening(Call()).turn_of("ask_reason", reply="I moved.", situation="ask_reason")
    assert status(told.turn_of("state_expectation").score(), "hint_listen") == "miss"
    assert status(opening(Call()).score(), "hint_listen") == "not_applicable"


def test_hint_do_your_homework() -> None:
    text = "Your Brightline Electronics balance of $1,250 was due on 2026-10-01."
    c = opening(Call()).say("remind", text=text, amounts=(1250.0,), dates=("2026-10-01",)).state().reply()
    tip = c.score().tip("hint_do_your_homework")
    assert tip.status == "pass" and "creditor" in tip.reason and "due date" in tip.reason
    bare = opening(Call()).say("remind", text="You owe $1,250.", amounts=(1250.0,)).state().reply()
    assert status(bare.score(), "hint_do_your_homework") == "miss"


def test_hint_validate_claims() -> None:
    claim = opening(Call()).turn_of("ask_reason", reply="I lost my job.", situation="ask_reason")
    assert status(claim.turn_of("ask_proof").score(), "hint_validate_claims") == "pass"
    claim = opening(Call()).turn_of("ask_reason", reply="I lost my job.", situation="ask_reason")
    tip = claim.turn_of("acknowledge").score().tip("hint_validate_claims")
    assert tip.status == "miss"
    assert status(opening(Call()).score(), "hint_validate_claims") == "not_applicable"


def test_hint_validate_claims_says_when_the_unchecked_claim_was_false() -> None:
    pe = persona(finances={"claimed_monthly_capacity": 50, "claimed_reason": "I lost my job."})
    c = opening(Call(pe=pe)).turn_of("ask_reason", reply="I lost my job.", situation="ask_reason")
    tip = c.turn_of("acknowledge").score().tip("hint_validate_claims")
    assert tip.status == "miss" and "not true" in tip.reason


def test_hint_start_high() -> None:
    assert status(money_call((("state_expectation",), {})).score(), "hint_start_high") == "not_applicable"
    high = opening(Call()).say("state_expectation").offer("collector", "full_balance", 1250).state().reply()
    assert status(high.score(), "hint_start_high") == "pass"
    low = opening(Call()).say("offer").offer("collector", "lump_sum", 1100).state().reply()
    assert status(low.score(), "hint_start_high") == "miss"
    took = _their_offer().say("accept").agree("lump_sum", 1100, accepted_by="collector").state().reply()
    assert status(took.score(), "hint_start_high") == "miss"


def test_hint_not_personal() -> None:
    angry = opening(Call()).say("remind").state(stress=80).reply("Get lost!", "remind")
    assert status(angry.turn_of("acknowledge").score(), "hint_not_personal") == "pass"
    angry = opening(Call()).say("remind").state(stress=80).reply("Get lost!", "remind")
    assert status(angry.turn_of("abusive").score(), "hint_not_personal") == "miss"
    assert status(opening(Call()).score(), "hint_not_personal") == "not_applicable"


# --- procedural calls ------------------------------------------------------------------------------
def test_money_tips_do_not_apply_when_the_call_had_to_stop() -> None:
    c = Call(answered_by="third_party")
    c.say("greet", "identify_self").reply("Hi?", speaker="third_party")
    c.say("verify_identity", "schedule_follow_up", "end_call").reply("Bye.", "goodbye", speaker="third_party")
    c.close("wrong_party")
    s = statuses(c.score())
    for tip in (
        "tip02_start_with_reminder",
        "tip09_clear_message",
        "tip11_find_reason",
        "tip12_ask_comments",
        "tip13_require_counter_offer",
        "tip15_good_faith_gesture",
        "hint_do_your_homework",
        "tip16_dont_force_issue",
    ):
        assert s[tip] == "not_applicable", tip
    assert s["tip05_polite_professional"] == "pass"


def test_tips_12_and_13_still_apply_after_a_deal_below_the_full_balance() -> None:
    c = opening(Call()).turn_of("remind", amounts=(1250.0,))
    c.say("offer", amounts=(1100.0,)).offer("collector", "lump_sum", 1100).agree("lump_sum", 1100)
    card = c.state().reply("Okay.", "accept_offer").score()
    assert status(card, "tip12_ask_comments") == "miss"
    assert status(card, "tip13_require_counter_offer") == "miss"
