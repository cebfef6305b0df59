"""SPOT's eligibility form and its checks, in the guide's order: required fields, then formats.

Pure functions of what was typed and what day it is (Eastern, by the mock's clock), so every rule
is unit-tested without a browser; the page in :mod:`mock_portal.spot.eligibility` only calls them.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date
from typing import TYPE_CHECKING

from mock_portal import web
from mock_portal.backends.hets import EligibilityRequest
from mock_portal.beneficiaries import mbi
from mock_portal.errors import FormErrors, bad_format, required

if TYPE_CHECKING:
    from starlette.datastructures import FormData


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    hint: str | None = None


# The form's fields in page order (labels and names are **Contract**, DESIGN.md); errors are
# listed in this order too.
FIELDS = (
    Field("mbi", "Medicare ID", "The 11-character MBI, without dashes (for example 1EG4TE5MK73)"),
    Field("last_name", "Last Name"),
    Field("first_name", "First Name"),
    Field("date_of_birth", "Date of Birth", "MM/DD/YYYY"),
    Field("date_of_service", "Date of Service", "MM/DD/YYYY, today or earlier"),
)
# Two-digit month and day, four-digit year, ASCII digits only (\d would take any script's digits).
_US_DATE = re.compile(r"([0-9]{2})/([0-9]{2})/([0-9]{4})")


@dataclass(frozen=True)
class EligibilityForm:
    """What the user typed, surrounding blanks dropped (pasted values often carry them)."""

    mbi: str = ""
    last_name: str = ""
    first_name: str = ""
    date_of_birth: str = ""
    date_of_service: str = ""

    @classmethod
    def from_form(cls, form: FormData) -> EligibilityForm:
        return cls(**{field.name: web.form_text(form, field.name).strip() for field in FIELDS})

    def values(self) -> dict[str, str]:
        return asdict(self)


def parse_us_date(text: str) -> date | None:
    """MM/DD/YYYY as a real calendar date, else None."""
    found = _US_DATE.fullmatch(text)
    if found is None:
        return None
    month, day, year = (int(part) for part in found.groups())
    try:
        return date(year, month, day)
    except ValueError:  # 02/30, 13/01, 00/10, year 0000
        return None


def validate(form: EligibilityForm, today: date) -> EligibilityRequest | FormErrors:
    """The inquiry to send to HETS, or the errors to show. Required fields come first: formats
    are checked only once every field has something in it."""
    errors = FormErrors()
    values = form.values()
    for field in FIELDS:
        if not values[field.name]:
            errors.add(required(field.name, field.label))
    if errors:
        return errors
    identifier = mbi.normalize(form.mbi)
    if not mbi.is_valid(identifier):
        errors.add(bad_format("mbi"))
    born = parse_us_date(form.date_of_birth)
    if born is None:
        errors.add(bad_format("date_of_birth"))
    served = parse_us_date(form.date_of_service)
    if served is None or served > today:
        errors.add(bad_format("date_of_service"))
    if errors or born is None or served is None:
        return errors
    return EligibilityRequest(identifier, form.last_name, form.first_name, born, served)
