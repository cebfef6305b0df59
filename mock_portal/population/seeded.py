"""The seeded population HETS answers from: beneficiary *i* of seed *s*, made on demand.

Nothing is stored. Index ``i`` becomes an MBI through a keyed shuffle of all valid MBIs (so
neighbouring indices do not get neighbouring MBIs), and an MBI becomes its index through the
inverse; the person's details come from the Faker provider seeded by ``(s, i)``. So "seed 7,
beneficiary 42" names the same person on every machine, and a population of a million costs what
a population of ten does.

Usage::

    people = Population(seed=7, size=1_000_000)
    someone = people.beneficiary(42)
    people.find(someone.mbi) == someone          # True
    people.find("1EG4TE5MK73")                   # almost surely None: "not found"
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING

from faker import Faker

from mock_portal.population import mbi
from mock_portal.population.permutation import KeyedPermutation
from mock_portal.population.provider import MedicareProvider

if TYPE_CHECKING:
    from mock_portal.population.records import Beneficiary


# Beneficiaries recently built, kept for repeat lookups (a provider checks the same patient
# several times a day; load tests repeat a handful). Bounded, so memory never grows with the
# population or the number of lookups.
RECENT = 4096


class Population:
    def __init__(self, seed: int, size: int, *, recent: int = RECENT) -> None:
        if not 1 <= size <= mbi.SPACE:
            raise ValueError(f"a population has 1 to {mbi.SPACE} beneficiaries, got {size}")
        self.seed = seed
        self.size = size
        self._mbis = KeyedPermutation(mbi.SPACE, f"mbi-shuffle/{seed}".encode())
        self._faker = Faker("en_US")
        self._faker.add_provider(MedicareProvider)
        # One Faker, re-seeded per person: making a Faker costs far more than seeding one. The
        # lock keeps a re-seed and the draws after it together when threads share the population.
        self._lock = threading.Lock()
        self._recent: OrderedDict[int, Beneficiary] = OrderedDict()
        self._recent_max = recent

    def __len__(self) -> int:
        return self.size

    def mbi(self, index: int) -> str:
        self._check(index)
        return mbi.from_number(self._mbis.forward(index))

    def index_of(self, identifier: str) -> int | None:
        """The index of the beneficiary with this MBI (normalized), or None if there is none."""
        if not mbi.is_valid(identifier):
            return None
        index = self._mbis.inverse(mbi.to_number(identifier))
        return index if index < self.size else None

    def beneficiary(self, index: int) -> Beneficiary:
        identifier = self.mbi(index)
        with self._lock:
            known = self._recent.get(index)
            if known is not None:
                self._recent.move_to_end(index)
                return known
            self._faker.seed_instance(self._person_seed(index))
            person: Beneficiary = self._faker.beneficiary(mbi=identifier)
            if self._recent_max:
                self._recent[index] = person
                if len(self._recent) > self._recent_max:
                    self._recent.popitem(last=False)
            return person

    def find(self, identifier: str) -> Beneficiary | None:
        index = self.index_of(identifier)
        return None if index is None else self.beneficiary(index)

    def _person_seed(self, index: int) -> int:
        digest = hashlib.blake2b(f"person/{self.seed}/{index}".encode(), digest_size=8).digest()
        return int.from_bytes(digest, "big")

    def _check(self, index: int) -> None:
        if not 0 <= index < self.size:
            raise IndexError(f"beneficiary {index} is outside this population of {self.size}")
