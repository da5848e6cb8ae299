"""`graph`: the output parses as DOT (a small parser below) and as Mermaid (a structural check)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest

from negotiation_sim.cli import main
from negotiation_sim.content.conditions import Condition
from negotiation_sim.content.library import Library, deep_merge
from negotiation_sim.content.persona import Persona
from negotiation_sim.engine.stages import edges
from negotiation_sim.trainer.graph import describe, render, scenario_graph, stage_graph
from negotiation_sim.vocabulary import Stage

from ..conftest import ROOT

SHIPPED = sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml"))


# --- a DOT parser for the subset the writer uses (the grammar of graphviz.org/doc/info/lang.html) ---------
@dataclass
class Dot:
    name: str
    nodes: dict[str, dict[str, str]] = field(default_factory=dict)
    edges: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    clusters: list[str] = field(default_factory=list)


_TOKEN = re.compile(
    r'\s*(?:(?P<str>"(?:[^"\\]|\\.)*")|(?P<arrow>->)|(?P<punct>[{}\[\];,=])|(?P<id>[A-Za-z_][A-Za-z0-9_]*|-?\d+(?:\.\d+)?))'
)
DOT_KEYWORDS = {"digraph", "graph", "subgraph", "node", "edge", "strict"}
DOT_ATTRS = {"label", "shape", "style", "fillcolor", "fontname", "fontsize", "rankdir"}


def tokens(text: str) -> list[str]:
    out, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        assert m and m.end() > pos, f"cannot read DOT at {text[pos : pos + 30]!r}"
        out.append(m.group(m.lastgroup or "id"))
        pos = m.end()
    return out


def unquote(tok: str) -> str:
    if tok.startswith('"'):
        return re.sub(r"\\(.)", r"\1", tok[1:-1])
    return tok


def parse_dot(text: str) -> Dot:
    toks = tokens(text)
    i = 0

    def take(expected: str | None = None) -> str:
        nonlocal i
        assert i < len(toks), "DOT ends too early"
        tok = toks[i]
        assert expected is None or tok == expected, f"expected {expected!r}, got {tok!r} at token {i}"
        i += 1
        return tok

    def ident() -> str:
        tok = take()
        assert tok.startswith('"') or re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", tok), f"bad id {tok!r}"
        assert tok not in DOT_KEYWORDS, f"keyword used as an id: {tok}"
        return unquote(tok)

    def attrs() -> dict[str, str]:
        found: dict[str, str] = {}
        take("[")
        while toks[i] != "]":
            key = take()
            assert key in DOT_ATTRS, f"unexpected attribute {key}"
            take("=")
            found[key] = unquote(take())
            if toks[i] in (",", ";"):
                take()
        take("]")
        return found

    def body(dot: Dot) -> None:
        take("{")
        while toks[i] != "}":
            tok = toks[i]
            if tok == "subgraph":
                take()
                name = ident()
                assert name.startswith("cluster_")
                dot.clusters.append(name)
                body(dot)
                continue
            if tok in ("node", "edge", "graph"):
                take()
                attrs()
            elif toks[i + 1] == "=":
                key = take()
                assert key in DOT_ATTRS
                take("=")
                take()
            elif toks[i + 1] == "->":
                src = ident()
                take("->")
                dst = ident()
                dot.edges.append((src, dst, attrs() if toks[i] == "[" else {}))
            else:
                node = ident()
                assert node not in dot.nodes, f"node {node} declared twice"
                dot.nodes[node] = attrs() if toks[i] == "[" else {}
            take(";")
        take("}")

    take("digraph")
    dot = Dot(unquote(take()))
    body(dot)
    assert i == len(toks), "text after the closing brace"
    for src, dst, _ in dot.edges:
        assert src in dot.nodes and dst in dot.nodes, f"edge {src} -> {dst} uses an undeclared node"
    return dot


# --- Mermaid: header, every line well-formed, every node declared -----------------------------------
_ID = r"[A-Za-z][A-Za-z0-9_]*"
_LABEL = r'"[^"\n]*"'
_SHAPES = [r"\[{l}\]", r"\({l}\)", r"\(\[{l}\]\)", r"\[/{l}/\]", r"\(\({l}\)\)", r"\[\[{l}\]\]", r">{l}\]"]
FLOW_NODE = re.compile(rf"^\s*({_ID})(?:{'|'.join(s.format(l=_LABEL) for s in _SHAPES)})$")
FLOW_EDGE = re.compile(rf"^\s*({_ID}) -->(?:\|{_LABEL}\|)? ({_ID})$")
SUBGRAPH = re.compile(rf"^\s*subgraph ({_ID})\[{_LABEL}\]$")
STATE_DECL = re.compile(rf"^\s*state {_LABEL} as ({_ID})$")
STATE_EDGE = re.compile(rf"^\s*({_ID}|\[\*\]) --> ({_ID}|\[\*\])(?: : [^\n:;]+)?$")
MERMAID_RESERVED = {"end", "subgraph", "graph", "flowchart", "state", "style", "class", "click"}


@dataclass
class Mermaid:
    kind: str
    nodes: set[str]
    edges: list[tuple[str, str]]
    groups: list[str]


def check_mermaid(text: str) -> Mermaid:
    lines = text.rstrip("\n").split("\n")
    header = lines[0]
    assert header in ("stateDiagram-v2", "flowchart TD"), header
    nodes: set[str] = set()
    found: list[tuple[str, str]] = []
    groups: list[str] = []
    depth = 0
    for line in lines[1:]:
        if line.strip().startswith("%%"):
            continue
        if header == "stateDiagram-v2":
            if m := STATE_DECL.match(line):
                nodes.add(m.group(1))
            elif m := STATE_EDGE.match(line):
                found.append((m.group(1), m.group(2)))
            else:
                raise AssertionError(f"not a state-diagram line: {line!r}")
            continue
        if m := SUBGRAPH.match(line):
            depth += 1
            groups.append(m.group(1))
        elif line.strip() == "end":
            depth -= 1
            assert depth >= 0, "'end' without 'subgraph'"
        elif m := FLOW_NODE.match(line):
            assert m.group(1) not in nodes, f"node {m.group(1)} declared twice"
            nodes.add(m.group(1))
        elif m := FLOW_EDGE.match(line):
            found.append((m.group(1), m.group(2)))
        else:
            raise AssertionError(f"not a flowchart line: {line!r}")
    assert depth == 0, "unclosed subgraph"
    assert not (nodes & MERMAID_RESERVED), nodes & MERMAID_RESERVED
    for src, dst in found:
        for end in (src, dst):
            assert end == "[*]" or end in nodes, f"edge {src} --> {dst} uses an undeclared node"
    return Mermaid(header, nodes, found, groups)


# --- the tests --------------------------------------------------------------------------------------
def test_stage_machine_in_both_formats() -> None:
    g = stage_graph()
    dot = parse_dot(render(g, "dot"))
    mer = check_mermaid(render(g, "mermaid"))
    assert mer.kind == "stateDiagram-v2"
    machine = {(f"st_{s.value}", f"st_{d.value}") for s, d, _ in edges()}
    assert {(s, d) for s, d, _ in dot.edges if s != "start"} == machine
    assert set(mer.edges) - {("[*]", "st_opening"), ("st_closed", "[*]")} == machine
    assert {f"st_{s.value}" for s in Stage} <= set(dot.nodes) and {f"st_{s.value}" for s in Stage} == mer.nodes
    labels = {a["label"] for *_, a in dot.edges if a}
    assert "negotiate (by request_counter_offer, offer)" in labels and "agree (when terms agreed)" in labels


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_every_shipped_scenario_graph_parses(library: Library, scenario_id: str) -> None:
    scenario = library.scenario(scenario_id)
    persona = library.persona_for(scenario)
    g = scenario_graph(scenario, persona)
    dot = parse_dot(render(g, "dot"))
    mer = check_mermaid(render(g, "mermaid"))
    assert mer.kind == "flowchart TD" and set(mer.groups) == {"stages", "rules"} | (
        {"effects"} if persona.effects else set()
    )
    assert set(dot.nodes) == mer.nodes and len(dot.edges) == len(mer.edges)
    labels = " | ".join(a.get("label", "") for a in dot.nodes.values())
    for reveal in persona.reveals:
        assert f"rv_{reveal.id.replace('-', '_')}" in dot.nodes
        targets = [s for s, d, _ in dot.edges if d == f"rv_{reveal.id.replace('-', '_')}"]
        assert targets, f"reveal {reveal.id} has no incoming rule"
    assert ("flag_attorney" in dot.nodes) == (persona.attorney is not None)
    assert ("flag_dispute" in dot.nodes) == (persona.dispute is not None)
    assert ("flag_cease" in dot.nodes) == (persona.asks_to_stop is not None)
    assert "hangs up" in labels and "accepts a lump sum" in labels
    assert {f"mv_{m}" for m in persona.effects} <= set(dot.nodes)


def test_labels_with_quotes_and_backslashes_stay_well_formed(library: Library) -> None:
    scenario = library.scenario("first-reminder-fran")
    base = library.entries[("persona", scenario.persona)].doc.data
    tricky = Persona.model_validate(
        deep_merge(
            base,
            {
                "reveals": [
                    {
                        "id": "quoted",
                        "when": {"move": "ask_reason", "trust_at_least": 60},
                        "text": 'She said "never again" \\ and [hung] up; {creditor} -> gone|done',
                    },
                ]
            },
        )
    )
    g = scenario_graph(scenario, tricky)
    dot = parse_dot(render(g, "dot"))
    assert dot.nodes["rv_quoted"]["label"].startswith('reveal quoted: She said "never again" \\ and [hung]')
    mermaid = render(g, "mermaid")
    check_mermaid(mermaid)
    assert "#quot;never again#quot;" in mermaid
    edge = [a for s, d, a in dot.edges if d == "rv_quoted"]
    assert edge == [{"label": "move ask_reason, trust ≥ 60"}]


def test_describe_conditions_in_words() -> None:
    assert describe(Condition()) == "always"
    cond = Condition(stage=["counter_offer"], move=["offer"], offer_ratio_at_least=0.8, trust_at_least=50)
    assert describe(cond) == "stage counter_offer, move offer, trust ≥ 50, offer ≥ 80% of balance"
    assert describe(Condition(claim_exposed=True, after_move="ask_proof")) == "after ask_proof, claim exposed"


def test_cli_graph(capsys: pytest.CaptureFixture[str], tmp_path: object) -> None:
    assert main(["graph"]) == 0
    check_mermaid(capsys.readouterr().out)
    assert main(["graph", "first-reminder-fran", "--format", "dot"]) == 0
    parse_dot(capsys.readouterr().out)
    assert main(["graph", "nope"]) == 2
    assert "unknown scenario 'nope'" in capsys.readouterr().err


def test_parsers_reject_broken_output() -> None:
    good = render(stage_graph(), "dot")
    with pytest.raises(AssertionError):
        parse_dot(good.replace("    st_closed [label", "    st_other [label"))  # an edge to an undeclared node
    with pytest.raises(AssertionError):
        parse_dot(good.replace('label="remind', 'label="re"mind'))  # an unescaped quote
    flow = render(scenario_graph(*_fran()), "mermaid")
    with pytest.raises(AssertionError):
        check_mermaid(flow.replace("    end\n", "", 1))  # unclosed subgraph
    with pytest.raises(AssertionError):
        check_mermaid(flow.replace("#quot;", '"') + '    st_opening -->|"a "b" c"| st_closed\n')


def _fran() -> tuple[object, Persona]:
    from negotiation_sim.content.library import load_library

    lib = load_library()
    s = lib.scenario("first-reminder-fran")
    return s, lib.persona_for(s)
