"""A mock of CMS's HIPAA Eligibility Transaction System (HETS 270/271), answering from the seeded
population by the rules in docs/hets.md (each rule there names its public source and its test).

An inquiry (the 270) names a beneficiary by MBI, last and first name and date of birth, with a
date of service or a range of them. The answer (the 271) is either the beneficiary's eligibility,
or a rejection with the AAA reject reason (X12 element 901) that real HETS returns, or, where no
public source names the code, the mock's choice (said so below and in docs/hets.md). HETS returns
nothing about a beneficiary unless every field matches, and the portal shows only a generic
message; the reason goes to the journal for QA.

The rules that rest on public sources (the whole table, in the order the rules are checked:
docs/hets.md):

- the inquiry window: dates of service from 4 years before today to 4 months after it, at most
  12 months in one request (Palmetto GBA, "Why am I missing eligibility information?"; Noridian's
  portal guide, "Eligibility"). Which AAA code HETS gives outside it is not published: the mock
  answers 62 before the window and 63 after it, and 57 for a reversed or over-long range;
- a replaced MBI (CMS, MLN Connects 2019-11-14): the old MBI answers with all data and its end
  date when the dates overlap its active period, and AAA 72 when they are entirely on or after
  the new MBI's effective date; the new MBI answers as any other;
- the purge after death: a 2007 CMS HETS help page says records of people who died more than 27
  months ago are purged. That page predates the 4-year window, so whether HETS still purges is
  unsettled; the mock purges (``DEATH_PURGE_MONTHS``; ``Hets(..., death_purge_months=None)``
  does not) and answers such a beneficiary as not found (75), the mock's choice;
- HETS's own trouble is AAA 42 ("Unable to Respond at Current Time": the information source is
  down or timed out, X12 RFI 1716) or 80 ("No Response received - Transaction Terminated": an
  intermediary could not reach it, X12 RFI 2784); see :data:`TROUBLE`.

Usage::

    hets = Hets(Population(seed=7, size=1_000_000))
    answer = hets.inquire(EligibilityRequest(mbi, "Smith", "Ann", born, today), today)
    if isinstance(answer, Rejected): print(answer.reason.value, answer.reason.description)
"""

from __future__ import annotations

import calendar
import functools
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Final

from mock_portal.backends.names import same_name
from mock_portal.population import mbi

if TYPE_CHECKING:
    from mock_portal.population.records import Beneficiary
    from mock_portal.population.seeded import Population

# The inquiry window (Palmetto GBA's and Noridian's portal guides).
YEARS_BACK: Final = 4
MONTHS_AHEAD: Final = 4
MOST_MONTHS_PER_REQUEST: Final = 12
# CMS HETS help, "Data Purge" (2007): unsettled today, see the module's docstring.
DEATH_PURGE_MONTHS: Final = 27


class RejectReason(StrEnum):
    """AAA03 reject reason codes (X12 element 901) a HETS 271 answers an inquiry with."""

    UNABLE_TO_RESPOND = "42"
    INVALID_DATE_OF_SERVICE = "57"
    INVALID_DATE_OF_BIRTH = "58"
    BIRTH_AFTER_SERVICE = "60"
    DEATH_BEFORE_SERVICE = "61"
    OUTSIDE_INQUIRY_PERIOD = "62"
    SERVICE_IN_FUTURE = "63"
    BIRTH_DATE_MISMATCH = "71"
    INVALID_ID = "72"
    NAME_MISMATCH = "73"
    NOT_FOUND = "75"
    NO_RESPONSE = "80"

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self]


# The code list's own wording (X12 element 901).
_DESCRIPTIONS = {
    RejectReason.UNABLE_TO_RESPOND: "Unable to Respond at Current Time",
    RejectReason.INVALID_DATE_OF_SERVICE: "Invalid/Missing Date(s) of Service",
    RejectReason.INVALID_DATE_OF_BIRTH: "Invalid/Missing Date-of-Birth",
    RejectReason.BIRTH_AFTER_SERVICE: "Date of Birth Follows Date(s) of Service",
    RejectReason.DEATH_BEFORE_SERVICE: "Date of Death Precedes Date(s) of Service",
    RejectReason.OUTSIDE_INQUIRY_PERIOD: "Date of Service Not Within Allowable Inquiry Period",
    RejectReason.SERVICE_IN_FUTURE: "Date of Service in Future",
    RejectReason.BIRTH_DATE_MISMATCH: (
        "Patient Birth Date Does Not Match That for the Patient on the Database"
    ),
    RejectReason.INVALID_ID: "Invalid/Missing Subscriber/Insured ID",
    RejectReason.NAME_MISMATCH: "Invalid/Missing Subscriber/Insured Name",
    RejectReason.NOT_FOUND: "Subscriber/Insured Not Found",
    RejectReason.NO_RESPONSE: "No Response received - Transaction Terminated",
}

# How a call that got no usable 271 reads as HETS trouble, by the gateway's failure names: HETS
# timing out is its own "unable to respond" (42); a dropped connection is what an intermediary
# reports as "no response received" (80); an unreadable answer carries no AAA at all.
TROUBLE: Final = {
    "timeout": RejectReason.UNABLE_TO_RESPOND,
    "connection_reset": RejectReason.NO_RESPONSE,
}


@dataclass(frozen=True)
class EligibilityRequest:
    """A 270 inquiry: the MBI normalized, the dates parsed. SPOT sends one date of service
    (``service_through`` None); a range runs from ``date_of_service`` to ``service_through``."""

    mbi: str
    last_name: str
    first_name: str
    date_of_birth: date
    date_of_service: date
    service_through: date | None = None

    @property
    def last_service_day(self) -> date:
        return self.service_through or self.date_of_service


@dataclass(frozen=True)
class Eligible:
    """The beneficiary's eligibility. ``mbi`` is the MBI as asked (HETS returns the identifier it
    was sent), and ``mbi_ends`` the old MBI's last day when an old MBI was used."""

    beneficiary: Beneficiary
    date_of_service: date
    mbi: str = ""
    mbi_ends: date | None = None


@dataclass(frozen=True)
class Rejected:
    reason: RejectReason


Answer = Eligible | Rejected


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole calendar months, kept in the month it lands in (31 Jan + 1 month is
    28 or 29 Feb)."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


# The same few days are asked about all day: calendar arithmetic once per day, not per inquiry.
@functools.lru_cache(maxsize=16)
def inquiry_window(today: date) -> tuple[date, date]:
    """The first and last dates of service HETS answers for on ``today``, both included."""
    return add_months(today, -12 * YEARS_BACK), add_months(today, MONTHS_AHEAD)


def purged(person: Beneficiary, today: date, months: int | None = DEATH_PURGE_MONTHS) -> bool:
    """Whether HETS has purged ``person``'s record on ``today`` (death more than ``months``
    calendar months ago)."""
    died = person.date_of_death
    return months is not None and died is not None and died < add_months(today, -months)


class Hets:
    def __init__(
        self, population: Population, *, death_purge_months: int | None = DEATH_PURGE_MONTHS
    ) -> None:
        self.population = population
        self.death_purge_months = death_purge_months

    def inquire(self, request: EligibilityRequest, today: date) -> Answer:
        """Check the request on its own first (as HETS does before any lookup), then against the
        record: the first failing check is the answer."""
        problem = _request_problem(request, today)
        if problem is not None:
            return Rejected(problem)
        found = self.population.lookup(request.mbi)
        if found is None or purged(found.beneficiary, today, self.death_purge_months):
            return Rejected(RejectReason.NOT_FOUND)
        person, mbi_ends = found.beneficiary, found.retired_mbi_ends
        if mbi_ends is not None and request.date_of_service > mbi_ends:
            return Rejected(RejectReason.INVALID_ID)  # entirely on or after the new MBI
        problem = _record_problem(request, person)
        if problem is not None:
            return Rejected(problem)
        return Eligible(person, request.date_of_service, request.mbi, mbi_ends)


def _request_problem(request: EligibilityRequest, today: date) -> RejectReason | None:
    if not mbi.is_valid(request.mbi):
        return RejectReason.INVALID_ID
    if request.date_of_birth > today:
        return RejectReason.INVALID_DATE_OF_BIRTH
    first, last = request.date_of_service, request.last_service_day
    if last < first or add_months(first, MOST_MONTHS_PER_REQUEST) - timedelta(days=1) < last:
        return RejectReason.INVALID_DATE_OF_SERVICE
    earliest, latest = inquiry_window(today)
    if first < earliest:
        return RejectReason.OUTSIDE_INQUIRY_PERIOD
    if last > latest:
        return RejectReason.SERVICE_IN_FUTURE
    if request.date_of_birth > last:
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
