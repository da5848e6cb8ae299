"""Lessons in the TUI: the calls in order, every turn journaled in the classroom store; graded mode hides
the mood indicator and refuses undo; practice mode gives hints that cost points."""

from __future__ import annotations

from pathlib import Path

from negotiation_sim.store.db import Store
from negotiation_sim.tui.screens.account import AccountScreen
from negotiation_sim.tui.screens.call import CallScreen
from negotiation_sim.tui.screens.debrief import DebriefScreen
from negotiation_sim.tui.screens.lesson import LessonScreen
from negotiation_sim.tui.widgets.call_status import MoodMeter
from negotiation_sim.tui.widgets.say_input import SayInput

from .conftest import by_the_book_lines, frozen_app, ready, screen_text, settle, wait_until


async def start_lesson_call(pilot, app) -> CallScreen:  # type: ignore[no-untyped-def]
    await wait_until(pilot, lambda: isinstance(app.screen, LessonScreen))
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(app.screen, AccountScreen))
    await settle(pilot)
    await pilot.press("ctrl+d")
    await wait_until(pilot, lambda: isinstance(app.screen, CallScreen))
    await settle(pilot)
    return app.screen  # type: ignore[no-any-return]


async def test_a_graded_lesson_call_is_journaled_scored_and_stored(tmp_path: Path) -> None:
    db = tmp_path / "class.sqlite3"
    app = frozen_app(lesson_id="cca-12-1", student="ana", db=str(db))
    async with app.run_test(size=(110, 36)) as pilot:
        await ready(pilot)
        call = await start_lesson_call(pilot, app)
        lesson = app.library.lesson("cca-12-1")
        spec = lesson.calls[0]
        assert (call.plan.scenario_id, call.plan.seed, call.plan.graded) == (spec.scenario, spec.seed, True)
        assert not call.query_one(MoodMeter).display  # graded: no mood indicator
        assert "graded" in screen_text(app)

        lines = by_the_book_lines(app.library, spec.scenario, spec.seed)
        for n, line in enumerate(lines):
            call.query_one(SayInput).value = line
            await pilot.press("enter")
            await settle(pilot)
            if n == 1:
                # every turn is in the store before the reply is on screen
                with Store.open(db) as store:
                    attempt = store.attempts(student="ana")[0]
                    assert store.events(attempt.id) == call.session.events
                await pilot.press("ctrl+z")  # graded: no undo
                await settle(pilot)
                assert call.session.turn == 2
        assert call.session.closed
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, DebriefScreen))
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)

        with Store.open(db) as store:
            attempt = store.attempts(student="ana")[0]
            assert attempt.finished
            assert store.events(attempt.id) == call.session.events
            stored = store.scorecard(attempt.id)
            assert stored is not None and stored.card == debrief.card

        await pilot.press("r")  # no replays in a lesson: the key does nothing
        await pilot.pause()
        assert app.screen is debrief
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, LessonScreen))
        text = screen_text(app)
        assert f"grade {stored.grade:g}" in text
        assert "(next)" in text  # the second call waits


async def test_a_practice_lesson_gives_hints_that_cost_points(tmp_path: Path) -> None:
    db = tmp_path / "class.sqlite3"
    app = frozen_app(lesson_id="practice-ladder", student="ben", db=str(db))
    async with app.run_test(size=(110, 36)) as pilot:
        await ready(pilot)
        call = await start_lesson_call(pilot, app)
        assert call.plan.practice
        assert call.query_one(MoodMeter).display
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: any("Hint" in (n.title or "") for n in app._notifications))
        hint = next(n for n in app._notifications if "Hint" in (n.title or ""))
        with Store.open(db) as store:
            attempt = store.attempts(student="ben")[0]
            assert [h.text for h in store.hints(attempt.id)] == [hint.message]
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: call.session.closed)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, DebriefScreen))
        lesson = app.library.lesson("practice-ladder")
        card = app.screen.card
        summary = str(app.screen.query_one("#debrief-summary").render())
        expected = max(0, card["overall"] - lesson.hint_cost)
        assert f"Call grade {expected:g} after 1 hint(s): {card['overall']:g} − {lesson.hint_cost:g} points" in summary


async def test_a_lesson_asks_for_the_student_id_when_none_was_given(tmp_path: Path) -> None:
    db = tmp_path / "class.sqlite3"
    app = frozen_app(db=str(db))
    async with app.run_test(size=(110, 36)) as pilot:
        await ready(pilot)
        await pilot.press("tab")  # to the lessons
        await pilot.press(*"essentials")
        await pilot.press("enter")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "StudentPrompt")
        await pilot.press(*"cleo", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, LessonScreen))
        assert app.screen.run.lesson.id == "compliance-essentials"
        assert app.student == "cleo"
        with Store.open(db) as store:
            assert [r.student_id for r in store.runs(lesson="compliance-essentials")] == ["cleo"]


async def test_a_dialog_opened_while_the_app_had_no_focus_still_takes_the_keyboard(tmp_path: Path) -> None:
    """In a browser (`negotiation-sim serve`) the app starts without focus, and Textual gives a screen opened
    then no focused widget: the first key must still reach the student-id box."""
    from textual import events

    db = tmp_path / "class.sqlite3"
    app = frozen_app(lesson_id="cca-12-1", db=str(db))
    async with app.run_test(size=(110, 36)) as pilot:
        app.post_message(events.AppBlur())
        await pilot.pause()
        assert not app.app_focus
        await ready(pilot)
        await wait_until(pilot, lambda: type(app.screen).__name__ == "StudentPrompt")
        assert app.screen.focused is None  # what Textual leaves: nothing would take the keys
        await pilot.press(*"dee", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, LessonScreen))
        assert app.student == "dee"
        with Store.open(db) as store:
            assert [r.student_id for r in store.runs(lesson="cca-12-1")] == ["dee"]
