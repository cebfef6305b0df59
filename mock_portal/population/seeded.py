"""The seeded population HETS answers from: beneficiary *i* of seed *s*, made on demand.

Nothing is stored. Index ``i`` becomes an MBI through a keyed shuffle of all valid MBIs (so
neighbouring indices do not get neighbouring MBIs), and an MBI becomes its index through the
inverse; the person's details come from the Faker provider seeded by ``(s, i)``. So "seed 7,
beneficiary 42" names the same person on every machine, and a population of a million costs what
a population of ten does.

Some people are made for the cases HETS answers differently (docs/hets.md), at indexes fixed by a
rule rather than stored, the same for every seed, so a test picks one by arithmetic
(:func:`case_of`, :func:`case_indexes`): index ``i`` with ``i % 1000`` equal to

- 1: a **replaced MBI**. The old MBI is the shuffle's image of a number counted down from the
  top of the MBI space (``SPACE - 1 - i // 1000``), a place no current beneficiary of any
  population smaller than :data:`MAX_SIZE` can take, so both MBIs stay O(1) both ways;
- 2: a **recent change of last name**;
- 3: a **death older than HETS's purge** (27 months; unsettled, see docs/hets.md).

Usage::

    people = Population(seed=7, size=1_000_000)
    someone = people.beneficiary(42)
    people.find(someone.mbi) == someone          # True
    people.find("1EG4TE5MK73")                   # almost surely None: "not found"
    old = people.beneficiary(1001).previous_mbi
    people.lookup(old).retired_mbi_ends          # the old MBI's last day
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Final

from faker import Faker

from mock_portal.population import mbi
from mock_portal.population.permutation import KeyedPermutation
from mock_portal.population.providers.medicare import Provider as MedicareProvider
from mock_portal.population.records import Case

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import date

    from mock_portal.population.records import Beneficiary


# Beneficiaries recently built, and the places in the MBI shuffle of MBIs recently looked up,
# kept for repeat lookups (a provider checks the same patient several times a day; load tests
# repeat a handful). Bounded, so memory never grows with the population or the number of
# lookups.
RECENT = 4096
# One beneficiary in every STRIDE is made for each special case.
STRIDE: Final = 1000
# The largest population whose current MBIs never meet a replaced one.
MAX_SIZE: Final = mbi.SPACE - mbi.SPACE // STRIDE - 1


CASE_OFFSETS: Final = {1: Case.REPLACED_MBI, 2: Case.NAME_CHANGE, 3: Case.PURGED_DEATH}
_OFFSET_OF: Final = {case: offset for offset, case in CASE_OFFSETS.items()}


def case_of(index: int) -> Case | None:
    return CASE_OFFSETS.get(index % STRIDE)


def case_indexes(case: Case, size: int) -> Iterator[int]:
    """Every index of ``case`` in a population of ``size``, in order: 1, 1001, 2001, ..."""
    return iter(range(_OFFSET_OF[case], size, STRIDE))


@dataclass(frozen=True)
class Found:
    """Whom an MBI names, and, when it is a replaced one, its last day of use."""

    beneficiary: Beneficiary
    retired_mbi_ends: date | None = None


class Population:
    def __init__(self, seed: int, size: int, *, recent: int = RECENT) -> None:
        if not 1 <= size <= MAX_SIZE:
            raise ValueError(f"a population has 1 to {MAX_SIZE} beneficiaries, got {size}")
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
        # Unshuffling an MBI is six keyed hashes or more (KeyedPermutation): 5 % of an
        # eligibility lookup's CPU under load (py-spy, issue 20), for the same few MBIs.
        self._unshuffled = functools.lru_cache(maxsize=recent)(self._unshuffle)

    def __len__(self) -> int:
        return self.size

    def mbi(self, index: int) -> str:
        self._check(index)
        return mbi.from_number(self._mbis.forward(index))

    def previous_mbi(self, index: int) -> str | None:
        """The MBI CMS replaced for beneficiary ``index``, if it is one whose MBI was replaced."""
        self._check(index)
        if case_of(index) is not Case.REPLACED_MBI:
            return None
        return mbi.from_number(self._mbis.forward(mbi.SPACE - 1 - index // STRIDE))

    def index_of(self, identifier: str) -> int | None:
        """The index of the beneficiary whose current MBI this is (normalized), or None."""
        if not mbi.is_valid(identifier):
            return None
        index = self._unshuffled(identifier)
        return index if index < self.size else None

    def retired_index_of(self, identifier: str) -> int | None:
        """The index of the beneficiary whose replaced MBI this is, or None."""
        if not mbi.is_valid(identifier):
            return None
        block = mbi.SPACE - 1 - self._unshuffled(identifier)
        index = block * STRIDE + _OFFSET_OF[Case.REPLACED_MBI]
        return index if index < self.size else None

    def beneficiary(self, index: int) -> Beneficiary:
        self._check(index)
        with self._lock:
            known = self._recent.get(index)
            if known is not None:
                self._recent.move_to_end(index)
                return known
            self._faker.seed_instance(self._person_seed(index))
            person: Beneficiary = self._faker.beneficiary(
                mbi=self.mbi(index), case=case_of(index), previous_mbi=self.previous_mbi(index)
            )
            if self._recent_max:
                self._recent[index] = person
                if len(self._recent) > self._recent_max:
                    self._recent.popitem(last=False)
            return person

    def find(self, identifier: str) -> Beneficiary | None:
        """The beneficiary whose current MBI this is (normalized), or None."""
        index = self.index_of(identifier)
        return None if index is None else self.beneficiary(index)

    def lookup(self, identifier: str) -> Found | None:
        """Whom this MBI (normalized) names, current or replaced, or None."""
        person = self.find(identifier)
        if person is not None:
            return Found(person)
        index = self.retired_index_of(identifier)
        if index is None:
            return None
        person = self.beneficiary(index)
        if person.mbi_effective is None:  # pragma: no cover - every replaced MBI has its day
            raise AssertionError(f"beneficiary {index} has a replaced MBI but no change date")
        return Found(person, person.mbi_effective - timedelta(days=1))

    def _unshuffle(self, identifier: str) -> int:
        """The MBI's (valid, normalized) place before the shuffle."""
        return self._mbis.inverse(mbi.to_number(identifier))

    def _person_seed(self, index: int) -> int:
        digest = hashlib.blake2b(f"person/{self.seed}/{index}".encode(), digest_size=8).digest()
        return int.from_bytes(digest, "big")

    def _check(self, index: int) -> None:
        if not 0 <= index < self.size:
            raise IndexError(f"beneficiary {index} is outside this population of {self.size}")
