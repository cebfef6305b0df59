"""A mock of CMS's HIPAA Eligibility Transaction System (HETS 270/271), answering from the seeded
population.

An inquiry (the 270) names a beneficiary by MBI, last and first name and date of birth, with a
date of service. The answer (the 271) is either the beneficiary's eligibility, or a rejection
with the AAA reject reason code real HETS uses (X12 element 901). HETS returns nothing about a
beneficiary unless every field matches, and the portal shows only a generic message; the reason
goes to the journal for QA.

Usage::

    hets = Hets(Population(seed=7, size=1_000_000))
    answer = hets.inquire(EligibilityRequest(mbi, "Smith", "Ann", born, today), today)
    if isinstance(answer, Rejected): print(answer.reason.value, answer.reason.description)
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from mock_portal.backends.names import same_name
from mock_portal.population import mbi

if TYPE_CHECKING:
    from datetime import date

    from mock_portal.population.records import Beneficiary
    from mock_portal.population.seeded import Population


class RejectReason(StrEnum):
    """AAA03 reject reason codes (X12 element 901) a HETS 271 answers an inquiry with."""

    INVALID_DATE_OF_SERVICE = "57"
    INVALID_DATE_OF_BIRTH = "58"
    BIRTH_AFTER_SERVICE = "60"
    DEATH_BEFORE_SERVICE = "61"
    BIRTH_DATE_MISMATCH = "71"
    INVALID_ID = "72"
    NAME_MISMATCH = "73"
    NOT_FOUND = "75"

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self]


# The code list's own wording.
_DESCRIPTIONS = {
    RejectReason.INVALID_DATE_OF_SERVICE: "Invalid/Missing Date(s) of Service",
    RejectReason.INVALID_DATE_OF_BIRTH: "Invalid/Missing Date-of-Birth",
    RejectReason.BIRTH_AFTER_SERVICE: "Date of Birth Follows Date(s) of Service",
    RejectReason.DEATH_BEFORE_SERVICE: "Date of Death Precedes Date(s) of Service",
    RejectReason.BIRTH_DATE_MISMATCH: (
        "Patient Birth Date Does Not Match That for the Patient on the Database"
    ),
    RejectReason.INVALID_ID: "Invalid/Missing Subscriber/Insured ID",
    RejectReason.NAME_MISMATCH: "Invalid/Missing Subscriber/Insured Name",
    RejectReason.NOT_FOUND: "Subscriber/Insured Not Found",
}


@dataclass(frozen=True)
class EligibilityRequest:
    """A 270 inquiry as SPOT sends it: the MBI normalized, the dates parsed."""

    mbi: str
    last_name: str
    first_name: str
    date_of_birth: date
    date_of_service: date


@dataclass(frozen=True)
class Eligible:
    beneficiary: Beneficiary
    date_of_service: date


@dataclass(frozen=True)
class Rejected:
    reason: RejectReason


Answer = Eligible | Rejected


class Hets:
    def __init__(self, population: Population) -> None:
        self.population = population

    def inquire(self, request: EligibilityRequest, today: date) -> Answer:
        """Check the request on its own first (as HETS does before any lookup), then against the
        record: the first failing check is the answer."""
        problem = _request_problem(request, today)
        if problem is not None:
            return Rejected(problem)
        person = self.population.find(request.mbi)
        if person is None:
            return Rejected(RejectReason.NOT_FOUND)
        problem = _record_problem(request, person)
        return (
            Rejected(problem) if problem is not None else Eligible(person, request.date_of_service)
        )


def _request_problem(request: EligibilityRequest, today: date) -> RejectReason | None:
    if not mbi.is_valid(request.mbi):
        return RejectReason.INVALID_ID
    if request.date_of_birth > today:
        return RejectReason.INVALID_DATE_OF_BIRTH
    if request.date_of_service > today:
        return RejectReason.INVALID_DATE_OF_SERVICE
    if request.date_of_birth > request.date_of_service:
        return RejectReason.BIRTH_AFTER_SERVICE
    return None


def _record_problem(request: EligibilityRequest, person: Beneficiary) -> RejectReason | None:
    if not same_name(request.first_name, request.last_name, person.first_name, person.last_name):
        return RejectReason.NAME_MISMATCH
    if request.date_of_birth != person.date_of_birth:
        return RejectReason.BIRTH_DATE_MISMATCH
    if person.date_of_death is not None and person.date_of_death < request.date_of_service:
        return RejectReason.DEATH_BEFORE_SERVICE
    return None
