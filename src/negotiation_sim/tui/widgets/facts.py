"""The account file as text: the full version before dialling, a compact one beside the call."""

from __future__ import annotations

import textwrap
from typing import Any

from textual.content import Content
from textual.widgets import Static

from ..format import money

LABEL = 17
SHORT_LABEL = 11


def _hang(label: str, value: str, style: str, label_width: int, width: int) -> Content:
    """`label  value` with the value wrapped under itself (a hanging indent) to fit `width`."""
    room = max(10, width - label_width)
    chunks = textwrap.wrap(value, room) or [""]
    lines = [Content.assemble((f"{label:<{label_width}}", "$text-muted"), (chunks[0], style))]
    lines += [Content.assemble(" " * label_width, (chunk, style)) for chunk in chunks[1:]]
    return Content("\n").join(lines)


def _heading(text: str) -> Content:
    return Content.styled(text, "bold $accent")


def local_time_text(scenario: Any) -> tuple[str, str]:
    ctx = scenario.context
    text = f"{ctx.local_time} on {ctx.weekday.title()} ({ctx.timezone})"
    if ctx.direction == "inbound":
        return text + " — they are calling you", ""
    if not ctx.within_calling_hours:
        return text + " — outside 8 a.m.–9 p.m.!", "bold $error"
    return text, ""


def account_file(scenario: Any, identity: dict[str, str] | None, width: int = 80) -> Content:
    """Everything the collector knows before dialling (the information-gathering step)."""

    def _row(label: str, value: str, style: str = "") -> Content:
        return _hang(label, value, style, LABEL, width)

    a = scenario.account
    auth = scenario.authority
    ctx = scenario.context
    lines: list[Content | str] = [_heading("Account")]
    lines += [
        _row("Creditor", a.creditor),
        _row("Reference", a.reference),
        _row("For", a.delivered),
        _row("Original balance", money(a.original_balance)),
        _row("Balance", money(a.balance), "bold"),
        _row("Due date", f"{a.due_date} ({a.days_past_due} days past due)"),
        _row(
            "Last payment",
            f"{money(a.last_payment.amount)} on {a.last_payment.date}" if a.last_payment else "none",
        ),
    ]
    if a.broken_promises:
        for n, p in enumerate(a.broken_promises):
            note = f" — {p.note}" if p.note else ""
            lines.append(_row("Broken promise" if n == 0 else "", f"{money(p.amount)} on {p.date}{note}", "$warning"))
    else:
        lines.append(_row("Broken promises", "none"))
    if a.dispute_history:
        for n, d in enumerate(a.dispute_history):
            lines.append(_row("Disputes" if n == 0 else "", d, "$warning"))
    else:
        lines.append(_row("Disputes", "none"))
    for n, note in enumerate(a.notes):
        lines.append(_row("File notes" if n == 0 else "", note))
    lines += ["", _heading("The debtor")]
    if identity:
        lines += [
            _row("Name", identity.get("name", ""), "bold"),
            _row("Phone", identity.get("phone", "")),
            _row("Lives in", f"{identity.get('city', '')}, {identity.get('state', '')}"),
            _row("Employer", identity.get("employer", "")),
        ]
    else:
        lines.append(_row("Name", "looking up…", "$text-muted"))
    when, style = local_time_text(scenario)
    lines.append(_row("Their local time", when, style))
    lines.append(_row("Call", "they call you (inbound)" if ctx.direction == "inbound" else "you call them (outbound)"))
    lines += ["", _heading("Your authority")]
    lines += [
        _row(
            "Settlement floor",
            f"{auth.settlement_floor_pct:g}% = {money(scenario.floor_amount)} lowest lump sum",
            "bold",
        ),
        _row("Plans", f"up to {auth.max_plan_months} months"),
        _row("Good-faith ask", f"at least {money(auth.min_good_faith)}"),
        _row("Legal review", str(auth.legal_action_date) if auth.legal_action_date else "none scheduled"),
        _row(
            "Credit reporting",
            "yes, the creditor reports" if auth.credit_reporting else "no — do not say it does",
        ),
    ]
    lines += ["", _heading("Goal"), Content(scenario.goal)]
    lines += [_hang("  •", o, "", 4, width) for o in scenario.objectives]
    return Content("\n").join(lines)


def call_facts(scenario: Any, identity: dict[str, str] | None, width: int = 30) -> Content:
    """The few facts a collector glances at during the call (8 lines at most, hanging indent)."""
    a = scenario.account
    auth = scenario.authority
    ctx = scenario.context

    def _short(label: str, value: str, style: str = "") -> Content:
        return _hang(label, value, style, SHORT_LABEL, width)

    history = f"{len(a.broken_promises)} broken promise(s), {len(a.dispute_history)} dispute(s)"
    when = f"{ctx.local_time} {ctx.weekday[:3].title()}"
    late = "" if ctx.within_calling_hours else " (late!)"
    lines = [
        _short("Debtor", identity.get("name", "") if identity else "…", "bold"),
        _short("Balance", f"{money(a.balance)}, {a.days_past_due}d late", "bold"),
        _short(
            "Last paid",
            f"{money(a.last_payment.amount)} {a.last_payment.date}" if a.last_payment else "never",
        ),
        _short("History", history if a.broken_promises or a.dispute_history else "no broken promises"),
        _short("Floor", f"{money(scenario.floor_amount)} ({auth.settlement_floor_pct:g}%)", "bold"),
        _short("Plans", f"up to {auth.max_plan_months} months"),
        _short("Good faith", f"ask ≥ {money(auth.min_good_faith)}"),
        _short("Local time", when + late, "bold $error" if late else ""),
    ]
    return Content("\n").join(lines)


class AccountFile(Static):
    """The full account file (re-wrapped to its width)."""

    def __init__(self, scenario: Any, identity: dict[str, str] | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scenario = scenario
        self.identity = identity

    def show(self, scenario: Any, identity: dict[str, str] | None) -> None:
        self.scenario = scenario
        self.identity = identity
        self.refresh(layout=True)

    def render(self) -> Content:
        return account_file(self.scenario, self.identity, self.size.width or 80)


class CallFacts(Static):
    """The compact account facts beside the transcript."""

    def __init__(self, scenario: Any, identity: dict[str, str] | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scenario = scenario
        self.identity = identity

    def render(self) -> Content:
        return call_facts(self.scenario, self.identity, self.size.width or 30)
