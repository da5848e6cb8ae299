"""The call: the transcript, the input line and move palette, the stage tracker, the facts and notes.

Each line the trainee says goes to `CallSession.say()`; the events that come back become
messages (TraineeLineHeard, ReplyReceived, StageChanged, …) that update the widgets.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Label, Static, TextArea

from ..messages import (
    CallClosed,
    CallNoteAdded,
    CallScored,
    DebtorStateChanged,
    ReplyReceived,
    StageChanged,
    TraineeLineHeard,
    message_for,
)
from ..phrases import BY_KEY, PHRASES, Phrase, phrase_values
from ..plan import CallPlan
from ..widgets.call_status import CallTimer, MoodMeter, StageTracker
from ..widgets.facts import CallFacts
from ..widgets.say_input import SayInput
from ..widgets.transcript import Transcript

if TYPE_CHECKING:
    from ...classroom.grading import CallGrade
    from ...classroom.run import LessonRun
    from ...engine.session import CallSession
    from ..app import NegotiationApp

Event = dict[str, Any]


class MoveCommands(Provider):
    """The command palette's move phrases: choose one to put it on the input line."""

    def _phrases(self) -> Iterable[tuple[str, Phrase]]:
        for phrase in PHRASES:
            key = f" ({phrase.key})" if phrase.key else ""
            yield f"Say: {phrase.label}{key}", phrase

    def _insert(self, phrase: Phrase) -> None:
        screen = self.screen
        if isinstance(screen, CallScreen):
            screen.insert_phrase(phrase)

    async def discover(self) -> Hits:
        if not isinstance(self.screen, CallScreen):
            return
        for title, phrase in self._phrases():
            yield DiscoveryHit(title, partial(self._insert, phrase), help=self.screen.phrase_text(phrase))

    async def search(self, query: str) -> Hits:
        if not isinstance(self.screen, CallScreen):
            return
        matcher = self.matcher(query)
        for title, phrase in self._phrases():
            score = max(matcher.match(title), matcher.match(phrase.move.replace("_", " ")))
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self._insert, phrase),
                    help=self.screen.phrase_text(phrase),
                )


class CallScreen(Screen[None]):
    """One call, from the first ring to the hang-up."""

    COMMANDS = App.COMMANDS | {MoveCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+g", "hang_up", "Hang up", key_display="^g", priority=True),
        Binding("ctrl+z", "undo", "Undo", key_display="^z", priority=True),
        Binding("ctrl+o", "hint", "Hint", key_display="^o", priority=True),
        Binding("ctrl+n", "notes", "Notes", key_display="^n", priority=True),
    ]

    def __init__(self, plan: CallPlan, session: CallSession) -> None:
        super().__init__()
        self.plan = plan
        self.session = session
        self.busy = False
        self.card: dict[str, Any] | None = None
        self.want_debrief = False
        self.grade: CallGrade | None = None  # a lesson's CallGrade (the scorecard less the hints' cost)

    @property
    def sim(self) -> NegotiationApp:
        return self.app  # type: ignore[return-value]

    @property
    def identity(self) -> dict[str, str]:
        return dict(self.session.events[0]["identity"])

    def compose(self) -> ComposeResult:
        scenario = self.session.scenario
        with Horizontal(id="call-top"):
            yield Label(
                Content.assemble((scenario.title, "bold"), ("  " + self._mode_text(), "$text-muted")),
                id="call-title",
            )
            yield CallTimer(self.sim.clock, id="call-timer")
        yield StageTracker(id="stages")
        with Horizontal(id="call-body"):
            yield Transcript(self.identity["first_name"], id="transcript")
            with Vertical(id="call-side"):
                yield CallFacts(scenario, self.identity, id="call-facts")
                mood = MoodMeter(id="mood")
                mood.display = self.plan.practice
                yield mood
                yield Label("Notes", classes="column-title")
                yield TextArea(self.sim.notes.get(self.plan.scenario_id, ""), id="call-notes", soft_wrap=True)
        yield Static(self._palette_text(), id="palette")
        yield SayInput(placeholder="Type what you say, then Enter", id="say")
        yield Footer()

    def _mode_text(self) -> str:
        lesson = f"lesson call {self.plan.call_index + 1} · " if self.plan.lesson_id else ""
        return f"{lesson}{'graded' if self.plan.graded else 'practice'} · seed {self.plan.seed}"

    @staticmethod
    def _palette_text() -> Content:
        parts: list[str | tuple[str, str]] = [("Empty line: ", "$text-muted")]
        for key, phrase in BY_KEY.items():
            parts += [(key, "bold $text-accent"), f" {phrase.short}  "]
        parts += [("^p", "bold $text-accent"), " all moves"]
        return Content.assemble(*parts)

    def on_mount(self) -> None:
        self.query_one("#say", SayInput).focus()
        self.render_events(self.session.events)

    # --- turning events into messages ------------------------------------------------------------
    def render_events(self, events: list[Event]) -> None:
        for event in events:
            message = message_for(event)
            if message is not None:
                self.post_message(message)

    @on(SayInput.Submitted, "#say")
    def _said(self, event: SayInput.Submitted) -> None:
        event.stop()
        if self.session.closed:
            self.action_debrief()
            return
        if self.busy:
            return
        if not event.value.strip():
            self.notify("Type what you would say, or press a number key for a phrase.", timeout=3)
            return
        event.input.value = ""
        self.busy = True
        self.take_turn(event.value)

    @work(exclusive=True, group="turn", exit_on_error=False)
    async def take_turn(self, text: str) -> None:
        try:
            events = self.session.say(text)
            await self._journal(events)
            self.render_events(events)
        finally:
            self.busy = False

    @property
    def lesson_run(self) -> LessonRun | None:
        run = self.sim.lesson_run
        return run if run is not None and self.plan.lesson_id is not None else None

    async def _journal(self, events: list[Event]) -> None:
        """In a lesson, every turn's events are stored before the reply is shown."""
        run = self.lesson_run
        if run is not None and events:
            await asyncio.to_thread(run.journal, events)

    def on_trainee_line_heard(self, message: TraineeLineHeard) -> None:
        self._transcript_add(message.event)

    def on_reply_received(self, message: ReplyReceived) -> None:
        self._transcript_add(message.event)

    def on_call_note_added(self, message: CallNoteAdded) -> None:
        self._transcript_add(message.event)

    def on_stage_changed(self, message: StageChanged) -> None:
        self.query_one(StageTracker).stage = message.after
        self._transcript_add(message.event)

    def on_debtor_state_changed(self, message: DebtorStateChanged) -> None:
        mood = self.query_one(MoodMeter)
        mood.trust = int(message.event["trust"])
        mood.stress = int(message.event["stress"])
        mood.mood = str(message.event["mood"])

    def on_call_closed(self, message: CallClosed) -> None:
        self._transcript_add(message.event)
        self.query_one(CallTimer).stop()
        say = self.query_one("#say", SayInput)
        say.value = ""
        say.placeholder = "The call is over — press Enter for the debrief"
        self.score()

    def _transcript_add(self, event: Event) -> None:
        transcript = self.query_one(Transcript)
        if transcript.add_event(event) is not None:
            transcript.scroll_end(animate=False)

    # --- the move palette ----------------------------------------------------------------------
    def phrase_text(self, phrase: Phrase) -> str:
        return phrase.fill(phrase_values(self.session.scenario, self.session.events))

    def insert_phrase(self, phrase: Phrase) -> None:
        if self.session.closed:
            return
        self.query_one("#say", SayInput).put(self.phrase_text(phrase))

    @on(SayInput.PhraseKey)
    def _phrase_key(self, message: SayInput.PhraseKey) -> None:
        self.insert_phrase(BY_KEY[message.key])

    # --- notes ---------------------------------------------------------------------------------
    @on(TextArea.Changed, "#call-notes")
    def _notes_changed(self, event: TextArea.Changed) -> None:
        self.sim.notes[self.plan.scenario_id] = event.text_area.text

    def action_notes(self) -> None:
        notes = self.query_one("#call-notes", TextArea)
        if notes.has_focus:
            self.query_one("#say", SayInput).focus()
        else:
            notes.focus()

    # --- hanging up, scoring, undo -------------------------------------------------------------
    def action_hang_up(self) -> None:
        if self.session.closed:
            self.action_debrief()
            return
        if self.busy:
            return
        self.busy = True
        self.end_call()

    @work(exclusive=True, group="turn", exit_on_error=False)
    async def end_call(self) -> None:
        try:
            events = self.session.end("collector ended the call")
            await self._journal(events)
            self.render_events(events)
        finally:
            self.busy = False

    @work(thread=True, exclusive=True, group="score", exit_on_error=False)
    def score(self) -> None:
        """Score the closed call (in a lesson: the classroom run scores it with its rubric and stores it)."""
        run = self.lesson_run
        if run is not None:
            grade = run.finish_call()
            self.post_message(CallScored(grade.card, grade))
            return
        from ...scoring import score_call

        card = score_call(self.session.scenario, self.session.persona, self.session.events).to_dict()
        self.post_message(CallScored(card))

    def on_call_scored(self, message: CallScored) -> None:
        self.card = message.card
        self.grade = message.grade
        if self.want_debrief:
            self.action_debrief()

    def action_debrief(self) -> None:
        if not self.session.closed:
            return
        if self.card is None:
            self.want_debrief = True  # shown as soon as the scorecard is ready
            return
        # an app worker: a worker of this screen would wait for its own screen's removal
        self.app.run_worker(
            self.sim.show_debrief(self.plan, self.session, self.card, self.grade),
            exclusive=True,
            group="leave",
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return self.undo_allowed
        if action == "hint":
            run = self.lesson_run
            return run is not None and run.hints_allowed and run.hints_left > 0
        return True

    @property
    def undo_allowed(self) -> bool:
        """Practice only, and only off the record: a lesson's journal is append-only."""
        return self.plan.practice and self.lesson_run is None

    def action_undo(self) -> None:
        if not self.undo_allowed or self.busy or self.session.turn == 0 or self.session.closed:
            return
        from ...engine.session import CallSession

        events = self.session.events
        cut = max(i for i, e in enumerate(events) if e["type"] == "trainee_said")
        said = events[cut]["text"]
        s = self.session
        self.session = CallSession.replay(s.scenario, s.persona, events[:cut], recogniser=s.recogniser)
        self.query_one(Transcript).remove_children()
        tracker = self.query_one(StageTracker)
        tracker.visited = {"opening"}
        tracker.stage = "opening"
        self.render_events(self.session.events)
        self.query_one("#say", SayInput).put(said)
        self.notify("Took back your last line; edit it and press Enter.", timeout=3)

    @work(thread=True, exclusive=True, group="hint", exit_on_error=False)
    def action_hint(self) -> None:
        from ...classroom.run import HintRefused

        run = self.lesson_run
        if run is None:
            return
        try:
            text = run.hint()
        except HintRefused as exc:
            self.app.call_from_thread(self.notify, f"No hint: {exc}", severity="warning")
            return
        title = f"Hint — {run.hints_left} left, −{run.lesson.hint_cost} points each"
        self.app.call_from_thread(self.notify, text, title=title, timeout=15)
        self.app.call_from_thread(self.refresh_bindings)
