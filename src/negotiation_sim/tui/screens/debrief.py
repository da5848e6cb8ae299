"""The debrief: the grade, the findings with their evidence, the debtor's mind, the bargaining zone."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    Label,
    OptionList,
    Sparkline,
    Static,
    TabbedContent,
    TabPane,
)

from ..format import money, outcome_label, shorten
from ..plan import CallPlan
from ..widgets.findings import Finding, findings_options
from ..widgets.mind import BargainingZone, reason_text, signed, state_rows
from ..widgets.transcript import Transcript

if TYPE_CHECKING:
    from ...classroom.grading import CallGrade
    from ...engine.session import CallSession
    from ..app import NegotiationApp


FOCUS_IN_TAB = {"findings": "#findings-list", "mind": "#mind-table", "zone": "#zone-body"}


class DebriefScreen(Screen[None]):
    """What the call earned and why; choose a finding to see its evidence in the transcript."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "again", "Same seed"),
        Binding("n", "new_seed", "New seed"),
        Binding("c", "continue_lesson", "Continue"),
        Binding("escape", "home", "Home"),
        Binding("1", "tab('findings')", "Findings", show=False),
        Binding("2", "tab('mind')", "Debtor's mind", show=False),
        Binding("3", "tab('zone')", "Bargaining zone", show=False),
    ]

    def __init__(
        self, plan: CallPlan, session: CallSession, card: dict[str, Any], grade: CallGrade | None = None
    ) -> None:
        super().__init__()
        self.plan = plan
        self.session = session
        self.card = card
        self.grade = grade
        self.options, self.findings = findings_options(card)

    @property
    def sim(self) -> NegotiationApp:
        return self.app  # type: ignore[return-value]

    @property
    def in_lesson(self) -> bool:
        return self.plan.lesson_id is not None

    def compose(self) -> ComposeResult:
        events = self.session.events
        yield Header()
        yield Static(self._summary(), id="debrief-summary")
        with TabbedContent(id="debrief-tabs", initial="findings"):
            with TabPane("1 Findings", id="findings"), Horizontal(id="findings-body"):
                with Vertical(id="findings-side"):
                    yield OptionList(*self.options, id="findings-list")
                    with VerticalScroll(id="finding-detail-scroll"):
                        yield Static(id="finding-detail")
                yield Transcript(events[0]["identity"]["first_name"], id="debrief-transcript")
            with TabPane("2 Debtor's mind", id="mind"), VerticalScroll(id="mind-body"):
                yield Static(reason_text(events), id="mind-reason")
                rows = state_rows(events)
                with Horizontal(classes="spark-row"):
                    yield Label("Trust ", classes="spark-label")
                    yield Sparkline([r["trust"] for r in rows], id="trust-spark")
                with Horizontal(classes="spark-row"):
                    yield Label("Stress", classes="spark-label")
                    yield Sparkline([r["stress"] for r in rows], id="stress-spark")
                yield DataTable(id="mind-table", cursor_type="row", zebra_stripes=True)
            with TabPane("3 Bargaining zone", id="zone"), VerticalScroll(id="zone-body"):
                yield BargainingZone(events, id="zone-chart")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.session.scenario.title
        self.sub_title = "debrief"
        transcript = self.query_one("#debrief-transcript", Transcript)
        transcript.add_events(self.session.events)
        transcript.scroll_home(animate=False)
        self._fill_mind_table()
        findings = self.query_one("#findings-list", OptionList)
        first = next((n for n, o in enumerate(self.options) if not o.disabled), None)
        findings.highlighted = first
        findings.focus()

    def _summary(self) -> Content:
        card = self.card
        passed = card.get("passed")
        verdict = ("PASSED", "bold $text-success") if passed else ("NOT PASSED", "bold $text-error")
        parts = card.get("parts") or {}
        part_text = " · ".join(f"{k} {'n/a' if v is None else v}" for k, v in parts.items())
        first: list[str | tuple[str, str]] = [
            ("Grade ", "bold"),
            (f"{card.get('overall', 0)}", "bold $accent"),
            "/100  ",
            verdict,
            ("   " + part_text, "$text-muted"),
        ]
        lines = [Content.assemble(*first)]
        if self.grade is not None and self.grade.hints_used:
            g = self.grade
            lines.append(
                Content.styled(
                    f"Call grade {g.grade:g} after {g.hints_used} hint(s): {g.overall:g} − {g.hint_penalty:g} points",
                    "$text-warning",
                )
            )
        if card.get("capped"):
            lines.append(Content.styled(f"Capped: {card['capped']}", "$text-error"))
        outcome = card.get("outcome") or {}
        lines.append(
            Content.assemble(
                ("Outcome: ", "bold"),
                outcome_label(outcome.get("call_outcome")),
                " — ",
                shorten(outcome.get("summary", ""), 200),
            )
        )
        return Content("\n").join(lines)

    def _fill_mind_table(self) -> None:
        table = self.query_one("#mind-table", DataTable)
        table.add_columns("Turn", "Trust", "Stress", "Mood", "Would pay", "A month", "You said")
        for r in state_rows(self.session.events):
            table.add_row(
                str(r["turn"]),
                f"{r['trust']}{signed(r['delta'], 'trust')}",
                f"{r['stress']}{signed(r['delta'], 'stress')}",
                r["mood"],
                money(r["willing_lump_sum"]),
                money(r["willing_monthly"]),
                shorten(r["said"], 48),
            )

    # --- findings and their evidence -------------------------------------------------------------
    @on(OptionList.OptionHighlighted, "#findings-list")
    def _finding_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_finding(event.option.id)

    @on(OptionList.OptionSelected, "#findings-list")
    def _finding_selected(self, event: OptionList.OptionSelected) -> None:
        self.show_finding(event.option.id)

    def show_finding(self, option_id: str | None) -> Finding | None:
        finding = self.findings.get(option_id or "")
        if finding is None:
            return None
        self.query_one("#finding-detail", Static).update(finding.detail)
        transcript = self.query_one("#debrief-transcript", Transcript)
        transcript.show_evidence(finding.events)
        return finding

    # --- actions ---------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("again", "new_seed"):
            return not self.in_lesson
        if action == "continue_lesson":
            return self.in_lesson
        return True

    def action_again(self) -> None:
        if not self.in_lesson:
            self.sim.dial(self.plan)

    def action_new_seed(self) -> None:
        if not self.in_lesson:
            plan = self.plan.with_seed(self.sim.next_seed())
            self.sim.dial(plan)

    def action_continue_lesson(self) -> None:
        self.app.pop_screen()  # back to the lesson screen, which offers the next call

    def action_home(self) -> None:
        if self.in_lesson:
            self.app.pop_screen()
        else:
            self.sim.go_home()

    def action_tab(self, tab: str) -> None:
        self.query_one("#debrief-tabs", TabbedContent).active = tab
        # focus moves with the tab (a focused widget in a hidden pane would switch the tab back)
        self.query_one(FOCUS_IN_TAB[tab]).focus()

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        tab = event.pane.id or ""
        if tab in FOCUS_IN_TAB and not any(w is self.focused for w in event.pane.query("*")):
            self.query_one(FOCUS_IN_TAB[tab]).focus()
