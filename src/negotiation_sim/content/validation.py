"""Turn pydantic errors into one-line `path:line:col: key: message` problems."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, Union

from pydantic import BaseModel, ValidationError

from .problems import Problem
from .yamlsource import Loc, YamlDoc


def _unwrap(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (Union, types.UnionType):
        for arm in typing.get_args(tp):
            arm = _unwrap(arm)
            if isinstance(arm, type) and issubclass(arm, BaseModel):
                return arm
        return tp
    return tp


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        origin = typing.get_origin(current)
        if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(part, str):
            field = current.model_fields.get(part)
            if field is None:
                return []
            current = field.annotation
        elif origin in (list, tuple) and isinstance(part, int):
            current = typing.get_args(current)[0]
        elif origin is dict:
            current = typing.get_args(current)[1]
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def problems_from(exc: ValidationError, doc: YamlDoc, model: type[BaseModel], base: Loc = ()) -> list[Problem]:
    found: list[Problem] = []
    errors = []
    for error in exc.errors(include_url=False):
        loc: Loc = tuple(p for p in error["loc"] if isinstance(p, str | int))
        # pydantic adds the union arm's type name to the loc; drop parts that are not in the data
        errors.append((_real_loc(loc, doc, base), error))
    # a union reports one error per arm: keep the one that says most, not "should be a list"
    errors = [
        (loc, error)
        for loc, error in errors
        if not (error["type"] in _ARM_MISMATCH and any(o != loc and o[: len(loc)] == loc for o, _ in errors))
        and not (error["type"] in _ARM_MISMATCH and any(o == loc and e["type"] not in _ARM_MISMATCH for o, e in errors))
    ]
    for loc, error in errors:
        full = (*base, *loc)
        kind = error["type"]
        if kind == "extra_forbidden":
            key = str(loc[-1])
            allowed = _fields_at(model, loc[:-1])
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            found.append(doc.problem(full, f"unknown key{hint}", key=True))
        elif kind == "missing":
            found.append(doc.problem(full[:-1], f"missing required key '{loc[-1]}'", key=True))
        else:
            message = error["msg"].removeprefix("Value error, ")
            value = error.get("input")
            if kind.endswith("_type") or kind.startswith(("int_", "float_", "bool_", "string_")):
                message = f"{message} (got {_short(value)})"
            found.append(doc.problem(full, message))
    return _dedupe(found)


_ARM_MISMATCH = frozenset({"list_type", "dict_type", "model_type", "model_attributes_type"})


def _real_loc(loc: Loc, doc: YamlDoc, base: Loc) -> Loc:
    out: list[str | int] = []
    for part in loc:
        candidate = (*base, *out, part)
        if (
            candidate in doc.marks.values
            or isinstance(part, int)
            or (
                part[:1].islower()
                and "[" not in str(part)
                and not str(part).startswith(("function-", "list[", "dict["))
            )
        ):
            out.append(part)
    return tuple(out)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[Problem] = set()
    out = []
    for p in problems:
        if p not in seen:
            seen.add(p)
            out.append(p)
    return out
