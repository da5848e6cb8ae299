"""The trainee's input line: Enter says it; on an empty line a number key inserts a phrase."""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import Input
from textual.widgets.input import Selection

from ..phrases import BY_KEY


class SayInput(Input):
    class PhraseKey(Message):
        """A palette number key was pressed on an empty line."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    async def _on_key(self, event: events.Key) -> None:
        if not self.value and event.character is not None and event.character in BY_KEY:
            event.stop()
            event.prevent_default()  # Input's own handler would type the digit
            self.post_message(self.PhraseKey(event.character))

    def put(self, text: str) -> None:
        """Replace the line with text; select the first '…' gap (a figure to fill in) if there is one."""
        self.value = text
        gap = text.find("…")
        if gap >= 0:
            self.selection = Selection(gap, gap + 1)
        else:
            self.cursor_position = len(text)
        self.focus()
