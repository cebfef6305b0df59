"""A beneficiary as Medicare's eligibility records hold one, and its JSON for the control API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any


class Sex(StrEnum):
    FEMALE = "F"
    MALE = "M"


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

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name, self.suffix) if p)

    def as_json(self) -> dict[str, Any]:
        plan, payer, hospice = self.advantage_plan, self.secondary_payer, self.hospice
        return {
            "mbi": self.mbi,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "suffix": self.suffix,
            "sex": self.sex.value,
            "date_of_birth": self.date_of_birth.isoformat(),
            "date_of_death": _iso(self.date_of_death),
            "address": {
                "street": self.address.street,
                "city": self.address.city,
                "state": self.address.state,
                "zip_code": self.address.zip_code,
            },
            "entitlement_reason": self.entitlement_reason.value,
            "part_a_effective": _iso(self.part_a_effective),
            "part_b_effective": _iso(self.part_b_effective),
            "advantage_plan": None
            if plan is None
            else {
                "contract": plan.contract,
                "plan_name": plan.plan_name,
                "effective": plan.effective.isoformat(),
            },
            "secondary_payer": None
            if payer is None
            else {
                "type_code": payer.type_code,
                "type_name": payer.type_name,
                "insurer": payer.insurer,
                "effective": payer.effective.isoformat(),
            },
            "hospice": None
            if hospice is None
            else {"start": hospice.start.isoformat(), "provider_npi": hospice.provider_npi},
        }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
