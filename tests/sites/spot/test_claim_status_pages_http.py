"""Claim Status's exhaustive tables over plain HTTP (each empty field, each broken rule, a date
after the mock's today, the ranges listing some claims or none), checked in the served page as
e2e/test_claim_status.py's kept scenarios check it in a browser; the coverage rule and the
contract as in test_eligibility_pages_http.py.

The tables of forms SPOT refuses before asking FISS (each empty field, each broken rule) only
read: they share one signed-in user in a namespace of the module's own (``reader``,
tests/conftest.py); every other test here has its own namespace."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

import pytest

from e2e.pages.claim_status import LABELS, ClaimStatusPage, claimant
from mock_portal.testing.beneficiaries import us_date
from tests.sites.spot.inquiry_html import (
    CLAIM_STATUS_RESULTS,
    expect_claims,
    expect_no_claims,
    expect_no_result,
    submit,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    import httpx
    from faker import Faker

    from fixtures.html_contract import HtmlPage
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.beneficiaries import Beneficiaries
    from mock_portal.testing.http_flow import HttpUser
    from tests.conftest import Reader

entry_for = ClaimStatusPage.entry_for


def _search(user: HttpUser, values: dict[str, str]) -> tuple[httpx.Response, HtmlPage]:
    return submit(user, "/claim-status", values)


# -- Answers -----------------------------------------------------------------------------------


def test_only_claims_whose_dates_of_service_overlap_the_range_are_listed(
    http_user: HttpUser, beneficiaries: Beneficiaries, admin: AdminClient
) -> None:
    patient = claimant(beneficiaries)
    first = admin.claims(patient.mbi)[0]
    through = date.fromisoformat(first["through_date"])
    overlapping = [
        c for c in admin.claims(patient.mbi) if date.fromisoformat(c["from_date"]) <= through
    ]

    _, page = _search(
        http_user, entry_for(patient, dos_from="01/01/2024", dos_through=us_date(through))
    )

    expect_claims(page, overlapping)


def test_a_range_with_no_claims_says_so(http_user: HttpUser, beneficiaries: Beneficiaries) -> None:
    entry = entry_for(claimant(beneficiaries), dos_from="01/01/2020", dos_through="12/31/2020")

    _, page = _search(http_user, entry)

    expect_no_claims(page)
    page.expect_no_errors()


# -- Required fields and formats ---------------------------------------------------------------


@pytest.mark.parametrize("field", LABELS)
def test_the_one_empty_field_is_named_and_the_rest_are_kept(
    reader: Reader, reader_beneficiaries: Beneficiaries, field: str
) -> None:
    entry = entry_for(claimant(reader_beneficiaries), **{field: ""})

    answer, page = _search(reader.user, entry)

    assert answer.status_code == 422
    page.expect_codes("REQUIRED_FIELD")
    page.expect_error("REQUIRED_FIELD", field=field, text=LABELS[field])
    page.expect_values(**entry)


@dataclass(frozen=True)
class BadEntry:
    field: str
    value: Callable[[Faker], str]
    rule: str


BAD_ENTRIES = {
    "an MBI with dashes": BadEntry("mbi", lambda fake: fake.invalid_mbi("dashes"), "11-character"),
    "a legacy HICN": BadEntry("mbi", lambda fake: fake.invalid_mbi("legacy_hicn"), "11-character"),
    "a date not padded": BadEntry("dos_from", lambda _: "1/1/2024", "MM/DD/YYYY"),
    "February 30": BadEntry("dos_through", lambda _: "02/30/2025", "MM/DD/YYYY"),
    "a two-digit year": BadEntry("dos_through", lambda _: "12/31/25", "MM/DD/YYYY"),
    "From after Through": BadEntry("dos_through", lambda _: "12/31/2023", "same as or later than"),
}


@pytest.mark.parametrize("case", BAD_ENTRIES)
def test_each_field_is_checked_against_its_rule(
    reader: Reader, reader_beneficiaries: Beneficiaries, fake: Faker, case: str
) -> None:
    bad = BAD_ENTRIES[case]
    entry = entry_for(claimant(reader_beneficiaries), **{bad.field: bad.value(fake)})

    answer, page = _search(reader.user, entry)

    assert answer.status_code == 422
    page.expect_codes("DATA_FORMAT")
    page.expect_error("DATA_FORMAT", field=bad.field, text=bad.rule)
    page.expect_values(**entry)
    expect_no_result(page, CLAIM_STATUS_RESULTS)


def test_a_date_of_service_after_today_by_the_mocks_clock_is_refused(
    http_user: HttpUser, beneficiaries: Beneficiaries, admin: AdminClient
) -> None:
    admin.freeze_clock(datetime.fromisoformat("2025-06-30T23:30:00-04:00"))
    patient = claimant(beneficiaries)

    _, page = _search(
        http_user, entry_for(patient, dos_from="06/01/2025", dos_through="07/01/2025")
    )
    page.expect_error("DATA_FORMAT", field="dos_through", text="today or earlier")

    _, page = _search(
        http_user, entry_for(patient, dos_from="06/01/2025", dos_through="06/30/2025")
    )
    page.expect_no_errors()
