"""Content fuzzing: mutate shipped YAML files and check that loading them fails cleanly.

A case is one mutated file written into a fresh content folder (as `scenarios/`, `personas/`
or `lessons/` like its original) and loaded with `load_library`. The loader must return, never
raise and never hang, and every problem must be one clean line `path:line:col: message`.

Used by `tests/content/test_fuzz.py` (a fixed set of seeds, fast) and by
`scripts/fuzz_content.py` (a long run). Mutations are picked from a `random.Random(seed)`, so a
failing case is reproduced from its seed alone.
"""

from __future__ import annotations

import copy
import random
import re
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("scenarios", "personas", "lessons")

# One problem, one line: `path:line:col: message`, line and col 1-based, a message that says something.
PROBLEM_RE = re.compile(r"^(?P<path>[^\n]+?):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): (?P<message>\S[^\n]*)$")
# Signs that an exception's text leaked into a message instead of being turned into words.
LEAKS = ("Traceback", 'File "', "Error(", "<class ", "object at 0x")


def shipped_files() -> list[Path]:
    """Every shipped content file (scenarios, personas, lessons), sorted."""
    found: list[Path] = []
    for folder in FOLDERS:
        found.extend(sorted((ROOT / folder).glob("*.yaml")))
    return found


# ---------------------------------------------------------------------------- mutations
# Each mutation takes (text, rng) and returns new text (str) or raw bytes.

Mutation = Callable[[str, random.Random], "str | bytes"]


def _paths(node: Any, loc: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every key path into a YAML data tree (mapping keys and list indexes)."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*loc, key)
            yield from _paths(value, (*loc, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield (*loc, i)
            yield from _paths(value, (*loc, i))


def _parent(data: Any, loc: tuple[Any, ...]) -> Any:
    for part in loc[:-1]:
        data = data[part]
    return data


def _data(text: str) -> Any:
    """The text's data, read through the project's guarded parser: libyaml alone can crash the
    process on very deep nesting (an earlier mutation may have made some)."""
    from negotiation_sim.content.yamlsource import parse_yaml

    doc, problems = parse_yaml(text, "mutating.yaml")
    if doc is None:
        raise _TooBigToEdit(problems[0].message if problems else "not YAML")
    return copy.deepcopy(doc.data)


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


class _TooBigToEdit(Exception):
    pass


def _edit_tree(text: str, rng: random.Random, edit: Callable[[Any, Any, random.Random], None]) -> str:
    data = _data(text)
    paths = []
    for path in _paths(data):  # an earlier alias bomb would expand without end
        paths.append(path)
        if len(paths) > 20_000:
            raise _TooBigToEdit
    if not paths:
        return text[: len(text) // 2]
    loc = rng.choice(paths)
    edit(_parent(data, loc), loc[-1], rng)
    return _dump(data)


def delete_key(text: str, rng: random.Random) -> str:
    def edit(parent: Any, key: Any, rng: random.Random) -> None:
        del parent[key]

    return _edit_tree(text, rng, edit)


WRONG_VALUES: tuple[Any, ...] = (
    None,
    True,
    False,
    0,
    -1,
    3.5,
    "",
    "text",
    "{name}",
    "{",
    "}",
    "{unknown_placeholder}",
    [],
    [1, 2],
    {},
    {"a": 1},
    {"calm": "x"},
    [[[]]],
    "2026-13-45",
    "25:99",
    "NaN",
    1e-300,
)


def wrong_type(text: str, rng: random.Random) -> str:
    def edit(parent: Any, key: Any, rng: random.Random) -> None:
        parent[key] = copy.deepcopy(rng.choice(WRONG_VALUES))

    return _edit_tree(text, rng, edit)


HUGE = (
    "1e308",
    "-1e308",
    "1e309",
    ".inf",
    "-.inf",
    ".nan",
    "9" * 400,
    "-" + "9" * 60,
    "0x" + "f" * 80,
    "1_000_000_000_000",
    "0o777777777777777",
    "-0",
    "1e-400",
)


def huge_number(text: str, rng: random.Random) -> str:
    """Replace a number in the text (or any scalar, when there is none) with an extreme one."""
    numbers = list(re.finditer(r"(?<=: )-?\d+(\.\d+)?\b", text))
    if not numbers:
        numbers = list(re.finditer(r"(?<=: )\S+", text))
    if not numbers:
        return text + f"\nextra: {rng.choice(HUGE)}\n"
    m = rng.choice(numbers)
    return text[: m.start()] + rng.choice(HUGE) + text[m.end() :]


def truncate(text: str, rng: random.Random) -> str:
    return text[: rng.randrange(len(text) + 1)]


def truncate_bytes(text: str, rng: random.Random) -> bytes:
    raw = text.encode("utf-8")
    return raw[: rng.randrange(len(raw) + 1)]


def random_bytes(text: str, rng: random.Random) -> bytes:
    raw = bytearray(text.encode("utf-8"))
    for _ in range(rng.randint(1, 12)):
        at = rng.randrange(len(raw) + 1)
        chunk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 6)))
        if rng.random() < 0.5 and at < len(raw):
            raw[at : at + len(chunk)] = chunk
        else:
            raw[at:at] = chunk
    return bytes(raw)


def random_chars(text: str, rng: random.Random) -> str:
    """Insert YAML syntax, control characters, right-to-left marks, emoji and surrogate-free junk."""
    junk = (
        ":",
        "- ",
        "[",
        "]",
        "{",
        "}",
        "&a ",
        "*a",
        "!!",
        "!!python/object:os.system ",
        "%YAML 1.1\n",
        "---\n",
        "...\n",
        "\t",
        "\r",
        "\x1b[31m",
        "\u202e",
        "\u200f",
        "\ufeff",
        "😀",
        "\x7f",
        "\x85",
        "\u2028",
        "'",
        '"',
        "#",
        "|\n",
        ">\n",
        "? ",
        "<<: ",
        "\\",
        "\x0c",
        "\x00",
    )
    out = text
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(out) + 1)
        out = out[:at] + rng.choice(junk) + out[at:]
    return out


def deep_nesting(text: str, rng: random.Random) -> str:
    depth = rng.choice((70, 500, 5000, 50_000))
    style = rng.randrange(3)
    if style == 0:
        value = "[" * depth + "]" * depth
    elif style == 1:
        value = "{a: " * depth + "1" + "}" * depth
    else:  # block style: each level one more space of indent
        lines = [f"{' ' * i}k{i}:" for i in range(min(depth, 3000))]
        return text + "\nnested:\n" + "\n".join(" " + line for line in lines) + " 1\n"
    return text + f"\nnested: {value}\n"


def alias_bomb(text: str, rng: random.Random) -> str:
    """A 'billion laughs' document, alone or appended under a key."""
    levels = rng.choice((6, 9, 12))
    width = rng.choice((5, 9, 10))
    lines = ['a0: &a0 ["lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    bomb = "\n".join(lines) + f"\nboom: *a{levels - 1}\n"
    if rng.random() < 0.5:
        return bomb
    return text + "\n" + bomb


def self_alias(text: str, rng: random.Random) -> str:
    """Recursive structures and merge keys: `&a [*a]` is rejected by YAML, merges are not."""
    extras = (
        "loop: &x [*x]\n",
        "m: &m {a: 1}\nn: {<<: *m, b: 2}\n",
        "k: &k\n  a: 1\nl:\n  <<: [*k, *k, *k]\n",
        "dup: 1\ndup: 2\n",
        "? [a, b]\n: complex key\n",
        "? {a: 1}\n: mapping key\n",
        "! tag: x\n",
        "t: !!binary aGVsbG8=\n",
        "t: !!set {a, b}\n",
        "t: !!omap [a: 1]\n",
        "t: !custom x\n",
        "t: !!python/name:os.system\n",
        "t: !!timestamp 2026-01-01\n",
        "1: int key\n",
        "null: x\n",
        "~: null key\n",
        "true: bool key\n",
    )
    return text + "\n" + rng.choice(extras)


def duplicate_document(text: str, rng: random.Random) -> str:
    return text + "\n---\n" + text if rng.random() < 0.5 else "---\n" + text + "\n...\n---\nid: x\n"


def swap_lines(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    if len(lines) < 2:
        return text
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    if rng.random() < 0.5:
        i = rng.randrange(len(lines))
        lines[i] = " " * rng.randint(1, 9) + lines[i]
    return "\n".join(lines) + "\n"


def stray_brace(text: str, rng: random.Random) -> str:
    """A broken or unknown {placeholder} in a spoken line (a list item), where a trainer might type one."""
    items = list(re.finditer(r"^([ \t]*- )(.+)$", text, re.M))
    if not items:
        return text + "\nlines: {answer: ['{oops']}\n"
    m = rng.choice(items)
    body = m.group(2)
    quoted = body[:1] in "'\""
    at = rng.randrange(1, len(body)) if quoted and len(body) > 2 else rng.randrange(len(body) + 1)
    junk = rng.choice(("{", "}", "{name", "{0}", "{}", "{unknown}", "{balance:>{x}}", "{name!z}", "{{", "{first_name."))
    if not quoted:  # keep it a YAML string: a plain scalar may not start with a brace
        body = '"' + body.replace("\\", "\\\\").replace('"', '\\"') + '"'
        at += 1
    return text[: m.start(2)] + body[:at] + junk + body[at:] + text[m.end(2) :]


def huge_string(text: str, rng: random.Random) -> str:
    return text + "\nsummary_extra: " + "x" * rng.choice((10_000, 1_000_000, 2_100_000)) + "\n"


def not_a_mapping(text: str, rng: random.Random) -> str:
    return rng.choice(
        (
            "",
            "\n",
            "# only a comment\n",
            "- a\n- b\n",
            "42\n",
            "just text\n",
            "~\n",
            "[]\n",
            "{}\n",
            "---\n...\n",
            "\ufeff",
            "\ufeffid: x\n",
        )
    )


MUTATIONS: dict[str, Mutation] = {
    "delete_key": delete_key,
    "wrong_type": wrong_type,
    "huge_number": huge_number,
    "truncate": truncate,
    "truncate_bytes": truncate_bytes,
    "random_bytes": random_bytes,
    "random_chars": random_chars,
    "deep_nesting": deep_nesting,
    "alias_bomb": alias_bomb,
    "self_alias": self_alias,
    "duplicate_document": duplicate_document,
    "swap_lines": swap_lines,
    "huge_string": huge_string,
    "stray_brace": stray_brace,
    "not_a_mapping": not_a_mapping,
}


def apply(name: str, text: str, seed: int) -> str | bytes:
    """One named mutation, its random choices drawn from `seed`."""
    return MUTATIONS[name](text, random.Random(seed))


def mutate(text: str, seed: int) -> tuple[str, str | bytes]:
    """(mutation names joined by '+', mutated content) for one seed: one to three mutations in a row."""
    rng = random.Random(seed)
    names: list[str] = []
    out: str | bytes = text
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        name = rng.choice(sorted(MUTATIONS))
        if isinstance(out, bytes):  # raw bytes cannot go through the text mutations again
            break
        try:
            out = MUTATIONS[name](out, rng)
        except (yaml.YAMLError, RecursionError, TypeError, KeyError, IndexError, ValueError, _TooBigToEdit):
            # the previous mutation broke the YAML the tree mutations need: fall back to bytes
            name = "random_bytes"
            out = random_bytes(out, rng)
        names.append(name)
    return "+".join(names), out


# ---------------------------------------------------------------------------- running a case


class Hang(Exception):
    """The case ran past its time limit."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise Hang in the main thread after `seconds` (SIGALRM); elsewhere, no limit is set."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise Hang(f"no answer within {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class CaseResult:
    seed: int
    source: str
    mutation: str
    problems: list[str]
    failure: str | None  # None when the loader behaved: returned, in time, with clean problems

    def describe(self) -> str:
        return f"seed {self.seed} ({self.source}, {self.mutation}): {self.failure}"


def check_problems(problems: list[str]) -> str | None:
    """None when every problem is one clean `path:line:col: message` line, else what is wrong."""
    for text in problems:
        if not PROBLEM_RE.match(text):
            return f"problem is not 'path:line:col: message': {text[:200]!r}"
        leak = next((leak for leak in LEAKS if leak in text), None)
        if leak:
            return f"problem leaks an exception ({leak!r}): {text[:200]!r}"
    return None


def run_case(
    source: Path,
    seed: int,
    workdir: Path,
    *,
    timeout: float = 10.0,
    neighbours: bool = True,
    only: str | None = None,
) -> CaseResult:
    """Mutate `source` with `seed` (a chain of mutations, or `only` the one named), load it beside the
    rest of the shipped content (or alone), and judge the answer."""
    from negotiation_sim.content.library import load_library

    text = source.read_text(encoding="utf-8")
    if only is not None:
        mutation, content = only, apply(only, text, seed)
    else:
        mutation, content = mutate(text, seed)
    folder = workdir / f"case{seed}-{only or 'chain'}" / source.parent.name
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / source.name
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8", errors="surrogatepass")
    others = [p for p in shipped_files() if p != source] if neighbours else partners(source)
    problems: list[str] = []
    failure: str | None = None
    try:
        with time_limit(timeout):
            lib = load_library([], files=[*others, target])
            problems = [str(p) for p in lib.problems]
            # whatever loaded must also play: a call on each scenario the mutated file is part of
            for scenario_id, scenario in sorted(lib.scenarios.items()):
                entry = lib.entries[("scenario", scenario_id)]
                persona_entry = lib.entries.get(("persona", scenario.persona))
                if persona_entry is not None and target in (entry.path, persona_entry.path):
                    play_calls(scenario, lib.persona_for(scenario), seed)
    except Hang as exc:
        failure = f"hang: {exc}"
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            raise
        failure = f"raised {type(exc).__name__}: {str(exc)[:300]}"
    if failure is None:
        failure = check_problems(problems)
    if failure is None:
        failure = _check_paths(problems, target, others)
    return CaseResult(seed, source.name, mutation, problems, failure)


def partners(source: Path) -> list[Path]:
    """The shipped files a file works with: a scenario's persona, or the scenarios of a persona."""
    text = source.read_text(encoding="utf-8")
    if source.parent.name == "scenarios":
        m = re.search(r"^persona:[ \t]*(\S+)", text, re.M)
        persona = ROOT / "personas" / f"{m.group(1)}.yaml" if m else None
        return [persona] if persona is not None and persona.is_file() else []
    if source.parent.name == "personas":
        m = re.search(r"^id:[ \t]*(\S+)", text, re.M)
        if m is None:
            return []
        wanted = re.compile(rf"^persona:[ \t]*{re.escape(m.group(1))}[ \t]*$", re.M)
        return [p for p in sorted((ROOT / "scenarios").glob("*.yaml")) if wanted.search(p.read_text(encoding="utf-8"))]
    return []


def play_calls(scenario: Any, persona: Any, seed: int) -> None:
    """Two bots play the scenario and each call replays to the same events; any error escapes."""
    from negotiation_sim.bots import ByTheBook, RandomLegal, play_call
    from negotiation_sim.engine.session import CallSession

    for bot in (ByTheBook(), RandomLegal(seed)):
        session = play_call(CallSession(scenario, persona, seed=seed), bot, max_turns=40)
        CallSession.replay(scenario, persona, session.events)


def _check_paths(problems: list[str], target: Path, others: list[Path]) -> str | None:
    """A problem names a file that was loaded (the mutated one, or a file that refers to it)."""
    names = {target.name, *(p.name for p in others)}
    for text in problems:
        m = PROBLEM_RE.match(text)
        assert m is not None
        if Path(m["path"]).name not in names:
            return f"problem names a file that was not loaded: {text[:200]!r}"
    return None


def run_many(
    seeds: range | list[int],
    *,
    timeout: float = 10.0,
    neighbours: bool = True,
    on_result: Callable[[CaseResult], None] | None = None,
) -> list[CaseResult]:
    """Every seed against the shipped files (seed i mutates file i mod n); returns the failures."""
    files = shipped_files()
    failures: list[CaseResult] = []
    with tempfile.TemporaryDirectory(prefix="negotiation-fuzz-") as tmp:
        for seed in seeds:
            result = run_case(files[seed % len(files)], seed, Path(tmp), timeout=timeout, neighbours=neighbours)
            if on_result is not None:
                on_result(result)
            if result.failure is not None:
                failures.append(result)
    return failures
