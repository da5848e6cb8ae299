"""Shared fixtures: the shipped library, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from negotiation_sim.content.library import Library, load_library

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def library() -> Library:
    lib = load_library()
    assert not lib.problems, "\n".join(map(str, lib.problems))
    return lib
