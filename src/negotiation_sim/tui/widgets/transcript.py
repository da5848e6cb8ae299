"""The call transcript: debtor and trainee lines, the recognised moves as tags, small notes.

Each line knows the event it came from, so the debrief can scroll to a finding's evidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ..format import describe_offer, money, move_label, outcome_label, stage_label

Event = dict[str, Any]


def figure_tags(figures: dict[str, Any]) -> list[str]:
    tags: list[str] = []
    for plan in figures.get("plans", []):
        months = plan.get("months")
        tags.append(f"{money(plan['monthly'])}/month" + (f" × {months}" if months else ""))
    plan_amounts = {float(p["monthly"]) for p in figures.get("plans", [])}
    tags.extend(money(a) for a in figures.get("amounts", []) if float(a) not in plan_amounts)
    tags.extend(f"{p:g}%" for p in figures.get("percents", []))
    tags.extend(str(d).replace("day:", "day ") for d in figures.get("dates", []))
    return tags


def trainee_content(event: Event) -> Content:
    line = Content.assemble(("You  ", "bold $primary"), event["text"] or "…")
    tags: list[tuple[str, str] | str] = ["     "]
    moves = event.get("moves") or []
    if moves:
        for move in moves:
            tags += [(f" {move_label(move)} ", "$text-primary on $primary-muted"), " "]
    else:
        tags.append(("(no move recognised)", "italic $text-muted"))
    for fig in figure_tags(event.get("figures") or {}):
        tags += [(f" {fig} ", "$text-accent on $accent-muted"), " "]
    return Content("\n").join([line, Content.assemble(*tags)])


def debtor_content(event: Event, name: str) -> Content:
    who = name if event.get("speaker") != "third_party" else "Someone else"
    return Content.assemble((f"{who}  ", "bold $secondary"), event["text"])


def note_content(event: Event) -> Content | None:
    kind = event["type"]
    if kind == "stage_changed":
        if event["to"] == "closed":
            return None
        return Content.styled(f"— stage: {stage_label(event['to'])} —", "$text-muted")
    if kind == "offer_made":
        who = "you offer" if event["by"] == "collector" else "they offer"
        return Content.styled(f"{who}: {describe_offer(event['offer'])}", "italic $text-muted")
    if kind == "agreement":
        return Content.styled(f"✔ agreed: {describe_offer(event['terms'])}", "bold $text-success")
    if kind == "good_faith":
        if event.get("agreed"):
            return Content.styled(f"✔ good-faith payment: {money(event.get('amount'))}", "$text-success")
        return Content.styled("✘ no good-faith payment", "$text-warning")
    if kind == "call_closed":
        return Content.styled(f"— call closed: {outcome_label(event['outcome'])} —", "bold $text-muted")
    if kind == "collector_ended":
        return Content.styled("— you hung up —", "$text-muted")
    return None


class TranscriptLine(Static):
    """One line of the call; `event_index` and `turn` tie it to the events."""

    def __init__(self, content: Content, event: Event, kind: str) -> None:
        super().__init__(content, classes=f"line {kind}")
        self.event_index: int = event["i"]
        self.turn: int = event["turn"]
        self.kind = kind


class Transcript(VerticalScroll):
    """The transcript; `add_events` appends what it shows, `show_evidence` jumps to events."""

    can_focus = True

    def __init__(self, debtor_name: str = "Debtor", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.debtor_name = debtor_name

    def add_event(self, event: Event) -> TranscriptLine | None:
        kind = event["type"]
        if kind == "trainee_said":
            line = TranscriptLine(trainee_content(event), event, "trainee")
        elif kind == "debtor_said":
            line = TranscriptLine(debtor_content(event, self.debtor_name), event, "debtor")
        else:
            note = note_content(event)
            if note is None:
                return None
            line = TranscriptLine(note, event, "note")
        self.mount(line)
        return line

    def add_events(self, events: Iterable[Event]) -> None:
        for event in events:
            self.add_event(event)
        self.scroll_end(animate=False)

    def lines(self) -> list[TranscriptLine]:
        return list(self.query(TranscriptLine))

    def show_evidence(self, indexes: Iterable[int]) -> list[TranscriptLine]:
        """Highlight the lines of these events (or their turn's lines) and scroll the first into view."""
        wanted = set(indexes)
        lines = self.lines()
        for line in lines:
            line.remove_class("evidence")
        hits = [line for line in lines if line.event_index in wanted]
        spoken = {line.event_index for line in hits}
        # events that are not lines (offers, flags, agreements) point at the lines of their turn
        turns = {line_turn for i in wanted - spoken if (line_turn := _turn_of(i, lines)) is not None}
        hits += [ln for ln in lines if ln.turn in turns and ln.kind != "note" and ln not in hits]
        hits.sort(key=lambda ln: ln.event_index)
        for line in hits:
            line.add_class("evidence")
        if hits:
            self.scroll_to_widget(hits[0], animate=False, top=True)
        return hits


def _turn_of(index: int, lines: list[TranscriptLine]) -> int | None:
    before = [ln for ln in lines if ln.event_index <= index]
    if before:
        return before[-1].turn
    return lines[0].turn if lines else None
