"""Part A claims as FISS holds them (the Faker provider that makes a beneficiary's history is
:mod:`mock_portal.population.providers.claims`).

A claim is an institutional bill (type of bill 11x inpatient hospital, 13x outpatient, 21x
skilled nursing, 32x home health, 72x dialysis, 81x hospice) for a span of dates of service,
with FISS's status (P paid, S suspended/pending, D denied, R rejected) and, unless paid, the
X12 claim adjustment reason code (CARC) that says why. Amounts and dates are synthetic.

Usage::

    claim.overlaps(date(2025, 1, 1), date(2025, 3, 31)); claim.as_json()
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any, Final

from mock_portal.population.providers.medicare import RECORDS_AS_OF

# Claims cover two years of services up to the records' date, so the history is the same
# whatever day the mock's clock says.
HISTORY_FROM: Final = date(2024, 1, 1)
# The last day of service a claim can have: it must have been received and decided since.
LAST_SERVICE: Final = RECORDS_AS_OF - timedelta(days=45)


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
