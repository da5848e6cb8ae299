"""The TUI's display helpers: money as the engine writes it, bars, offers, tags, phrases."""

from __future__ import annotations

import pytest

from negotiation_sim.content.library import Library
from negotiation_sim.engine.moves import default_recogniser
from negotiation_sim.engine.offers import money as engine_money
from negotiation_sim.tui.format import bar, clock, describe_offer, money, stage_label
from negotiation_sim.tui.phrases import BY_KEY, PHRASES, phrase_values
from negotiation_sim.tui.widgets.transcript import figure_tags


@pytest.mark.parametrize("value", [0, 5, 99.5, 1250, 1062.5, 1234567.891, 0.004, 20.1])
def test_money_reads_like_the_engine(value: float) -> None:
    assert money(value) == engine_money(value)


def test_bars_clock_offers_and_stage_names() -> None:
    assert bar(0, 8) == "········"
    assert bar(100, 8) == "████████"
    assert bar(50, 8) == "████····"
    assert bar(150, 4) == "████"
    assert len(bar(33, 10)) == 10
    assert clock(0) == "00:00" and clock(125.9) == "02:05"
    assert describe_offer({"kind": "plan", "amount": 200, "months": 6, "total": 1200}) == (
        "$200 a month for 6 months ($1,200)"
    )
    assert describe_offer({"kind": "lump_sum", "amount": 750, "months": 1, "total": 750}) == "$750 lump sum"
    assert stage_label("counter_offer") == "Counter-offer"


def test_figure_tags_show_plans_once_and_other_figures() -> None:
    tags = figure_tags(
        {
            "amounts": [200.0, 1250.0],
            "percents": [85.0],
            "plans": [{"monthly": 200.0, "months": 6}],
            "dates": ["friday", "day:15"],
        }
    )
    assert tags == ["$200/month × 6", "$1,250", "85%", "friday", "day 15"]


def test_every_phrase_is_recognised_as_its_move(library: Library) -> None:
    """The palette's phrases are understood by the recogniser as the move they are offered for."""
    scenario = library.scenario("first-reminder-fran")
    values = phrase_values(scenario, [])
    values.update(name="Dana Smith", terms="$1,250 as a lump sum")
    recogniser = default_recogniser()
    for phrase in PHRASES:
        heard = recogniser.recognise(phrase.fill(values)).moves
        assert phrase.move in heard, (phrase.label, heard)
    assert sorted(BY_KEY) == list("0123456789")
