"""Diagrams a trainer can paste into docs: the stage machine, and a scenario's reaction rules.

A graph is built once as plain nodes and edges, then written as Mermaid or Graphviz DOT.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..content.conditions import Condition
from ..content.persona import Effect, Persona
from ..content.scenario import Scenario
from ..engine.debtor import PATIENCE_PER_TURN
from ..engine.lines import fill
from ..engine.offers import money
from ..engine.session import MOVE_TRIGGERS
from ..engine.stages import edges
from ..vocabulary import Stage
from .reach import capacity_limits

# What makes each trigger fire, in a trainer's words.
TRIGGER_CAUSES: dict[str, str] = {
    "agree": "terms agreed",
    "settle_good_faith": "good faith answered",
    "confirm": "confirm_in_writing",
    "end": "call ends",
}


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    shape: str = "box"  # box | round | stage | move | start | end | note
    group: str | None = None


@dataclass(frozen=True)
class Edge:
    src: str
    dst: str
    label: str = ""


@dataclass
class Graph:
    title: str
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    groups: dict[str, str] = field(default_factory=dict)  # id -> title

    def node(self, node: Node) -> str:
        self.nodes.setdefault(node.id, node)
        return node.id

    def edge(self, src: str, dst: str, label: str = "") -> None:
        self.edges.append(Edge(src, dst, label))


def node_id(prefix: str, name: str) -> str:
    return prefix + "_" + re.sub(r"[^A-Za-z0-9]+", "_", name).strip("_")


def trigger_label(trigger: str) -> str:
    moves = [m for m, t in MOVE_TRIGGERS.items() if t == trigger]
    if moves:
        return f"{trigger} (by {', '.join(moves)})"
    cause = TRIGGER_CAUSES.get(trigger)
    return f"{trigger} (when {cause})" if cause else trigger


def stage_graph() -> Graph:
    g = Graph("Call stages")
    g.node(Node("start", "start", "start"))
    for stage in Stage:
        g.node(Node(node_id("st", stage.value), stage.value, "stage"))
    g.edge("start", node_id("st", Stage.OPENING.value))
    for src, dest, trigger in edges():
        g.edge(node_id("st", src.value), node_id("st", dest.value), trigger_label(trigger))
    return g


def describe(cond: Condition) -> str:
    """A condition in a trainer's words, e.g. 'move ask_reason, trust ≥ 60'."""
    parts: list[str] = []
    if cond.stage is not None:
        stages = cond.stage if isinstance(cond.stage, list) else [cond.stage]
        parts.append("stage " + " or ".join(s.value for s in stages))
    if cond.move is not None:
        moves = cond.move if isinstance(cond.move, list) else [cond.move]
        parts.append("move " + " or ".join(moves))
    words = [
        ("after_move", "after {}"),
        ("not_after_move", "not after {}"),
        ("trust_at_least", "trust ≥ {}"),
        ("trust_below", "trust < {}"),
        ("stress_at_least", "stress ≥ {}"),
        ("stress_below", "stress < {}"),
        ("patience_below", "patience < {}"),
        ("turn_at_least", "turn ≥ {}"),
    ]
    for key, fmt in words:
        value = getattr(cond, key)
        if value is not None:
            parts.append(fmt.format(value))
    if cond.offer_ratio_at_least is not None:
        parts.append(f"offer ≥ {cond.offer_ratio_at_least:.0%} of balance")
    if cond.offer_ratio_below is not None:
        parts.append(f"offer < {cond.offer_ratio_below:.0%} of balance")
    if cond.claim_exposed is not None:
        parts.append("claim exposed" if cond.claim_exposed else "claim not exposed")
    return ", ".join(parts) or "always"


def _effect_text(effect: Effect) -> str:
    parts = [
        f"{k} {v:+d}"
        for k, v in (("trust", effect.trust), ("stress", effect.stress), ("patience", effect.patience))
        if v
    ]
    return ", ".join(parts) or "no change"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _sources(cond: Condition) -> list[str]:
    if cond.stage is None:
        return ["anywhere"]
    stages = cond.stage if isinstance(cond.stage, list) else [cond.stage]
    return [node_id("st", s.value) for s in stages]


def scenario_graph(scenario: Scenario, persona: Persona) -> Graph:
    """The stage machine plus the persona's reaction rules in this scenario."""
    g = stage_graph()
    g.title = f"{scenario.id}: {persona.id}"
    for stage in list(g.nodes.values()):
        if stage.shape == "stage":
            g.nodes[stage.id] = Node(stage.id, stage.label, stage.shape, "stages")
    g.groups["stages"] = "Call stages"
    g.groups["rules"] = f"How {persona.id} reacts"
    g.node(Node("anywhere", "any open stage", "round", "rules"))

    def rule(cond: Condition, target: str) -> None:
        for src in _sources(cond):
            g.edge(src, target, describe(cond))

    a = scenario.account
    known = {
        "creditor": a.creditor,
        "balance": money(a.balance),
        "delivered": a.delivered,
        "due_date": a.due_date,
        "agency": scenario.agency,
        "collector": scenario.collector_name,
    }
    for reveal in persona.reveals:
        text = fill(reveal.text, known)  # the account's words; a name or an amount stays a {placeholder}
        target = g.node(Node(node_id("rv", reveal.id), f"reveal {reveal.id}: {_short(text)}", "box", "rules"))
        rule(reveal.when, target)
    if persona.dispute:
        target = g.node(Node("flag_dispute", f"raises a dispute: {_short(persona.dispute.claim)}", "box", "rules"))
        rule(persona.dispute.raise_when, target)
    if persona.attorney:
        target = g.node(Node("flag_attorney", f"mentions attorney {persona.attorney.name}", "box", "rules"))
        rule(persona.attorney.mention_when, target)
    if persona.asks_to_stop:
        target = g.node(Node("flag_cease", "asks not to be called again", "box", "rules"))
        rule(persona.asks_to_stop, target)
    if persona.finances.claims_are_false:
        target = g.node(Node("flag_exposed", f"claim exposed: {_short(persona.finances.true_reason)}", "box", "rules"))
        g.edge("anywhere", target, "move ask_proof")

    n = persona.negotiation
    hang = g.node(Node("hang_up", "debtor hangs up", "end", "rules"))
    g.edge("anywhere", hang, f"stress ≥ {n.walk_away_stress}")
    g.edge("anywhere", hang, f"patience 0 (−{PATIENCE_PER_TURN} a turn, from {persona.temperament.patience})")
    g.edge("anywhere", hang, f"threats or abuse more than {n.threats_tolerated}")

    lump, monthly, _ = capacity_limits(scenario, persona)
    offers = g.node(
        Node(
            "offers",
            f"accepts a lump sum up to {money(lump * 0.55)}–{money(lump)} or a plan up to "
            f"{money(monthly * 0.55 * n.overcommit)}–{money(monthly * n.overcommit)} a month (by trust), "
            f"after {n.min_rounds} counter-offer(s); your floor {money(scenario.floor_amount)}",
            "box",
            "rules",
        )
    )
    g.edge(node_id("st", Stage.COUNTER_OFFER.value), offers, f"prefers {n.prefers.replace('_', ' ')}")
    gf = n.good_faith
    gf_text = (
        f"good faith if trust ≥ {gf.needs_trust}, at least {money(scenario.authority.min_good_faith)}"
        if gf.offers
        else "never offers a good-faith payment"
    )
    g.edge(
        node_id("st", Stage.GOOD_FAITH.value),
        g.node(Node("good_faith", gf_text, "box", "rules")),
        "ask_good_faith",
    )

    if persona.effects:
        g.groups["effects"] = f"Mood effects of {persona.id} (other moves: defaults)"
        mood = g.node(Node("mood", "trust / stress / patience", "round", "effects"))
        for move, effect in persona.effects.items():
            g.edge(g.node(Node(node_id("mv", move), move, "move", "effects")), mood, _effect_text(effect))
    return g


# --- writers ------------------------------------------------------------------------------------
def _mermaid_text(text: str) -> str:
    return " ".join(text.split()).replace('"', "#quot;")


def to_mermaid(g: Graph) -> str:
    if not g.groups:  # the bare stage machine reads best as a state diagram
        lines = ["stateDiagram-v2"]
        for n in g.nodes.values():
            if n.shape == "stage":
                lines.append(f'    state "{_mermaid_text(n.label)}" as {n.id}')
        for e in g.edges:
            src = "[*]" if e.src == "start" else e.src
            dst = "[*]" if e.dst == "start" else e.dst
            # a transition label runs to the end of the line; ':' and ';' would start something else
            label = f" : {_mermaid_text(e.label).replace(':', ' -').replace(';', ',')}" if e.label else ""
            lines.append(f"    {src} --> {dst}{label}")
        lines.append(f"    {node_id('st', Stage.CLOSED.value)} --> [*]")
        return "\n".join(lines) + "\n"
    shapes = {
        "box": '["{}"]',
        "round": '("{}")',
        "stage": '(["{}"])',
        "move": '[/"{}"/]',
        "start": '(("{}"))',
        "end": '[["{}"]]',
        "note": '>"{}"]',
    }
    lines = ["flowchart TD", f"    %% {_mermaid_text(g.title)}"]

    def decl(n: Node, indent: str) -> str:
        return indent + n.id + shapes[n.shape].format(_mermaid_text(n.label))

    for n in g.nodes.values():
        if n.group is None:
            lines.append(decl(n, "    "))
    for gid, title in g.groups.items():
        lines.append(f'    subgraph {gid}["{_mermaid_text(title)}"]')
        lines.extend(decl(n, "        ") for n in g.nodes.values() if n.group == gid)
        lines.append("    end")
    for e in g.edges:
        label = f'|"{_mermaid_text(e.label)}"|' if e.label else ""
        lines.append(f"    {e.src} -->{label} {e.dst}")
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    return '"' + " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'


DOT_SHAPES = {
    "box": "box",
    "round": "ellipse",
    "stage": "box",
    "move": "parallelogram",
    "start": "circle",
    "end": "doubleoctagon",
    "note": "note",
}


def to_dot(g: Graph) -> str:
    lines = [
        f"digraph {_dot_text(g.title)} {{",
        "    rankdir=TB;",
        '    node [fontname="Helvetica", fontsize=10];',
        '    edge [fontname="Helvetica", fontsize=9];',
    ]

    def decl(n: Node, indent: str) -> str:
        extra = ', style="rounded,filled", fillcolor="#e8f0fe"' if n.shape == "stage" else ""
        return f"{indent}{n.id} [label={_dot_text(n.label)}, shape={DOT_SHAPES[n.shape]}{extra}];"

    for n in g.nodes.values():
        if n.group is None:
            lines.append(decl(n, "    "))
    for gid, title in g.groups.items():
        lines.append(f"    subgraph cluster_{gid} {{")
        lines.append(f"        label={_dot_text(title)};")
        lines.extend(decl(n, "        ") for n in g.nodes.values() if n.group == gid)
        lines.append("    }")
    for e in g.edges:
        label = f" [label={_dot_text(e.label)}]" if e.label else ""
        lines.append(f"    {e.src} -> {e.dst}{label};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(g: Graph, fmt: str) -> str:
    return to_dot(g) if fmt == "dot" else to_mermaid(g)
