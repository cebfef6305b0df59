"""A Faker provider for a beneficiary's Part A claims as FISS holds them (the records are
:mod:`mock_portal.backends.claims`).

Types of bill are the NUBC's (facility type, bill classification, frequency); FISS's status codes
and the X12 claim adjustment reason codes (CARC) name why a claim is not paid; claim numbers take
the shape Medicare contractors' do. Amounts and dates are synthetic.

Usage::

    fake = Faker("en_US"); fake.add_provider(Provider); fake.seed_instance(7)
    history = fake.claims(beneficiary)     # () when the person has no Part A
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from faker.providers import BaseProvider

from mock_portal.backends.claims import (
    HISTORY_FROM,
    LAST_SERVICE,
    Claim,
    ClaimStatus,
    Reason,
    TypeOfBill,
)

if TYPE_CHECKING:
    from random import Random

    from mock_portal.population.records import Beneficiary

CENTS: Final = Decimal("0.01")


class Provider(BaseProvider):
    # Type of bill = facility type, bill classification, frequency (1: admit through discharge).
    types_of_bill: tuple[TypeOfBill, ...] = (
        TypeOfBill("111", "Hospital inpatient", 10, (2_500, 6_000)),
        TypeOfBill("131", "Hospital outpatient", 1, (150, 4_000)),
        TypeOfBill("211", "Skilled nursing facility inpatient", 20, (400, 900)),
        TypeOfBill("321", "Home health", 30, (60, 200)),
        TypeOfBill("721", "Clinic: end-stage renal disease", 1, (250, 700)),
        TypeOfBill("811", "Hospice", 30, (150, 300)),
    )
    # Sorted by FISS's status code.
    status_weights: tuple[tuple[ClaimStatus, int], ...] = (
        (ClaimStatus.DENIED, 12),
        (ClaimStatus.PAID, 60),
        (ClaimStatus.REJECTED, 13),
        (ClaimStatus.PENDING, 15),
    )
    # CARC wording, shortened; a suspended claim waits on FISS rather than on a CARC.
    reasons: tuple[tuple[ClaimStatus, Reason], ...] = (
        (ClaimStatus.DENIED, Reason("50", "Not deemed a medical necessity by the payer")),
        (ClaimStatus.DENIED, Reason("96", "Non-covered charge(s)")),
        (ClaimStatus.REJECTED, Reason("16", "Claim lacks information or has billing error(s)")),
        (ClaimStatus.REJECTED, Reason("18", "Exact duplicate claim/service")),
        (ClaimStatus.REJECTED, Reason("29", "The time limit for filing has expired")),
        (ClaimStatus.PENDING, Reason("ADR", "Additional documentation requested")),
        (ClaimStatus.PENDING, Reason("MR", "Suspended for medical review")),
    )
    most_claims: int = 6

    @property
    def _rng(self) -> Random:
        rng: Random = self.generator.random
        return rng

    def claims(self, person: Beneficiary) -> tuple[Claim, ...]:
        """Part A claims for ``person``'s services in the history window, oldest first."""
        if person.part_a_effective is None:
            return ()
        first = max(person.part_a_effective, HISTORY_FROM)
        last = min(person.date_of_death or LAST_SERVICE, LAST_SERVICE)
        if first > last:
            return ()
        made = [self._claim(first, last) for _ in range(self._rng.randint(1, self.most_claims))]
        return tuple(sorted(made, key=lambda c: (c.from_date, c.icn)))

    def _claim(self, first: date, last: date) -> Claim:
        rng = self._rng
        kind = rng.choice(self.types_of_bill)
        start = _day_between(rng, first, last)
        end = min(start + timedelta(days=rng.randrange(kind.max_days)), last)
        received = end + timedelta(days=rng.randint(1, 14))
        status = rng.choices(
            [s for s, _ in self.status_weights], weights=[w for _, w in self.status_weights]
        )[0]
        days = (end - start).days + 1
        billed = (Decimal(rng.randint(*kind.daily_charge) * days) + _cents(rng)).quantize(CENTS)
        paid_on = received + timedelta(days=rng.randint(14, 30))
        share = Decimal(rng.randint(35, 80)) / 100 if status is ClaimStatus.PAID else Decimal(0)
        why = [r for s, r in self.reasons if s is status]
        return Claim(
            icn=_icn(rng, received),
            type_of_bill=kind,
            from_date=start,
            through_date=end,
            received=received,
            status=status,
            reason=rng.choice(why) if why else None,
            billed=billed,
            paid=(billed * share).quantize(CENTS),
            paid_on=paid_on if status is ClaimStatus.PAID else None,
        )


def _day_between(rng: Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def _cents(rng: Random) -> Decimal:
    return Decimal(rng.randrange(100)) / 100


def _icn(rng: Random, received: date) -> str:
    """13 digits in the shape Medicare contractors' claim numbers take: a region code, the
    receipt date as YYDDD (Julian), then batch and sequence numbers."""
    julian = f"{received:%y}{received.timetuple().tm_yday:03d}"
    return f"{rng.choice(('21', '22'))}{julian}{rng.randrange(1000):03d}{rng.randrange(1000):03d}"
