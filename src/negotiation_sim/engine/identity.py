"""The debtor's identity, generated with Faker from the call's seed.

Faker is imported on first use (it costs ~90 ms) and one instance is re-seeded per call with
`seed_instance`, never the global `Faker.seed`, so every student given the same seed meets
the same person. Faker's version is pinned in pyproject.toml because a seed's output can
change between releases.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any


@dataclass(frozen=True, slots=True)
class Identity:
    name: str
    first_name: str
    phone: str
    city: str
    state: str
    employer: str
    company: str
    date_of_birth: str

    def to_dict(self) -> dict[str, str]:
        # what asdict() gives for these str fields, without its recursive deep copy (a hot path)
        return {
            "name": self.name,
            "first_name": self.first_name,
            "phone": self.phone,
            "city": self.city,
            "state": self.state,
            "employer": self.employer,
            "company": self.company,
            "date_of_birth": self.date_of_birth,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Identity:
        return cls(**{k: str(data[k]) for k in cls.__dataclass_fields__})


_lock = threading.Lock()
_TRADES = ("Hardware", "Bakery", "Landscaping", "Auto Repair", "Print Shop", "Catering")


@lru_cache(maxsize=1)
def _faker() -> Any:
    from faker import Faker

    return Faker("en_US")


@lru_cache(maxsize=4096)
def identity_for(seed: int, gender: str = "unspecified") -> Identity:
    with _lock:
        fake = _faker()
        fake.seed_instance(seed)
        first = {"female": fake.first_name_female, "male": fake.first_name_male}.get(gender, fake.first_name)()
        last = fake.last_name()
        return Identity(
            name=f"{first} {last}",
            first_name=first,
            phone=fake.numerify("(%##) 555-####"),
            city=fake.city(),
            state=fake.state_abbr(include_territories=False),
            employer=fake.company(),
            company=f"{last} {fake.random_element(_TRADES)}",
            # a fixed range, not an age: Faker's age helpers depend on today's date
            date_of_birth=fake.date_between_dates(date(1951, 1, 1), date(2003, 12, 31)).isoformat(),
        )
