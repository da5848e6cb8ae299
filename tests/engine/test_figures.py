"""Figures in collector text: money, percentages, plans and dates - and what is NOT money."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negotiation_sim.engine.figures import MAX_CHARS, Figures, Plan, extract_figures, normalise_text

# (text, amounts, percents, plans as (monthly, months), dates)
CASES: list[tuple[str, list[float], list[float], list[tuple[float, int | None]], list[str]]] = [
    # money, every way of writing it
    ("The balance is $1,250.", [1250.0], [], [], []),
    ("Can you pay 1250 today?", [1250.0], [], [], ["today"]),
    ("I can do 1.2k", [1200.0], [], [], []),
    ("how about $1.2k", [1200.0], [], [], []),
    ("I could settle for twelve hundred dollars", [1200.0], [], [], []),
    ("we can take two hundred and fifty dollars", [250.0], [], [], []),
    ("pay a thousand dollars and we're done", [1000.0], [], [], []),
    ("the fee is $99.50", [99.5], [], [], []),
    ("I can accept USD 300", [300.0], [], [], []),
    ("give me 300 bucks", [300.0], [], [], []),
    ("that's 450 dollars", [450.0], [], [], []),
    ("we could do 5 grand", [5000.0], [], [], []),
    ("$5 is too little", [5.0], [], [], []),
    ("I'll take $800 now and $400 later", [800.0, 400.0], [], [], []),
    ("between 1,100 and 1,300 to settle", [1100.0, 1300.0], [], [], []),
    ("the balance of 2000 is due", [2000.0], [], [], []),
    ("$1,250.00 even", [1250.0], [], [], []),
    # percentages
    ("we can take 25% off", [], [25.0], [], []),
    ("settle at 25 percent", [], [25.0], [], []),
    ("twenty five percent off today", [], [25.0], [], ["today"]),
    ("how about 60 per cent", [], [60.0], [], []),
    ("pay half the balance now", [], [50.0], [], []),
    ("half the time it's fine", [], [], [], []),
    # plans
    ("$200 a month for 6 months", [], [], [(200.0, 6)], []),
    ("200/month for 6 months", [], [], [(200.0, 6)], []),
    ("6 payments of 200", [], [], [(200.0, 6)], []),
    ("six monthly payments of $150", [], [], [(150.0, 6)], []),
    ("$100 every month", [], [], [(100.0, None)], []),
    ("$100 monthly", [], [], [(100.0, None)], []),
    ("$100 per month for a year", [], [], [(100.0, 12)], []),
    ("we can do 200/mo for 6 mos", [], [], [(200.0, 6)], []),
    ("$50 per week", [], [], [(216.67, None)], []),  # weekly x 52 / 12
    ("$50 a week for 10 weeks", [], [], [(216.67, None)], []),  # weeks do not make whole months
    ("$150 biweekly", [], [], [(325.0, None)], []),  # fortnightly x 26 / 12
    ("$150 every two weeks", [], [], [(325.0, None)], []),
    ("$1,200 over 6 months", [], [], [(200.0, 6)], []),
    ("$900 split into 3 payments", [], [], [(300.0, 3)], []),
    ("three payments of four hundred", [], [], [(400.0, 3)], []),
    ("$500 now and $100 a month after that", [500.0], [], [(100.0, None)], []),
    ("$200 on the 1st of each month for 6 months", [], [], [(200.0, 6)], ["day:1"]),
    ("two hundred and fifty a month for a year", [], [], [(250.0, 12)], []),
    # dates
    ("can you pay by Friday?", [], [], [], ["friday"]),
    ("on the 15th works", [], [], [], ["day:15"]),
    ("on the fifteenth we'll call", [], [], [], ["day:15"]),
    ("the first of the month", [], [], [], ["day:1"]),
    ("tomorrow or today", [], [], [], ["tomorrow", "today"]),
    ("sometime next week", [], [], [], ["next_week"]),
    ("by the end of the month", [], [], [], ["end_of_month"]),
    ("due December 1st", [], [], [], ["dec-1"]),
    ("the twenty-first of december", [], [], [], ["dec-21"]),
    ("due on December 1st, 2026", [], [], [], ["2026-12-01"]),
    ("pay by 12/15", [], [], [], ["dec-15"]),
    ("on 2026-12-01 please", [], [], [], ["2026-12-01"]),
    ("starting next month", [], [], [], ["next_month"]),
]


@pytest.mark.parametrize(("text", "amounts", "percents", "plans", "dates"), CASES)
def test_figures_table(
    text: str,
    amounts: list[float],
    percents: list[float],
    plans: list[tuple[float, int | None]],
    dates: list[str],
) -> None:
    f = extract_figures(text)
    assert list(f.amounts) == amounts
    assert list(f.percents) == percents
    assert [(p.monthly, p.months) for p in f.plans] == plans
    assert list(f.dates) == dates


NOT_MONEY = [
    "it's been overdue since 2024",
    "back in 2025 you paid on time",
    "it's 6 months overdue",
    "it's been 90 days",
    "pay on the 15th",
    "call me at 555-123-4567",
    "my number is (555) 201-3344",
    "the last four of your social is 1234",
    "I live at 42 Elm Street and want to pay",
    "I'm 45 and can't pay",
    "we're open 24/7 for payments",
    "call back at 3:30 about the payment",
    "account number 88213390 for the payment",
    "you have 3 kids and a payment due",
    "the 2nd time you missed a payment",
]


@pytest.mark.parametrize("text", NOT_MONEY)
def test_not_money(text: str) -> None:
    assert extract_figures(text).amounts == ()


def test_bare_number_needs_money_context() -> None:
    assert extract_figures("Room 450 is on the left").amounts == ()
    assert extract_figures("Can you do 450?").amounts == (450.0,)


def test_plan_amount_is_not_also_an_amount() -> None:
    f = extract_figures("We can accept $200 a month for 6 months.")
    assert f.amounts == ()
    assert f.plans == (Plan(200.0, 6),)


def test_plan_total() -> None:
    assert Plan(200.0, 6).total == 1200.0
    assert Plan(216.67, None).total is None
    assert Plan(33.33, 3).total == 99.99


def test_dict_round_trip_is_json_safe_and_stable() -> None:
    f = extract_figures("$500 now, 25% off, $100 a month for 6 months, by Friday")
    d = f.to_dict()
    assert list(d) == ["amounts", "percents", "plans", "dates"]
    assert d == {
        "amounts": [500.0],
        "percents": [25.0],
        "plans": [{"monthly": 100.0, "months": 6}],
        "dates": ["friday"],
    }
    assert all(isinstance(x, float) for x in d["amounts"] + d["percents"])
    assert isinstance(d["plans"][0]["monthly"], float)
    assert Figures.from_dict(json.loads(json.dumps(d))) == f
    assert Figures.from_dict({}) == Figures()


def test_is_empty_and_has() -> None:
    assert Figures().is_empty()
    assert extract_figures("hello there").is_empty()
    f = extract_figures("$20 by friday")
    assert not f.is_empty()
    assert f.has("amount") and f.has("date") and not f.has("plan") and not f.has("percent")


def test_normalise_text() -> None:
    assert normalise_text("  I\u2019m   HERE\u200b\t\n now ") == "i'm here now"
    assert normalise_text("u owe ur balance w/ us") == "you owe your balance with us"
    assert normalise_text("lemme check") == "let me check"
    once = normalise_text("\u201cWe\u2019ll\u201d \u2014 see")
    assert normalise_text(once) == once


@pytest.mark.parametrize(
    "text",
    ["", " ", "\x00\x01\x02", "😀💸 $💰 100", "\u202eowe 500 dollars\u202c", "مرحبا 500 دولار",
     "\ufeff$1,2,3,4",
     "1" * 5000, "$" * 3000, "9" * 400 + " dollars", "..." * 1000, "12/99/9999", "2026-13-45", "feb 30",
     "the " * 30000],
)  # fmt: skip
def test_never_raises(text: str) -> None:
    assert isinstance(extract_figures(text), Figures)


def test_only_the_first_chars_are_read() -> None:
    text = "x" * (MAX_CHARS + 10) + " I can pay $500"
    assert extract_figures(text).amounts == ()
    assert extract_figures("I can pay $500 " + "x" * 100_000).amounts == (500.0,)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_fuzz_never_raises(text: str) -> None:
    f = extract_figures(text)
    assert Figures.from_dict(f.to_dict()) == f
