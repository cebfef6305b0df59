"""Part A claims as FISS holds them, and a Faker provider that makes a beneficiary's history.

A claim is an institutional bill (type of bill 11x inpatient hospital, 13x outpatient, 21x
skilled nursing, 32x home health, 72x dialysis, 81x hospice) for a span of dates of service,
with FISS's status (P paid, S suspended/pending, D denied, R rejected) and, unless paid, the
X12 claim adjustment reason code (CARC) that says why. Amounts and dates are synthetic.

Usage::

    fake = Faker("en_US"); fake.add_provider(ClaimsProvider); fake.seed_instance(7)
    history = fake.claims(beneficiary)     # () when the person has no Part A
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final

from faker.providers import BaseProvider

from mock_portal.population.provider import RECORDS_AS_OF

if TYPE_CHECKING:
    from random import Random

    from mock_portal.population.records import Beneficiary

# Claims cover two years of services up to the records' date, so the history is the same
# whatever day the mock's clock says.
HISTORY_FROM: Final = date(2024, 1, 1)
# The last day of service a claim can have: it must have been received and decided since.
LAST_SERVICE: Final = RECORDS_AS_OF - timedelta(days=45)
CENTS = Decimal("0.01")


class ClaimStatus(StrEnum):
    """FISS's status codes (the first character of a claim's status/location)."""

    PAID = "P"
    PENDING = "S"
    DENIED = "D"
    REJECTED = "R"

    @property
    def label(self) -> str:
        return {"P": "Paid", "S": "Pending", "D": "Denied", "R": "Rejected"}[self.value]


@dataclass(frozen=True)
class TypeOfBill:
    code: str
    description: str
    # How long one claim's span of service can be, and what a day of it is billed.
    max_days: int
    daily_charge: tuple[int, int]


@dataclass(frozen=True)
class Reason:
    code: str
    text: str


@dataclass(frozen=True)
class Claim:
    icn: str
    type_of_bill: TypeOfBill
    from_date: date
    through_date: date
    received: date
    status: ClaimStatus
    reason: Reason | None
    billed: Decimal
    paid: Decimal
    paid_on: date | None

    def overlaps(self, first: date, last: date) -> bool:
        return self.from_date <= last and first <= self.through_date

    def as_json(self) -> dict[str, Any]:
        return {
            "icn": self.icn,
            "type_of_bill": self.type_of_bill.code,
            "type_of_bill_description": self.type_of_bill.description,
            "from_date": self.from_date.isoformat(),
            "through_date": self.through_date.isoformat(),
            "received": self.received.isoformat(),
            "status": self.status.label.lower(),
            "status_code": self.status.value,
            "reason_code": self.reason.code if self.reason else None,
            "reason": self.reason.text if self.reason else None,
            "billed": str(self.billed),
            "paid": str(self.paid),
            "paid_on": self.paid_on.isoformat() if self.paid_on else None,
        }


class ClaimsProvider(BaseProvider):
    # Type of bill = facility type, bill classification, frequency (1: admit through discharge).
    types_of_bill: tuple[TypeOfBill, ...] = (
        TypeOfBill("111", "Hospital inpatient", 10, (2_500, 6_000)),
        TypeOfBill("131", "Hospital outpatient", 1, (150, 4_000)),
        TypeOfBill("211", "Skilled nursing facility inpatient", 20, (400, 900)),
        TypeOfBill("321", "Home health", 30, (60, 200)),
        TypeOfBill("721", "Clinic: end-stage renal disease", 1, (250, 700)),
        TypeOfBill("811", "Hospice", 30, (150, 300)),
    )
    status_weights: tuple[tuple[ClaimStatus, int], ...] = (
        (ClaimStatus.PAID, 60),
        (ClaimStatus.PENDING, 15),
        (ClaimStatus.DENIED, 12),
        (ClaimStatus.REJECTED, 13),
    )
    # CARC wording, shortened; a suspended claim waits on FISS rather than on a CARC.
    reasons: tuple[tuple[ClaimStatus, Reason], ...] = (
        (ClaimStatus.PENDING, Reason("ADR", "Additional documentation requested")),
        (ClaimStatus.PENDING, Reason("MR", "Suspended for medical review")),
        (ClaimStatus.DENIED, Reason("50", "Not deemed a medical necessity by the payer")),
        (ClaimStatus.DENIED, Reason("96", "Non-covered charge(s)")),
        (ClaimStatus.REJECTED, Reason("16", "Claim lacks information or has billing error(s)")),
        (ClaimStatus.REJECTED, Reason("18", "Exact duplicate claim/service")),
        (ClaimStatus.REJECTED, Reason("29", "The time limit for filing has expired")),
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
