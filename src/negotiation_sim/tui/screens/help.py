"""Help: every key of every screen, and what the tags under your lines mean."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..phrases import BY_KEY

KEYS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Everywhere",
        [
            ("F1  ?", "this help (? only when not typing)"),
            ("^t", "switch between the dark and the light theme"),
            ("^p", "command palette (on the call: every move phrase)"),
            ("Tab  Shift+Tab", "move between the parts of a screen"),
            ("^q", "quit"),
        ],
    ),
    (
        "Home",
        [
            ("type", "filter the scenarios and lessons (every word must match)"),
            ("↑ ↓", "choose"),
            ("Tab", "switch between scenarios and lessons"),
            ("Enter", "open the scenario's account file, or start the lesson"),
            ("Backspace  Esc", "edit / clear the filter"),
        ],
    ),
    (
        "Account file",
        [
            ("^d  Enter on Dial", "dial: the call starts"),
            ("^n", "write notes (they stay in view during the call)"),
            ("Esc", "back"),
        ],
    ),
    (
        "Call",
        [
            ("Enter", "say the line"),
            ("1–9 0", "on an empty line: insert a phrase for a move (edit it, then Enter)"),
            ("^p", "every move phrase, searchable"),
            ("^g", "hang up (after the call: the debrief)"),
            ("^z", "practice only: take back your last line"),
            ("^o", "practice lessons only: a hint (costs points)"),
            ("^n", "switch between your notes and the input line"),
        ],
    ),
    (
        "Debrief",
        [
            ("↑ ↓", "choose a finding: the transcript shows its evidence"),
            ("1 2 3", "findings · the debtor's mind · the bargaining zone"),
            ("r", "play again with the same seed (the same debtor and words)"),
            ("n", "play again with a new seed"),
            ("c", "in a lesson: continue to the next call"),
            ("Esc", "home (in a lesson: the lesson)"),
        ],
    ),
]


def help_text() -> Content:
    parts: list[Content | str] = [Content.styled("Keys", "bold $accent")]
    for section, keys in KEYS:
        parts.append("")
        parts.append(Content.styled(section, "bold"))
        parts.extend(Content.assemble((f"  {k:<20}", "bold $text-accent"), what) for k, what in keys)
    parts += [
        "",
        Content.styled("Phrase keys on the call (empty line)", "bold"),
        Content("  " + " · ".join(f"{k} {p.short}" for k, p in BY_KEY.items())),
        "",
        Content.styled("The tags under your lines", "bold"),
        Content.assemble(
            "  ",
            (" remind ", "$text-primary on $primary-muted"),
            "  a move the simulator recognised in what you said; the debtor reacts to these.",
        ),
        Content.assemble(
            "  ",
            (" $1,250 ", "$text-accent on $accent-muted"),
            "  a figure it read: an amount, a plan, a percentage, a date.",
        ),
        Content.assemble(
            "  ",
            ("(no move recognised)", "italic $text-muted"),
            "  nothing it knows: rephrase, or use a phrase key.",
        ),
        "",
        Content.styled("Stage tracker", "bold"),
        Content("  ✓ stages the call has passed; the lit one is where it is now."),
        Content("  Practice calls show the debtor's trust and stress; graded calls do not."),
        "",
        Content.styled("Esc, F1 or q closes this help.", "$text-muted"),
    ]
    return Content("\n").join(parts)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q,question_mark", "dismiss", "Close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Help"
            yield Static(help_text(), id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()
