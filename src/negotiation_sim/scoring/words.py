"""Events put into words: quotes for evidence, amounts of money, offers."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..engine import events as ev
from ..engine.events import Event

QUOTE_LIMIT = 160


@lru_cache(maxsize=1024)  # a call cites the same lines many times; a pure function, so caching changes nothing
def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def who_of(event: Event) -> str:
    if event["type"] == ev.TRAINEE_SAID:
        return "collector"
    if event["type"] == ev.DEBTOR_SAID:
        return str(event.get("speaker", "debtor"))
    return "call"


def describe(event: Event) -> str:
    """What an event says, in words, for a quote."""
    kind = event["type"]
    if kind in (ev.TRAINEE_SAID, ev.DEBTOR_SAID):
        return str(event.get("text", ""))
    if kind == ev.OFFER_MADE:
        return f"{event['by']} offer: {offer_words(event['offer'])}"
    if kind == ev.AGREEMENT:
        return f"agreement: {offer_words(event['terms'])}"
    if kind == ev.GOOD_FAITH:
        amount = event.get("amount")
        return (
            f"good-faith payment: {money(amount)}"
            if event.get("agreed") and amount is not None
            else "good-faith payment declined"
        )
    if kind == ev.FLAG:
        return f"{event['flag']}: {event.get('detail', '')}".rstrip(": ")
    if kind == ev.REVEALED:
        return str(event.get("text", ""))
    if kind == ev.DEBTOR_STATE:
        mood = event["mood"]
        return f"trust {event['trust']}, stress {event['stress']}, patience {event['patience']} ({mood})"
    if kind == ev.CALL_CLOSED:
        return f"call closed: {str(event['outcome']).replace('_', ' ')} ({event.get('reason', '')})"
    if kind == ev.COLLECTOR_ENDED:
        return f"collector ended the call ({event.get('reason', '')})"
    if kind == ev.STAGE_CHANGED:
        return f"stage {event['from']} -> {event['to']}"
    if kind == ev.CALL_STARTED:
        ctx = event.get("context", {})
        return (
            f"call started: {ctx.get('direction', '')} at {ctx.get('local_time', '')}, "
            f"answered by {ctx.get('answered_by', '')}"
        )
    return str(kind)


@lru_cache(maxsize=1024)  # a call names the same few sums (balance, floor, offers) again and again
def money(value: float | None) -> str:
    if value is None:
        return "-"
    if abs(value - round(value)) < 0.005:
        return f"${round(value):,}"
    return f"${value:,.2f}"


def offer_words(offer: dict[str, Any]) -> str:
    kind = offer.get("kind")
    if kind == "plan":
        total = money(float(offer["total"]))
        return f"{money(float(offer['amount']))} a month for {offer['months']} months ({total})"
    if kind == "full_balance":
        return f"the full balance of {money(float(offer['amount']))}"
    return f"{money(float(offer['amount']))} as a lump sum"
