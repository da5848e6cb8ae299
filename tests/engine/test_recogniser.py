"""The move recogniser: realistic collector lines -> moves, the labelled corpus, rules errors."""

from __future__ import annotations

import pathlib
import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from negotiation_sim.content.recogniser_rules import MoveRule, RecogniserRules, RecogniserRulesError
from negotiation_sim.engine.figures import Plan
from negotiation_sim.engine.moves import (
    MOVES,
    Recogniser,
    Recognition,
    default_recogniser,
    default_rules_path,
    load_rules,
    required_literals,
)

CORPUS = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "recogniser_corpus.yaml"
# Two sets written blind to the rules by someone who never saw them: the rules were tuned on the first;
# the second is held out, the honest measure of how well real trainees are heard. The floors sit a
# little under the accuracy measured when they were set (tuning - 2 points, held-out - 3 points).
BLIND_TUNING = CORPUS.parent / "recogniser_blind_tuning.yaml"
# A second blind tuning set, by another writer, with deliberate hard cases (negations, near-misses).
BLIND_TUNING_2 = CORPUS.parent / "recogniser_blind_tuning_2.yaml"
HELD_OUT = CORPUS.parent / "recogniser_held_out.yaml"
BLIND_TUNING_FLOOR = 0.97  # measured 99.4% (337/339) when set
BLIND_TUNING_2_FLOOR = 0.98  # measured 100% (408/408) after tuning on it (57.4% before)
HELD_OUT_FLOOR = 0.73  # measured 76.7% (264/344) once, after tuning on blind set 2 had finished (74.4% before)


@pytest.fixture(scope="module")
def rec() -> Recogniser:
    return default_recogniser()


# (text, moves that must be found, moves that must NOT be found)
TABLE: list[tuple[str, set[str], set[str]]] = [
    # opening and compliance
    ("Hi, this is Sam from Acme Recovery, this is an attempt to collect a debt.",
     {"greet", "identify_self", "mini_miranda"}, {"disclose_debt", "threat"}),
    ("Good afternoon, my name is Leah Cruz with Central Collections.", {"greet", "identify_self"},
     {"disclose_debt"}),
    ("Am I speaking with John?", {"verify_identity"}, {"disclose_debt", "greet"}),
    ("Is this Mr. Smith?", {"verify_identity"}, set()),
    ("Can you confirm the last four of your SSN?", {"verify_identity"}, set()),
    ("Could you verify your date of birth for me?", {"verify_identity"}, {"ask_proof"}),
    ("Can you confirm your current address?", {"verify_identity"}, set()),
    ("May I please speak with Teresa Nguyen?", {"verify_identity"}, set()),
    ("This is a communication from a debt collector.", {"mini_miranda"}, {"disclose_debt"}),
    ("This is an attempt to collect a debt and any information obtained will be used for that purpose.",
     {"mini_miranda"}, {"disclose_debt"}),
    ("I'm calling about a personal business matter.", {"state_agenda"}, {"disclose_debt", "remind"}),
    ("I'm calling about your overdue balance.", {"state_agenda", "disclose_debt"}, set()),
    ("Please have him call me back, it's about a personal matter.", {"schedule_follow_up"},
     {"disclose_debt"}),
    # reminder and disclosure
    ("You owe $1,250 and it was due on March 3rd.", {"remind", "disclose_debt"}, {"offer"}),
    ("The $1,200 you owe is now 30 days past due.", {"remind", "disclose_debt"}, {"offer"}),
    ("Your account with Acme is past due.", {"remind", "disclose_debt"}, set()),
    ("We delivered the sofa on May 2nd.", {"remind"}, {"disclose_debt"}),
    ("The balance is still $640.", {"remind", "disclose_debt"}, set()),
    ("Tell your sister she still owes us $300.", {"disclose_debt"}, {"threat"}),
    # reason, empathy, proof
    ("What happened that made the payments stop?", {"ask_reason"}, set()),
    ("Can you help me understand why the account fell behind?", {"ask_reason", "disclose_debt"}, set()),
    ("I understand, that sounds really hard.", {"acknowledge"}, set()),
    ("I hear you, losing hours is stressful.", {"acknowledge"}, set()),
    ("So what you're saying is you get paid on the 1st and the 15th.", {"acknowledge"}, {"offer"}),
    ("I'm so sorry to hear about your accident.", {"acknowledge"}, set()),
    ("I don't understand why you keep saying that.", set(), {"acknowledge"}),
    ("Could you send me a copy of the layoff letter?", {"ask_proof"}, {"offer_validation"}),
    ("Do you have anything from the insurance company showing the claim?", set(), {"offer_validation"}),
    ("I'd need to see proof of income before approving that.", {"ask_proof"}, set()),
    # expectation, comments, counter-offers
    ("We need the full balance of $1,250 paid by Friday.", {"state_expectation", "disclose_debt"}, {"offer"}),
    ("We expect payment in full.", {"state_expectation"}, {"offer"}),
    ("What do you think about that?", {"ask_comments"}, set()),
    ("How does that sound?", {"ask_comments"}, {"accept"}),
    ("What would be an acceptable solution for you?", {"ask_comments"}, set()),
    ("What can you afford each month?", {"request_counter_offer"}, {"offer"}),
    ("What's the most you could pay today?", {"request_counter_offer"}, {"offer"}),
    ("Make me an offer.", {"request_counter_offer"}, {"offer"}),
    # offers
    ("I can do $800 today.", {"offer"}, {"accept"}),
    ("We can accept $200 a month for 6 months.", {"offer"}, {"accept"}),
    ("If you pay 75% we'll settle.", {"offer"}, set()),
    ("How about two hundred a month for a year?", {"offer"}, set()),
    ("We could split it into 4 payments of $300.", {"offer"}, set()),
    ("I can take 1.5k as a lump sum.", {"offer"}, {"accept"}),
    ("We can set up a plan.", set(), {"offer"}),
    ("I can help you with that.", set(), {"offer", "accept"}),
    ("You owe $1,200 and we can work something out.", {"remind"}, set()),
    # accept, reject, consider
    ("That works.", {"accept"}, {"reject"}),
    ("Deal.", {"accept"}, set()),
    ("Okay, I can accept that.", {"accept"}, {"reject"}),
    ("Agreed.", {"accept"}, set()),
    ("I can't accept that.", {"reject"}, {"accept"}),
    ("That's too low.", {"reject"}, {"accept"}),
    ("No, that won't work.", {"reject"}, {"accept"}),
    ("That doesn't work for us, sorry.", {"reject"}, {"accept"}),
    ("I don't think that works.", set(), {"accept"}),
    ("Let me take a moment to review that.", {"consider"}, set()),
    ("Let me look at what you're proposing.", {"consider"}, set()),
    ("Give me a second to check.", {"consider"}, set()),
    # good faith, consequences, threats, abuse
    ("Could you make a good faith payment of $50 today?", {"ask_good_faith"}, set()),
    ("Would you put the boat up as collateral?", {"ask_good_faith"}, set()),
    ("If the payment is missed, the account may be referred for legal review.", {"explain_consequences"},
     {"threat"}),
    ("It could be reported to the credit bureaus.", {"explain_consequences"}, {"threat"}),
    ("If you miss a payment the agreement would be void and the full balance due.", {"explain_consequences"},
     {"threat"}),
    ("You'll be arrested if you don't pay.", {"threat"}, {"explain_consequences"}),
    ("We'll garnish your wages tomorrow.", {"threat"}, set()),
    ("With a court judgment, wages can be garnished.", set(), {"threat"}),
    ("We'll take your house.", {"threat"}, set()),
    ("I'm going to sue you today.", {"threat"}, set()),
    ("I'll tell your employer about this.", {"threat"}, set()),
    ("I'm not going to threaten you.", set(), {"threat"}),
    ("Nobody is going to jail over this.", set(), {"threat"}),
    ("You won't be arrested, I promise.", set(), {"threat"}),
    ("If you don't pay we'll have you arrested.", {"threat"}, set()),
    ("You idiot.", {"abusive"}, set()),
    ("Listen here, you deadbeat.", {"abusive"}, set()),
    ("You're a liar.", {"abusive"}, set()),
    ("Shut up.", {"abusive"}, set()),
    ("What the f*** is this?", {"abusive"}, set()),
    ("this is f**king ridiculous", {"abusive"}, set()),
    ("I'm not calling you a liar, I just need the paperwork.", set(), {"abusive"}),
    # closing
    ("I'll send you written confirmation of the agreement.", {"confirm_in_writing"}, set()),
    ("To recap, $150 on the 1st of each month starting January.", {"confirm_in_writing"}, set()),
    ("I'll call you on Friday to make sure it went through.", {"schedule_follow_up"}, set()),
    ("Can we set up a follow-up call for next Tuesday?", {"schedule_follow_up"}, set()),
    ("Let's get back to the account.", {"redirect"}, set()),
    ("Coming back to the balance, where were we?", {"redirect", "disclose_debt"}, set()),
    ("Beautiful weather today, huh?", {"small_talk"}, {"off_topic"}),
    ("How's the family?", {"small_talk"}, set()),
    ("Did you watch the game on Sunday?", {"small_talk"}, set()),
    ("What do you think about the election?", {"off_topic"}, {"ask_comments"}),
    ("Goodbye.", {"end_call"}, set()),
    ("I'll let you go, thanks.", {"end_call"}, set()),
    ("Thank you for your time, bye.", {"end_call"}, set()),
    ("I'm ending the call.", {"end_call"}, set()),
    # disputes and attorneys
    ("I can send you verification of the debt.", {"offer_validation", "disclose_debt"}, {"ask_proof"}),
    ("You have the right to dispute it; we'll mail a validation notice.", {"offer_validation"}, set()),
    ("What's your attorney's name and number?", {"ask_attorney_details"}, set()),
    ("Are you represented by a lawyer?", {"ask_attorney_details"}, set()),
    # typing like a person in a hurry
    ("hi this is kim w/ apex, am i speakin w/ dan?", {"greet", "identify_self", "verify_identity"}, set()),
    ("thats to low", {"reject"}, {"accept"}),
    ("ok that works 4 me", {"accept"}, set()),
    ("u owe 1250", {"remind", "disclose_debt"}, set()),
    ("lemme check w my supervisor", {"consider"}, set()),
    ("WE CAN DO $300 A MONTH", {"offer"}, set()),
    ("I\u2019m calling about the \u201cpersonal matter\u201d", {"state_agenda"}, set()),
    # conventions of the blind-labelled sets
    ("one sec", set(), {"consider"}),
    ("Bear with me, my computer is being slow.", set(), {"consider", "identify_self"}),
    ("Bear with me while I work out what that comes to.", {"consider"}, set()),
    ("understood", {"acknowledge"}, set()),
    ("You won't go to jail over a credit card debt.", {"explain_consequences", "disclose_debt"}, {"threat"}),
    ("fine by me, we'll take the 700", {"accept"}, {"offer"}),
    ("can you do like 50 bucks today as good faith", {"ask_good_faith"}, {"offer"}),
    ("Can you do better than that?", {"request_counter_offer"}, {"offer"}),
    ("Would you be open to a payment plan?", {"ask_comments"}, {"offer"}),
    ("Let me check if I can approve 60 percent.", {"consider"}, {"offer"}),
    ("Two years is far too long.", {"reject"}, set()),
    ("Your employer will be getting a call from us.", {"threat"}, set()),
    ("Thanks again and have a good evening.", {"end_call"}, {"greet"}),
    ("hello? are you still there", set(), {"greet"}),
    ("The amount outstanding is \u00a3640.", {"remind", "disclose_debt"}, set()),
    # conventions settled by the second blind tuning set
    ("We're not going to take your house.", {"explain_consequences"}, {"threat"}),
    ("Nobody's going to arrest you.", set(), {"threat", "explain_consequences"}),
    ("We won't accept less than 900.", {"offer"}, {"reject"}),
    ("Can you go to 250 a month?", {"offer"}, {"request_counter_offer"}),
    ("Is 80 the best you can do?", {"request_counter_offer"}, {"offer"}),
    ("What do you think you can afford?", {"request_counter_offer"}, {"ask_comments"}),
    ("What do you think about 200 a month?", {"offer", "ask_comments"}, set()),
    ("Sure, I can accept 75 a week.", {"accept"}, {"offer"}),
    ("So you're saying you can do 80 a week?", {"acknowledge"}, {"offer", "accept"}),
    ("That's a little low, but let me check with my manager.", {"consider"}, {"reject"}),
    ("Give me a minute to pull up your file.", set(), {"consider"}),
    ("The full amount is due, so that's what we need.", {"state_expectation"}, {"disclose_debt", "remind"}),
    ("I'll call you Friday at 10, does that work?", {"schedule_follow_up"}, {"ask_comments"}),
    ("I'm calling about the unpaid traffic fine.", {"state_agenda", "disclose_debt"}, {"small_talk"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected", "absent"), TABLE, ids=[t[0][:40] for t in TABLE])
def test_table(rec: Recogniser, text: str, expected: set[str], absent: set[str]) -> None:
    got = set(rec.recognise(text).moves)
    assert expected <= got, f"missing {sorted(expected - got)} in {text!r} (got {sorted(got)})"
    assert not (absent & got), f"unexpected {sorted(absent & got)} in {text!r}"


def test_table_is_big_enough() -> None:
    assert len(TABLE) >= 80


def test_moves_come_in_text_order(rec: Recogniser) -> None:
    r = rec.recognise("Hi, this is Sam from Acme Recovery, this is an attempt to collect a debt.")
    assert r.moves == ("greet", "identify_self", "mini_miranda")
    r = rec.recognise("That works. I'll send you written confirmation today and call you on the 2nd to check in.")
    assert r.moves == ("accept", "confirm_in_writing", "schedule_follow_up")


def test_recognition_carries_figures_and_normalised_text(rec: Recogniser) -> None:
    r = rec.recognise("  We can ACCEPT $200 a month   for 6 months\u2019 time ")
    assert isinstance(r, Recognition)
    assert r.text == "we can accept $200 a month for 6 months' time"
    assert r.figures.plans == (Plan(200.0, 6),)
    assert "offer" in r.moves


def test_moves_are_distinct(rec: Recogniser) -> None:
    r = rec.recognise("Hello hello hi. You owe $5. You owe $10.")
    assert len(r.moves) == len(set(r.moves))


def test_offer_needs_figures_in_the_same_sentence(rec: Recogniser) -> None:
    assert "offer" not in rec.recognise("Your balance is $900. We can set something up.").moves
    assert "offer" in rec.recognise("Your balance is $900. We can do $600 today.").moves


def test_vocabulary() -> None:
    assert len(MOVES) == len(set(MOVES)) == 29
    assert all(re.fullmatch(r"[a-z]+(?:_[a-z]+)*", m) for m in MOVES)
    assert MOVES[0] == "greet" and MOVES[-2:] == ("offer_validation", "ask_attorney_details")


def test_shipped_rules_cover_the_vocabulary(rec: Recogniser) -> None:
    assert default_rules_path().is_file()
    assert set(MOVES) <= rec.known_moves()


def test_every_rules_example_is_recognised(rec: Recogniser) -> None:
    missed = []
    for move, rule in rec.rules.moves.items():
        assert rule.examples, f"{move} has no examples"
        missed += [(move, ex) for ex in rule.examples if move not in rec.recognise(ex).moves]
    assert not missed


def test_prefilter_changes_nothing(rec: Recogniser) -> None:
    """Skipping patterns whose literals are absent must give the same result as running them all."""
    brute = Recogniser(rec.rules)
    brute._index.always = frozenset(range(len(brute._index.move_of)))
    paths = (CORPUS, BLIND_TUNING, BLIND_TUNING_2)
    texts = [item["text"] for path in paths for item in yaml.safe_load(path.read_text("utf-8"))]
    for text in texts + [t for t, _, _ in TABLE]:
        assert brute.recognise(text).moves == rec.recognise(text).moves, text


def test_knowing_the_moves_builds_nothing_and_the_first_line_builds_the_index(rec: Recogniser) -> None:
    """Validating content asks only which moves exist; the index and the regexes wait for a line."""
    fresh = Recogniser(rec.rules)
    assert fresh.known_moves() == rec.known_moves()
    assert "_index" not in vars(fresh)
    assert fresh.recognise("Hello, this is Sam.").moves == rec.recognise("Hello, this is Sam.").moves
    assert "_index" in vars(fresh)


@pytest.mark.parametrize(
    ("source", "literals"),
    [
        (r"\bhow(?:'s| does)\b[^?!]{0,50}\bsounds?\b", {"sound"}),
        (r"\b(?:pay|owe)\b", {"pay", "owe"}),
        (r"\b(?:owe|owing)\b", {"ow"}),  # the parser factors the common prefix out
        (r"(?:a|bc)?xyz", {"xyz"}),
        (r"[abc]+", None),
        (r"\ba[*#@]+(?:hole)?\b", {"a*", "a#", "a@"}),  # a small class after a literal spells it out
        (r"\d+ days", {" days"}),
        (r"(", None),
    ],
)
def test_required_literals(source: str, literals: set[str] | None) -> None:
    got = required_literals(source)
    assert (None if got is None else set(got)) == literals


def test_a_hand_built_rules_model() -> None:
    rules = RecogniserRules(
        moves={
            "greet": MoveRule(phrases=["hello there", "g'day"]),
            "end_call": MoveRule(),  # no phrases: switched off
            "haggle": MoveRule(patterns=[r"\bmeet (?:you )?halfway\b"], requires_figures=["amount"]),
        }
    )
    r = Recogniser(rules)
    assert r.known_moves() == {"greet", "end_call", "haggle"}
    assert r.recognise("HELLO   there, gday!").moves == ("greet",)
    assert r.recognise("Bye").moves == ()
    assert r.recognise("meet you halfway at $400").moves == ("haggle",)
    assert r.recognise("meet you halfway?").moves == ()


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\x00\x07\x1b[31m", "😀" * 500, "\u202egoodbye\u202c", "שלום, this is a debt collector",
     "a" * 100_000, "$" * 5000, "you owe " * 20_000, "\ud800", "'" * 3000, "(((((((((("],
)  # fmt: skip
def test_any_text_is_handled(rec: Recogniser, text: str) -> None:
    r = rec.recognise(text)
    assert isinstance(r, Recognition)
    assert len(r.text) <= 2000


def test_only_the_first_2000_characters_are_read(rec: Recogniser) -> None:
    assert "end_call" not in rec.recognise("x " * 1000 + "goodbye").moves
    assert "end_call" in rec.recognise("goodbye " + "x " * 10_000).moves


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_fuzz(text: str) -> None:
    r = default_recogniser().recognise(text)
    assert set(r.moves) <= set(MOVES)


# ------------------------------------------------------------------------- the corpus


def _accuracy(rec: Recogniser, path: pathlib.Path, name: str) -> tuple[float, int]:
    """Exact-set accuracy over a labelled file; prints it and every line it gets wrong."""
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    wrong = []
    for item in items:
        assert set(item) == {"text", "moves"} and set(item["moves"]) <= set(MOVES), item
        got = set(rec.recognise(item["text"]).moves)
        if got != set(item["moves"]):
            wrong.append((item["text"], sorted(set(item["moves"]) - got), sorted(got - set(item["moves"]))))
    accuracy = 1 - len(wrong) / len(items)
    print(f"\n{name} accuracy: {accuracy:.1%} ({len(items) - len(wrong)}/{len(items)})")
    for text, missing, extra in wrong:
        print(f"  {text!r}: missing {missing}, extra {extra}")
    return accuracy, len(items)


def test_corpus_accuracy(rec: Recogniser) -> None:
    accuracy, size = _accuracy(rec, CORPUS, "recogniser corpus")
    assert size >= 250
    assert accuracy >= 0.99  # measured 99.8% (559/560)


def test_blind_tuning_accuracy(rec: Recogniser) -> None:
    """Lines written blind to the rules, from the move descriptions only; the rules were tuned on them."""
    accuracy, size = _accuracy(rec, BLIND_TUNING, "blind tuning set")
    assert size >= 300
    assert accuracy >= BLIND_TUNING_FLOOR


def test_blind_tuning_2_accuracy(rec: Recogniser) -> None:
    """A second writer's blind lines, with deliberate hard cases; the rules were tuned on them too."""
    accuracy, size = _accuracy(rec, BLIND_TUNING_2, "blind tuning set 2")
    assert size >= 400
    assert accuracy >= BLIND_TUNING_2_FLOOR


def test_held_out_accuracy(rec: Recogniser) -> None:
    """The honest measure: written like the tuning set, never used to tune the rules (do not tune on it)."""
    accuracy, size = _accuracy(rec, HELD_OUT, "blind held-out set")
    assert size >= 300
    assert accuracy >= HELD_OUT_FLOOR


# ------------------------------------------------------------------------- rules file errors


def _shipped() -> str:
    return default_rules_path().read_text(encoding="utf-8")


def _write(tmp_path: pathlib.Path, text: str) -> pathlib.Path:
    path = tmp_path / "moves.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _position(text: str, needle: str) -> tuple[int, int]:
    offset = text.index(needle)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _errors(path: pathlib.Path) -> str:
    with pytest.raises(RecogniserRulesError) as info:
        load_rules(path)
    return str(info.value)


def test_shipped_rules_load() -> None:
    rules = load_rules(default_rules_path())
    assert set(rules.moves) >= set(MOVES)


def test_unknown_key_names_line_col_and_suggests(tmp_path: pathlib.Path) -> None:
    text = _shipped().replace("    phrases: [hello, helo,", "    phrase: [hello, helo,", 1)
    path = _write(tmp_path, text)
    line, col = _position(text, "phrase: [hello")
    message = _errors(path)
    assert f"{path}:{line}:{col}: moves.greet.phrase: unknown key (did you mean 'phrases'?)" in message


def test_bad_regex_names_the_pattern_and_position(tmp_path: pathlib.Path) -> None:
    text = _shipped().replace("      - \\bor else\\b", "      - \\bor (else\\b", 1)
    path = _write(tmp_path, text)
    line, col = _position(text, "\\bor (else")
    message = _errors(path)
    assert f"{path}:{line}:{col}: moves.threat.patterns[" in message
    assert "invalid regular expression '\\\\bor (else\\\\b'" in message
    assert "missing ), unterminated subpattern at position 5" in message


def test_pattern_matching_empty_text_is_refused(tmp_path: pathlib.Path) -> None:
    text = _shipped().replace("      - \\bor else\\b", "      - (?:or else)?", 1)
    assert "matches empty text" in _errors(_write(tmp_path, text))


def test_typo_in_a_move_id_suggests_the_move(tmp_path: pathlib.Path) -> None:
    text = _shipped().replace("\n  mini_miranda:\n", "\n  mini_mirnda:\n", 1)
    path = _write(tmp_path, text)
    line, col = _position(text, "mini_mirnda:")
    message = _errors(path)
    assert (
        f"{path}:{line}:{col}: moves.mini_mirnda: unknown move 'mini_mirnda' (did you mean 'mini_miranda'?)" in message
    )
    assert "missing move(s) mini_miranda" in message


def test_move_ids_must_be_snake_case(tmp_path: pathlib.Path) -> None:
    text = _shipped() + "\n  Small-Talk2:\n    phrases: [howdy]\n"
    assert "must be snake_case" in _errors(_write(tmp_path, text))


def test_unquoted_yes_no_is_explained(tmp_path: pathlib.Path) -> None:
    text = _shipped().replace("    phrases: [hello, helo,", "    phrases: [no, hello, helo,", 1)
    path = _write(tmp_path, text)
    line, col = _position(text, "no, hello")
    assert f"{path}:{line}:{col}: moves.greet.phrases[0]: Input should be a valid string (got False)" in _errors(path)


def test_yaml_syntax_error_has_a_position(tmp_path: pathlib.Path) -> None:
    path = _write(tmp_path, "version: 1\nmoves:\n  greet:\n    phrases: [hello\n")
    assert re.search(rf"^{re.escape(str(path))}:\d+:\d+: YAML error", _errors(path), re.M)


def test_several_problems_are_all_reported(tmp_path: pathlib.Path) -> None:
    text = _shipped().replace("    phrases: [hello, helo,", "    phrase: [hello, helo,", 1)
    text = text.replace("      - \\bor else\\b", "      - \\bor (else\\b", 1)
    message = _errors(_write(tmp_path, text))
    assert "unknown key" in message and "invalid regular expression" in message


def test_missing_file(tmp_path: pathlib.Path) -> None:
    assert "cannot read file" in _errors(tmp_path / "nope.yaml")
