"""A whole call played through the UI, from the home screen to the debrief, checked against the
scorecard computed headless from the same lines and seed."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input, OptionList

from negotiation_sim.engine.session import CallSession
from negotiation_sim.scoring import score_call
from negotiation_sim.tui.phrases import BY_KEY, phrase_values
from negotiation_sim.tui.screens.account import AccountScreen
from negotiation_sim.tui.screens.call import CallScreen
from negotiation_sim.tui.screens.debrief import DebriefScreen
from negotiation_sim.tui.widgets.call_status import MoodMeter, StageTracker
from negotiation_sim.tui.widgets.say_input import SayInput
from negotiation_sim.tui.widgets.transcript import Transcript, TranscriptLine

from .conftest import SCENARIO, by_the_book_lines, frozen_app, ready, screen_text, settle, wait_until


async def open_call(pilot: Any, filter_words: str = "first reminder") -> CallScreen:
    """Home → type a filter → Enter → the account file → ^d → the call."""
    app = pilot.app
    await pilot.press(*filter_words)
    assert app.screen.query_one("#filter", Input).value == filter_words
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(app.screen, AccountScreen))
    await settle(pilot)
    await pilot.press("ctrl+d")
    await wait_until(pilot, lambda: isinstance(app.screen, CallScreen))
    await settle(pilot)
    assert isinstance(app.screen, CallScreen)
    return app.screen


async def say(pilot: Any, text: str) -> None:
    screen = pilot.app.screen
    screen.query_one(SayInput).value = text
    await pilot.press("enter")
    await settle(pilot)


async def test_a_full_call_through_the_ui_gives_the_headless_scorecard() -> None:
    app = frozen_app()
    async with app.run_test(size=(110, 36)) as pilot:
        await ready(pilot)
        assert app.library is not None
        lines = by_the_book_lines(app.library)
        call = await open_call(pilot)
        assert call.plan.scenario_id == SCENARIO
        typed = min(range(1, len(lines)), key=lambda n: len(lines[n]))  # the shortest line, typed key by key

        # turn 1 from the move palette: the "1" phrase is exactly the by-the-book opening line
        await pilot.press("1")
        assert call.query_one(SayInput).value == lines[0]
        await pilot.press("enter")
        await settle(pilot)
        for n, line in enumerate(lines[1:], 1):
            if n == typed:
                await pilot.press(*line)
                assert call.query_one(SayInput).value == line
                await pilot.press("enter")
                await settle(pilot)
            else:
                await say(pilot, line)
        assert call.session.closed
        assert "press Enter for the debrief" in call.query_one(SayInput).placeholder

        # every trainee line shows its recognised moves as tags under it
        transcript = call.query_one(Transcript)
        trainee = [ln for ln in transcript.lines() if ln.kind == "trainee"]
        said = [e for e in call.session.events if e["type"] == "trainee_said"]
        assert len(trainee) == len(said) == len(lines)
        for line_widget, event in zip(trainee, said, strict=True):
            shown = str(line_widget.render())
            assert event["text"] in shown.replace("\n", " ") or event["text"][:30] in shown
            for move in event["moves"]:
                assert move.replace("_", " ") in shown
        assert call.query_one(StageTracker).stage == "closed"

        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, DebriefScreen))
        await settle(pilot)
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)

        # the same lines and seed, headless
        scenario = app.library.scenario(SCENARIO)
        headless = CallSession(scenario, app.library.persona_for(scenario))
        for line in lines:
            headless.say(line)
        card = score_call(scenario, headless.persona, headless.events).to_dict()
        assert debrief.session.events == headless.events
        assert debrief.card == card

        text = screen_text(app)
        assert f"Grade {card['overall']}/100" in text
        assert ("NOT PASSED" if not card["passed"] else "PASSED") in text
        findings = debrief.query_one("#findings-list", OptionList)
        prompts = [str(findings.get_option_at_index(i).prompt) for i in range(findings.option_count)]
        for trait in card["traits"]:
            assert any(trait["title"] in p and str(trait["score"]) in p for p in prompts), trait["title"]
        marks = {"pass": "✔", "miss": "✘", "not_applicable": "–"}
        for tip in card["tips"]:
            assert any(p.startswith(marks[tip["status"]]) and tip["title"] in p for p in prompts), tip["title"]

        # choosing a finding scrolls the transcript to its evidence and marks those lines
        with_evidence = next(
            (oid, f) for oid, f in debrief.findings.items() if f.events and oid.startswith(("trait:", "tip:"))
        )
        option_id, finding = with_evidence
        findings.highlighted = next(
            i for i in range(findings.option_count) if findings.get_option_at_index(i).id == option_id
        )
        await pilot.pause()
        marked = [
            w
            for w in debrief.query_one("#debrief-transcript", Transcript).query(TranscriptLine)
            if w.has_class("evidence")
        ]
        assert marked
        assert {w.event_index for w in marked} & set(finding.events)
        assert str(finding.detail).split("\n")[0] in str(debrief.query_one("#finding-detail").render())


async def test_hanging_up_ends_the_call_and_the_debrief_offers_the_same_or_a_new_seed() -> None:
    app = frozen_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await ready(pilot)
        call = await open_call(pilot)
        seed = call.plan.seed
        await pilot.press("1", "enter")
        await settle(pilot)
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: call.session.closed)
        assert call.session.events[-1]["type"] == "call_closed"
        assert any(e["type"] == "collector_ended" for e in call.session.events)
        await pilot.press("ctrl+g")  # after the call, the same key opens the debrief
        await wait_until(pilot, lambda: isinstance(app.screen, DebriefScreen))
        first_name = app.screen.session.identity.first_name

        await pilot.press("r")  # the same seed: the same debtor, the same opening line
        await wait_until(pilot, lambda: isinstance(app.screen, CallScreen) and app.screen is not call)
        again = app.screen
        assert isinstance(again, CallScreen)
        assert again.plan.seed == seed and again.session.turn == 0
        assert again.session.identity.first_name == first_name
        assert again.session.events[:3] == call.session.events[:3]

        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: again.session.closed)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, DebriefScreen))
        await pilot.press("n")  # a new seed from the app's seed source
        await wait_until(pilot, lambda: isinstance(app.screen, CallScreen) and app.screen is not again)
        assert app.screen.plan.seed == 500
        assert app.screen.session.events[0]["seed"] == 500

        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: app.screen.session.closed)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, DebriefScreen))
        await pilot.press("escape")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        assert len(app.screen_stack) == 1


async def test_the_move_palette_inserts_editable_phrases() -> None:
    app = frozen_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await ready(pilot)
        call = await open_call(pilot)
        say_input = call.query_one(SayInput)
        values = phrase_values(call.session.scenario, call.session.events)
        await pilot.press("4")
        assert say_input.value == BY_KEY["4"].fill(values)
        assert "$1,250" in say_input.value  # filled from the account file
        await pilot.press("end", "space", "5")  # on a line that has text, digits are just digits
        assert say_input.value.endswith(" 5")
        say_input.value = ""

        # the command palette lists every move phrase
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"good-faith")
        await wait_until(pilot, lambda: "good-faith payment" in screen_text(app))
        await pilot.press("enter")
        await wait_until(pilot, lambda: bool(say_input.value))
        assert say_input.value == BY_KEY["8"].fill(values)
        assert app.screen is call
        assert call.session.turn == 0  # nothing was said yet: the phrase waits to be edited


async def test_undo_takes_back_the_last_line_in_practice() -> None:
    app = frozen_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await ready(pilot)
        call = await open_call(pilot)
        mood = call.query_one(MoodMeter)
        assert mood.display  # practice: the mood indicator is shown
        await pilot.press("1", "enter")
        await settle(pilot)
        await say(pilot, "You owe us money, pay it now.")
        assert call.session.turn == 2
        before = list(call.session.events)
        last_state = [e for e in before if e["type"] == "debtor_state"][-1]
        assert (mood.trust, mood.stress) == (last_state["trust"], last_state["stress"])

        await pilot.press("ctrl+z")
        await settle(pilot)
        assert call.session.turn == 1
        cut = max(i for i, e in enumerate(before) if e["type"] == "trainee_said")
        assert call.session.events == before[:cut]
        assert call.query_one(SayInput).value == "You owe us money, pay it now."
        shown = [ln for ln in call.query_one(Transcript).lines() if ln.kind == "trainee"]
        assert len(shown) == 1
        await pilot.press("enter")
        await settle(pilot)
        assert call.session.turn == 2
        assert call.session.events == before  # the same line again: the same reply
