"""After the call: what the debtor was really thinking, and where the offers fell.

Both read only the call's events: `debtor_state` (trust, stress, the hidden reservation
payment and real reason) and `offer_made` / `agreement`.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from ..format import money

Event = dict[str, Any]


def state_rows(events: list[Event]) -> list[dict[str, Any]]:
    """One row per debtor_state event: the turn, what the trainee said that turn, and the hidden state."""
    said = {e["turn"]: e["text"] for e in events if e["type"] == "trainee_said"}
    rows = []
    for e in events:
        if e["type"] != "debtor_state":
            continue
        hidden = e.get("hidden") or {}
        rows.append(
            {
                "turn": e["turn"],
                "said": said.get(e["turn"], "(the call starts)"),
                "trust": e["trust"],
                "stress": e["stress"],
                "patience": e.get("patience"),
                "delta": e.get("delta") or {},
                "mood": e.get("mood", ""),
                "willing_lump_sum": hidden.get("willing_lump_sum"),
                "willing_monthly": hidden.get("willing_monthly"),
                "true_reason": hidden.get("true_reason", ""),
                "lump_capacity": hidden.get("real_lump_sum_capacity"),
                "monthly_capacity": hidden.get("real_monthly_capacity"),
                "claim_exposed": hidden.get("claim_exposed", False),
            }
        )
    return rows


def signed(delta: dict[str, Any], key: str) -> str:
    value = delta.get(key)
    if not value:
        return ""
    return f" ({value:+d})" if isinstance(value, int) else f" ({value:+g})"


def compact_offer(offer: dict[str, Any]) -> str:
    if offer.get("kind") == "plan":
        return f"{money(offer['amount'])}×{offer.get('months', 1)}={money(offer.get('total'))}"
    return money(offer.get("total", offer.get("amount")))


def offers(events: list[Event]) -> list[dict[str, Any]]:
    rows = [
        {"turn": e["turn"], "by": e["by"], "offer": e["offer"], "i": e["i"]}
        for e in events
        if e["type"] == "offer_made"
    ]
    rows += [
        {"turn": e["turn"], "by": "agreed", "offer": e["terms"], "i": e["i"]}
        for e in events
        if e["type"] == "agreement"
    ]
    return sorted(rows, key=lambda r: r["i"])


class BargainingZone(Static):
    """A chart of the bargaining zone: the floor, the debtor's real capacity, every offer (by total)."""

    def __init__(self, events: list[Event], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.events = events

    def render(self) -> Content:
        return zone_chart(self.events, max(30, self.size.width or 80))


def zone_chart(events: list[Event], width: int) -> Content:
    start = events[0] if events and events[0]["type"] == "call_started" else None
    if start is None:
        return Content("No call.")
    account = start["account"]
    balance = float(account["balance"])
    floor = float(account["floor"])
    states = state_rows(events)
    last = states[-1] if states else {}
    capacity = float(last.get("lump_capacity") or 0)
    monthly_capacity = float(last.get("monthly_capacity") or 0)
    willing = float(last.get("willing_lump_sum") or 0)
    rows = offers(events)
    top = max([balance, capacity, willing] + [float(r["offer"]["total"]) for r in rows]) or 1.0
    label_w = 21
    note_w = 30
    bar_w = max(10, width - label_w - note_w)

    def col(amount: float) -> int:
        return min(bar_w - 1, max(0, round(amount / top * (bar_w - 1))))

    marks = {col(floor): ("│", "$error"), col(balance): ("┃", "$text-muted")}

    def track(amount: float | None, glyph: str, style: str) -> Content:
        cells: list[str | tuple[str, str]] = []
        end = col(amount) if amount is not None else -1
        for x in range(bar_w):
            if x == end:
                cells.append((glyph, style))
            elif x in marks:
                cells.append(marks[x])
            elif x < end:
                cells.append(("─", style))
            else:
                cells.append(("·", "$text-muted"))
        return Content.assemble(*cells)

    lines: list[Content | str] = [
        Content.assemble(
            ("Bargaining zone", "bold $accent"),
            (f"  totals from $0 to {money(top)}; ", "$text-muted"),
            ("│", "$error"),
            (" your floor  ", "$text-muted"),
            ("┃", "$text-muted"),
            (" the balance", "$text-muted"),
        ),
        "",
        Content.assemble((f"{'Your floor':<{label_w}}", "bold"), track(floor, "│", "$error"), f" {money(floor)}"),
        Content.assemble((f"{'Balance':<{label_w}}", "bold"), track(balance, "┃", "$text"), f" {money(balance)}"),
        Content.assemble(
            (f"{'Their real savings':<{label_w}}", "bold"),
            track(capacity, "█", "$success"),
            f" {money(capacity)} (+{money(monthly_capacity)}/mo)",
        ),
        Content.assemble(
            (f"{'Would pay at the end':<{label_w}}", "bold"),
            track(willing, "▲", "$success"),
            f" {money(willing)}",
        ),
        "",
    ]
    if not rows:
        lines.append(Content.styled("No offers were made on this call.", "$text-muted"))
    for r in rows:
        offer = r["offer"]
        total = float(offer["total"])
        who = {"collector": "you", "debtor": "they", "agreed": "agreed"}[r["by"]]
        style = {"collector": "$primary", "debtor": "$secondary", "agreed": "bold $success"}[r["by"]]
        note = ""
        if offer.get("kind") == "plan" and monthly_capacity:
            note = " ✔ fits" if float(offer["amount"]) <= monthly_capacity + 0.01 else " ✘ over budget"
        below = " < floor" if total < floor - 0.01 else ""
        label = f"turn {r['turn']:<3} {who}"
        lines.append(
            Content.assemble(
                (f"{label:<{label_w}}", style),
                track(total, "●", style),
                f" {compact_offer(offer)}",
                (below, "$text-error"),
                (note, "$text-muted"),
            )
        )
    return Content("\n").join(lines)


def reason_text(events: list[Event]) -> Content:
    rows = state_rows(events)
    if not rows:
        return Content("")
    last = rows[-1]
    exposed = "  (their claim was exposed)" if last["claim_exposed"] else ""
    return Content("\n").join(
        [
            Content.assemble(("Their real reason: ", "bold"), last["true_reason"] or "—", (exposed, "$text-warning")),
            Content.assemble(
                ("Real capacity: ", "bold"),
                f"{money(last['lump_capacity'])} lump sum, {money(last['monthly_capacity'])} a month",
            ),
        ]
    )
