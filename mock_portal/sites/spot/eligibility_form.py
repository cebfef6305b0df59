"""SPOT's eligibility form and its checks, in the guide's order: required fields, then formats.

Pure functions of what was typed and what day it is (Eastern, by the mock's clock, for every
provider whatever their zone: docs/hets.md, "Whose today"), so every rule
is unit-tested without a browser; the page in :mod:`.eligibility` only calls them.
The per-field checks (:func:`missing`, :func:`checked_mbi`, :func:`checked_date`) serve every SPOT
form that asks for a Medicare ID or a date (Claim Status too).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from mock_portal.backends.hets import EligibilityRequest
from mock_portal.errors.catalogue import FormErrors, bad_format, required
from mock_portal.population import mbi
from mock_portal.sites import web

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from starlette.datastructures import FormData


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    hint: str | None = None


# The form's fields in page order (labels and names are **Contract**, DESIGN.md); errors are
# listed in this order too.
MEDICARE_ID = Field(
    "mbi", "Medicare ID", "The 11-character MBI, without dashes (for example 1EG4TE5MK73)"
)
FIELDS = (
    MEDICARE_ID,
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
        return cls(**read_fields(form, FIELDS))

    def values(self) -> dict[str, str]:
        # Not dataclasses.asdict: it deep-copies, and every field is already a string.
        return {name: getattr(self, name) for name in _FORM_FIELDS}


# Listed once: dataclasses.fields builds its tuple on every call, and values() runs twice a
# lookup.
_FORM_FIELDS = tuple(field.name for field in dataclasses.fields(EligibilityForm))


def read_fields(form: FormData, fields: Iterable[Field]) -> dict[str, str]:
    """Each field's text, surrounding blanks dropped (pasted values often carry them)."""
    return {field.name: web.form_text(form, field.name).strip() for field in fields}


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


def missing(fields: Iterable[Field], values: Mapping[str, str]) -> FormErrors:
    """``REQUIRED_FIELD`` for each empty field, in the form's order."""
    errors = FormErrors()
    for field in fields:
        if not values[field.name]:
            errors.add(required(field.name, field.label))
    return errors


def checked_mbi(text: str, errors: FormErrors, field: str = "mbi") -> str | None:
    """The MBI, upper-cased, or None with ``DATA_FORMAT`` for ``field`` added to ``errors``."""
    identifier = mbi.normalize(text)
    if mbi.is_valid(identifier):
        return identifier
    errors.add(bad_format(field))
    return None


def checked_date(
    text: str, errors: FormErrors, rule: str, *, not_after: date | None = None
) -> date | None:
    """The date (no later than ``not_after``), or None with ``DATA_FORMAT`` by ``rule`` (a key of
    the catalogue's format rules) added to ``errors``."""
    day = parse_us_date(text)
    if day is not None and (not_after is None or day <= not_after):
        return day
    errors.add(bad_format(rule))
    return None


def validate(form: EligibilityForm, today: date) -> EligibilityRequest | FormErrors:
    """The inquiry to send to HETS, or the errors to show. Required fields come first: formats
    are checked only once every field has something in it."""
    errors = missing(FIELDS, form.values())
    if errors:
        return errors
    identifier = checked_mbi(form.mbi, errors)
    born = checked_date(form.date_of_birth, errors, "date_of_birth")
    served = checked_date(form.date_of_service, errors, "date_of_service", not_after=today)
    if errors or identifier is None or born is None or served is None:
        return errors
    return EligibilityRequest(identifier, form.last_name, form.first_name, born, served)
