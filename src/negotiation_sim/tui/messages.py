"""Messages up: what happened, in the past tense (DESIGN §9).

The call screen turns the engine's events into these messages; the app turns content loading
into LibraryLoaded / ContentProblemsFound. Widgets below only get attributes set on them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from ..content.library import Library
    from ..content.problems import Problem

Event = dict[str, Any]


class LibraryLoaded(Message):
    """The content library was (re)loaded without problems."""

    def __init__(self, library: Library, changed: list[str], first: bool) -> None:
        super().__init__()
        self.library = library
        self.changed = changed
        self.first = first


class ContentProblemsFound(Message):
    """The content no longer validates; the last good library stays in use."""

    def __init__(self, problems: list[Problem], library: Library | None) -> None:
        super().__init__()
        self.problems = problems
        self.library = library


class TraineeLineHeard(Message):
    """The engine heard a trainee line (with its recognised moves and figures)."""

    def __init__(self, event: Event) -> None:
        super().__init__()
        self.event = event


class ReplyReceived(Message):
    """The debtor (or whoever answered) said something."""

    def __init__(self, event: Event) -> None:
        super().__init__()
        self.event = event


class StageChanged(Message):
    def __init__(self, event: Event) -> None:
        super().__init__()
        self.event = event
        self.before: str = event["from"]
        self.after: str = event["to"]


class DebtorStateChanged(Message):
    """A `debtor_state` event: trust, stress, mood (shown in practice mode only)."""

    def __init__(self, event: Event) -> None:
        super().__init__()
        self.event = event


class CallNoteAdded(Message):
    """An event the transcript shows as a small note: an offer, an agreement, a good-faith answer."""

    def __init__(self, event: Event) -> None:
        super().__init__()
        self.event = event


class CallClosed(Message):
    def __init__(self, event: Event) -> None:
        super().__init__()
        self.event = event
        self.outcome: str = event["outcome"]


class CallScored(Message):
    """The scorecard of a closed call is ready (Scorecard.to_dict())."""

    def __init__(self, card: dict[str, Any], grade: Any = None) -> None:
        super().__init__()
        self.card = card
        self.grade = grade  # in a lesson: the classroom's CallGrade (hint penalty, call grade)


def message_for(event: Event) -> Message | None:
    """The message an engine event becomes, or None for events the call screen does not show."""
    kind = event["type"]
    if kind == "trainee_said":
        return TraineeLineHeard(event)
    if kind == "debtor_said":
        return ReplyReceived(event)
    if kind == "stage_changed":
        return StageChanged(event)
    if kind == "debtor_state":
        return DebtorStateChanged(event)
    if kind in ("offer_made", "agreement", "good_faith"):
        return CallNoteAdded(event)
    if kind == "call_closed":
        return CallClosed(event)
    return None
