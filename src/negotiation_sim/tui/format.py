"""Display words for what the engine and the scoring report: stages, moves, money, offers.

Pure and light (no Textual, no engine import) so that the first screen does not wait for it.
"""

from __future__ import annotations

from typing import Any

from ..vocabulary import STAGE_ORDER, Stage

STAGE_LABELS: dict[str, str] = {
    Stage.OPENING: "Opening",
    Stage.REMINDER: "Reminder",
    Stage.REASON_FINDING: "Reason",
    Stage.COMMENTS: "Comments",
    Stage.COUNTER_OFFER: "Counter-offer",
    Stage.GOOD_FAITH: "Good faith",
    Stage.WRITTEN_CONFIRMATION: "Confirm",
    Stage.CLOSED: "Closed",
}
STAGES: tuple[str, ...] = tuple(s.value for s in STAGE_ORDER)

OUTCOME_LABELS: dict[str, str] = {
    "agreement": "agreement",
    "no_agreement": "no agreement",
    "hung_up": "the debtor hung up",
    "escalated": "escalated",
    "wrong_party": "wrong party",
}


def money(value: float | int | None) -> str:
    """Dollars the way the engine writes them: $1,250 or $1,250.50 (same rule as engine.offers.money)."""
    if value is None:
        return "—"
    value = float(value)
    if abs(value - round(value)) < 0.005:
        return f"${round(value):,}"
    return f"${value:,.2f}"


def move_label(move: str) -> str:
    return move.replace("_", " ")


def stage_label(stage: str) -> str:
    return STAGE_LABELS.get(stage, stage.replace("_", " ").capitalize())


def outcome_label(outcome: str | None) -> str:
    if not outcome:
        return "—"
    return OUTCOME_LABELS.get(outcome, outcome.replace("_", " "))


def describe_offer(offer: dict[str, Any] | None) -> str:
    """An offer or agreed terms as words, from the event dict {kind, amount, months, total}."""
    if not offer:
        return "—"
    kind = offer.get("kind")
    amount = offer.get("amount", 0.0)
    if kind == "plan":
        months = int(offer.get("months") or 1)
        return f"{money(amount)} a month for {months} months ({money(offer.get('total'))})"
    if kind == "full_balance":
        return f"the full balance, {money(amount)}"
    return f"{money(amount)} lump sum"


def bar(value: float, width: int, maximum: float = 100.0) -> str:
    """A text bar of `width` cells for value out of maximum, in eighths."""
    if width <= 0:
        return ""
    share = 0.0 if maximum <= 0 else max(0.0, min(1.0, value / maximum))
    eighths = round(share * width * 8)
    full, rest = divmod(eighths, 8)
    partial = " ▏▎▍▌▋▊▉"[rest] if rest else ""
    return ("█" * full + partial).ljust(width, "·")[:width]


def clock(seconds: float) -> str:
    seconds = max(0, int(seconds))
    minutes, secs = divmod(seconds, 60)
    return f"{minutes:02d}:{secs:02d}"


def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"
