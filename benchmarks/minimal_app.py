"""The reference for the TUI figures: a minimal Textual app (Header, Input, Footer).

    python benchmarks/minimal_app.py      # runs it in the terminal; ctrl+q quits

The TUI's start-up time and memory are reported as a ratio to this app, started and driven
the same way in the same benchmark run.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Input

# What the benchmark waits for on the screen to call the app "up".
READY_TEXT = "Say something to the debtor"


class MinimalApp(App[None]):
    TITLE = "minimal"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=READY_TEXT)
        yield Footer()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.input.value = ""


def make_app() -> MinimalApp:
    return MinimalApp()


if __name__ == "__main__":
    make_app().run()
