"""YAML in, plain data plus line marks out — with the safe loader only.

One parse gives both the data (as `yaml.safe_load` would build it) and an index from
each key path to its line and column, so a validation error can name `file:line:col`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # the C loader parses several times faster and keeps marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from .problems import Problem

MAX_FILE_BYTES = 2_000_000
MAX_EXPANDED_NODES = 200_000  # stops alias "billion laughs" documents
MAX_DEPTH = 60

Loc = tuple[str | int, ...]


@dataclass(slots=True)
class Marks:
    """Where each value (and each mapping key) sits in the file, 1-based."""

    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def at(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        table = self.keys if key else self.values
        probe = tuple(loc)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))


@dataclass(slots=True)
class YamlDoc:
    path: str
    data: Any
    marks: Marks

    def problem(self, loc: Loc, message: str, *, key: bool = False) -> Problem:
        line, col = self.marks.at(loc, key=key)
        dotted = dotted_loc(loc)
        text = f"{dotted}: {message}" if dotted else message
        return Problem(self.path, line, col, text)


def dotted_loc(loc: Loc) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _index(node: yaml.Node, loc: Loc, marks: Marks, budget: list[int], depth: int) -> None:
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooBig("the document expands to too many values (alias bomb?)")
    if depth > MAX_DEPTH:
        raise _TooBig(f"nesting deeper than {MAX_DEPTH} levels")
    marks.values.setdefault(loc, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
            child = (*loc, key)
            marks.keys.setdefault(child, (key_node.start_mark.line + 1, key_node.start_mark.column + 1))
            _index(value_node, child, marks, budget, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, (*loc, i), marks, budget, depth + 1)


class _TooBig(Exception):
    pass


# libyaml slows down quadratically with nesting depth and the C composer recurses until the
# stack overflows (~25,000 levels), so deep documents are refused before libyaml sees them.
# The bound is cheap and generous: a line's indentation with its compact `- `/`? `/`: `
# indicators, or the deepest run of open brackets; the exact MAX_DEPTH check is in _index.
_PRESCAN_LIMIT = 2 * MAX_DEPTH
_BRACKET = re.compile(r"[\[\]{}]")


def _too_deep_at(text: str) -> int | None:
    """The offset where nesting may pass _PRESCAN_LIMIT, or None (the usual case)."""
    for line in [line for line in text.splitlines() if len(line) > _PRESCAN_LIMIT]:
        if len(line) - len(line.lstrip(" \t-?:")) > _PRESCAN_LIMIT:
            return text.find(line)
    if text.count("[") + text.count("{") <= _PRESCAN_LIMIT * 2:
        return None
    depth = 0
    for m in _BRACKET.finditer(text):
        depth = depth + 1 if m.group() in "[{" else max(0, depth - 1)
        if depth > _PRESCAN_LIMIT * 2:
            return m.start()
    return None


def _expanded_size(node: yaml.Node, memo: dict[int, int], depth: int) -> int:
    """How many values _index would visit, counted once per distinct node (aliases share nodes)."""
    if depth > MAX_DEPTH:
        raise _TooBig(f"nesting deeper than {MAX_DEPTH} levels")
    known = memo.get(id(node))
    if known is not None:
        if known < 0:
            raise _TooBig("an alias refers to the value that contains it")
        return known
    memo[id(node)] = -1
    if isinstance(node, yaml.MappingNode):
        size = 1 + sum(_expanded_size(value, memo, depth + 1) for _, value in node.value)
    elif isinstance(node, yaml.SequenceNode):
        size = 1 + sum(_expanded_size(item, memo, depth + 1) for item in node.value)
    else:
        size = 1
    if size > MAX_EXPANDED_NODES:
        raise _TooBig("the document expands to too many values (alias bomb?)")
    memo[id(node)] = size
    return size


def _one_line(text: str) -> str:
    return " ".join(text.split())


def parse_yaml(text: str, path: str) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse one YAML document; return it or the problems that stopped it."""
    if len(text) > MAX_FILE_BYTES:
        return None, [Problem(path, 1, 1, f"file is larger than {MAX_FILE_BYTES // 1_000_000} MB")]
    if "\x00" in text:
        return None, [Problem(path, 1, 1, "file contains NUL bytes; is it a YAML text file?")]
    deep = _too_deep_at(text)
    if deep is not None:
        line, col = text.count("\n", 0, deep) + 1, deep - text.rfind("\n", 0, deep)
        return None, [Problem(path, line, col, f"nesting deeper than {MAX_DEPTH} levels")]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [Problem(path, 1, 1, "file is empty")]
        if "*" in text:  # aliases: refuse a "billion laughs" before walking its expansion
            _expanded_size(node, {}, 0)
        marks = Marks()
        _index(node, (), marks, [MAX_EXPANDED_NODES], 0)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = exc.problem or exc.context or "invalid YAML"
        if "could not determine a constructor" in reason:
            reason = f"tag not allowed in content (only plain YAML data): {reason.split('tag ')[-1]}"
        return None, [Problem(path, line, col, f"YAML error: {_one_line(reason)}")]
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow; position is in UTF-8 bytes
        before = text.encode("utf-8", "surrogatepass")[: exc.position].decode("utf-8", "ignore")
        line, col = before.count("\n") + 1, len(before) - before.rfind("\n")
        reason = _one_line(str(exc.reason))
        return None, [Problem(path, line, col, f"YAML error: {reason} (found U+{exc.character:04X})")]
    except _TooBig as exc:
        return None, [Problem(path, 1, 1, str(exc))]
    except RecursionError:
        return None, [Problem(path, 1, 1, f"nesting deeper than {MAX_DEPTH} levels")]
    except yaml.YAMLError as exc:
        return None, [Problem(path, 1, 1, f"YAML error: {_one_line(str(exc))}")]
    finally:
        loader.dispose()
    return YamlDoc(path, data, marks), []


def read_yaml(path: Path, display: str | None = None) -> tuple[YamlDoc | None, list[Problem]]:
    shown = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(shown, 1, 1, f"cannot read file: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(shown, line, 1, "file is not valid UTF-8 text")]
    return parse_yaml(text, shown)
