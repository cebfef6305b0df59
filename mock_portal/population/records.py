"""A beneficiary as Medicare's eligibility records hold one, and its JSON for the control API."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from enum import Enum, StrEnum
from typing import Any


class Sex(StrEnum):
    FEMALE = "F"
    MALE = "M"


class Case(StrEnum):
    """The population's special cases, each answered differently by HETS (docs/hets.md)."""

    REPLACED_MBI = "replaced_mbi"
    NAME_CHANGE = "name_change"
    PURGED_DEATH = "purged_death"


class EntitlementReason(StrEnum):
    AGED = "Aged"
    DISABILITY = "Disability"
    ESRD = "End-stage renal disease"


@dataclass(frozen=True)
class Address:
    street: str
    city: str
    state: str
    zip_code: str


@dataclass(frozen=True)
class AdvantagePlan:
    """Medicare Advantage (Part C) enrollment: what the eligibility page's plan tab shows."""

    contract: str
    plan_name: str
    effective: date


@dataclass(frozen=True)
class SecondaryPayer:
    """A Medicare Secondary Payer record: another insurer pays first."""

    type_code: str
    type_name: str
    insurer: str
    effective: date


@dataclass(frozen=True)
class HospiceElection:
    start: date
    provider_npi: str


@dataclass(frozen=True)
class Beneficiary:
    mbi: str
    first_name: str
    last_name: str
    suffix: str | None
    sex: Sex
    date_of_birth: date
    address: Address
    entitlement_reason: EntitlementReason
    part_a_effective: date | None
    part_b_effective: date | None
    date_of_death: date | None = None
    advantage_plan: AdvantagePlan | None = None
    secondary_payer: SecondaryPayer | None = None
    hospice: HospiceElection | None = None
    # A replaced MBI (CMS reissues one that is compromised): the old one, and the day the current
    # one took effect (the old one's last day is the day before).
    previous_mbi: str | None = None
    mbi_effective: date | None = None
    # A recent change of name (marriage, a court order): the last name before, and the day
    # Medicare's record took the new one.
    previous_last_name: str | None = None
    name_changed: date | None = None

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name, self.suffix) if p)

    def as_json(self) -> dict[str, Any]:
        """Every field, records nested, dates in ISO form and enums as their values."""
        body: dict[str, Any] = _jsonable(asdict(self))
        return body


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value
