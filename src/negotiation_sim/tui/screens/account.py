"""The account file: read the facts and your authority, take notes, then dial."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Label, TextArea

from ..plan import CallPlan
from ..widgets.facts import AccountFile

if TYPE_CHECKING:
    from ..app import NegotiationApp


class AccountScreen(Screen[None]):
    """The information-gathering step before a call (000: do your homework)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+d", "dial", "Dial", key_display="^d", priority=True),
        Binding("escape", "back", "Back"),
        Binding("ctrl+n", "notes", "Notes", key_display="^n"),
    ]

    def __init__(self, plan: CallPlan) -> None:
        super().__init__()
        self.plan = plan
        self.identity: dict[str, str] | None = None

    @property
    def sim(self) -> NegotiationApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        scenario, _ = self.sim.scenario_and_persona(self.plan.scenario_id)
        yield Header()
        with Horizontal(id="account-body"):
            with VerticalScroll(id="account-scroll"):
                yield AccountFile(scenario, None, id="account-file")
            with Vertical(id="account-side"):
                yield Label(self._mode_text(), id="account-mode")
                yield Label("Notes (in view on the call)", classes="column-title")
                yield TextArea(self.sim.notes.get(self.plan.scenario_id, ""), id="notes", soft_wrap=True)
                yield Button("Dial  (^d)", id="dial", variant="success")
        yield Footer()

    def _mode_text(self) -> str:
        lesson = f"lesson call {self.plan.call_index + 1} · " if self.plan.lesson_id else ""
        mode = "graded" if self.plan.graded else "practice"
        return f"{lesson}{mode} · seed {self.plan.seed}"

    def on_mount(self) -> None:
        scenario, _ = self.sim.scenario_and_persona(self.plan.scenario_id)
        self.title = scenario.title
        self.sub_title = "account file"
        self.query_one("#dial", Button).focus()
        self.look_up_debtor()

    @work(thread=True, exclusive=True, group="identity", exit_on_error=False)
    def look_up_debtor(self) -> None:
        from ...engine.identity import identity_for

        _, persona = self.sim.scenario_and_persona(self.plan.scenario_id)
        identity = identity_for(self.plan.seed, persona.gender).to_dict()  # the debtor the call will meet
        self.app.call_from_thread(self._show_identity, identity)

    def _show_identity(self, identity: dict[str, str]) -> None:
        self.identity = identity
        scenario, _ = self.sim.scenario_and_persona(self.plan.scenario_id)
        self.query_one("#account-file", AccountFile).show(scenario, identity)

    def content_changed(self) -> None:
        """Live reload: show the new version of the account file if it still exists."""
        if self.sim.playable(self.plan.scenario_id):
            scenario, _ = self.sim.scenario_and_persona(self.plan.scenario_id)
            self.title = scenario.title
            self.query_one("#account-file", AccountFile).show(scenario, self.identity)

    @on(TextArea.Changed, "#notes")
    def _notes_changed(self, event: TextArea.Changed) -> None:
        self.sim.notes[self.plan.scenario_id] = event.text_area.text

    @on(Button.Pressed, "#dial")
    def action_dial(self) -> None:
        if not self.sim.playable(self.plan.scenario_id):
            self.notify("This scenario no longer validates; fix it first.", severity="error")
            return
        self.query_one("#dial", Button).disabled = True
        self.sim.dial(self.plan)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_notes(self) -> None:
        self.query_one("#notes", TextArea).focus()
