"""A mock of the Fiscal Intermediary Standard System (FISS), answering Part A claim status
inquiries from the seeded population.

An inquiry names a beneficiary by MBI and a range of dates of service; the answer lists the
beneficiary's claims whose service spans overlap the range (none is an answer too), or says
the MBI is not on file. Each beneficiary's claims are made on demand by the claims provider,
seeded from the population's seed and the beneficiary's index: beneficiary *i* of seed *s* has
the same claims on every machine, and nothing is stored.

Usage::

    fiss = Fiss(Population(seed=7, size=1_000_000))
    answer = fiss.claim_status(ClaimStatusRequest(mbi, date(2024, 1, 1), date(2025, 12, 31)))
    if isinstance(answer, NotOnFile): print(answer.reason)
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from faker import Faker

from mock_portal.backends.claims import Claim
from mock_portal.population.providers.claims import Provider as ClaimsProvider

if TYPE_CHECKING:
    from datetime import date

    from mock_portal.population.seeded import Population

NOT_ON_FILE = "Beneficiary not found: no one in the population has this MBI"


@dataclass(frozen=True)
class ClaimStatusRequest:
    mbi: str
    dos_from: date
    dos_through: date


@dataclass(frozen=True)
class ClaimHistory:
    mbi: str
    dos_from: date
    dos_through: date
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class NotOnFile:
    reason: str = NOT_ON_FILE


ClaimAnswer = ClaimHistory | NotOnFile


class Fiss:
    def __init__(self, population: Population) -> None:
        self.population = population
        self._faker = Faker("en_US")
        self._faker.add_provider(ClaimsProvider)
        # One Faker re-seeded per beneficiary; the lock keeps a re-seed and its draws together.
        self._lock = threading.Lock()

    def claims_of(self, mbi: str) -> tuple[Claim, ...] | None:
        """Every claim FISS holds for the beneficiary, or None when the MBI is not on file."""
        index = self.population.index_of(mbi)
        if index is None:
            return None
        person = self.population.beneficiary(index)
        with self._lock:
            self._faker.seed_instance(self._claims_seed(index))
            claims: tuple[Claim, ...] = self._faker.claims(person)
            return claims

    def claim_status(self, request: ClaimStatusRequest) -> ClaimAnswer:
        claims = self.claims_of(request.mbi)
        if claims is None:
            return NotOnFile()
        found = tuple(c for c in claims if c.overlaps(request.dos_from, request.dos_through))
        return ClaimHistory(request.mbi, request.dos_from, request.dos_through, found)

    def _claims_seed(self, index: int) -> int:
        key = f"claims/{self.population.seed}/{index}".encode()
        return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big")
