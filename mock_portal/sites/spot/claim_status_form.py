"""SPOT's Part A claim status form and its checks: required fields, then formats (with the
eligibility form's own checks), then the range of dates of service.

Pure functions of what was typed and what day it is (Eastern, by the mock's clock).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mock_portal.backends.fiss import ClaimStatusRequest
from mock_portal.errors.catalogue import FormErrors, bad_format
from mock_portal.sites.spot.eligibility_form import (
    MEDICARE_ID,
    Field,
    checked_date,
    checked_mbi,
    missing,
    read_fields,
)

if TYPE_CHECKING:
    from datetime import date

    from starlette.datastructures import FormData

# In page order; errors are listed in this order too.
FIELDS = (
    MEDICARE_ID,
    Field("dos_from", "From Date of Service", "MM/DD/YYYY"),
    Field("dos_through", "Through Date of Service", "MM/DD/YYYY, today or earlier"),
)


@dataclass(frozen=True)
class ClaimStatusForm:
    mbi: str = ""
    dos_from: str = ""
    dos_through: str = ""

    @classmethod
    def from_form(cls, form: FormData) -> ClaimStatusForm:
        return cls(**read_fields(form, FIELDS))

    def values(self) -> dict[str, str]:
        # Not dataclasses.asdict: it deep-copies, and every field is already a string.
        return {field.name: getattr(self, field.name) for field in dataclasses.fields(self)}


def validate(form: ClaimStatusForm, today: date) -> ClaimStatusRequest | FormErrors:
    """The inquiry to send to FISS, or the errors to show. The range is checked only once both
    dates are dates: From on or before Through, both today or earlier."""
    errors = missing(FIELDS, form.values())
    if errors:
        return errors
    identifier = checked_mbi(form.mbi, errors)
    first = checked_date(form.dos_from, errors, "dos_from", not_after=today)
    last = checked_date(form.dos_through, errors, "dos_through", not_after=today)
    if errors or identifier is None or first is None or last is None:
        return errors
    if first > last:
        errors.add(bad_format("dos_range"))
        return errors
    return ClaimStatusRequest(identifier, first, last)
