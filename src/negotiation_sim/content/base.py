"""Shared pieces of the content models: strict models, ids, bounded numbers."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints


class StrictModel(BaseModel):
    """Unknown keys are errors (a typo must never be silently ignored)."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


ContentId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", min_length=1, max_length=64),
]
MoveId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
Score = Annotated[int, Field(ge=0, le=100)]
Delta = Annotated[int, Field(ge=-100, le=100)]
Money = Annotated[float, Field(ge=0, le=100_000_000)]
Ratio = Annotated[float, Field(ge=0, le=1)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000)]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date_to_text(value: Any) -> Any:
    # YAML reads an unquoted 2026-10-01 as a date; content keeps dates as ISO text
    return value.isoformat() if isinstance(value, date) else value


def _check_iso(value: str) -> str:
    if not _ISO_DATE.match(value):
        raise ValueError(f"'{value}' is not a date like 2026-11-02")
    date.fromisoformat(value)
    return value


IsoDate = Annotated[str, BeforeValidator(_date_to_text), AfterValidator(_check_iso)]
