"""Claim Status: a provider searches a beneficiary's Part A claims by Medicare ID and dates of
service, and meets the guide's errors for it (required fields, formats, data that does not match
Medicare's), or FISS's answer.

The claims come from the running portal's FISS (``GET /__admin/claims``), so every scenario
checks the page against what the back end holds, whatever the portal's seed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page

from e2e.pages.claim_status import LABELS, ClaimStatusPage, claimant
from mock_portal.testing.beneficiaries import us_date

if TYPE_CHECKING:
    from collections.abc import Callable

    from faker import Faker

    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.beneficiaries import Beneficiaries
    from mock_portal.testing.plugin import MakeUser, SignIn

MISMATCH_TEXT = "The Medicare ID entered does not match Medicare's records."


@pytest.fixture
def claim_status(page: Page, sign_in_over_http: SignIn, make_user: MakeUser) -> ClaimStatusPage:
    """A provider's end user, signed in to SPOT (over HTTP: sign-in has its own scenarios), on
    the Claim Status page, opened at its URL (as ``eligibility`` in test_eligibility.py)."""
    sign_in_over_http(make_user(spot_access="approved", mfa=False))
    page.goto("/claim-status")
    search = ClaimStatusPage(page)
    search.expect_shown()
    return search


def _fiss_answers(admin: AdminClient) -> list[str]:
    return [entry["result"] for entry in admin.journal("fiss.claim_status")]


# -- Answers -----------------------------------------------------------------------------------


def test_a_beneficiarys_claims_are_listed_with_status_reason_and_amounts(
    claim_status: ClaimStatusPage, beneficiaries: Beneficiaries, admin: AdminClient
) -> None:
    patient = claimant(beneficiaries)
    held = admin.claims(patient.mbi)
    assert held, "a claimant has claims"

    claim_status.inquire_about(patient)

    claim_status.expect_claims(held)
    assert _fiss_answers(admin) == ["found"]


def test_only_claims_whose_dates_of_service_overlap_the_range_are_listed(
    claim_status: ClaimStatusPage, beneficiaries: Beneficiaries, admin: AdminClient
) -> None:
    patient = claimant(beneficiaries)
    first = admin.claims(patient.mbi)[0]
    through = date.fromisoformat(first["through_date"])
    overlapping = [
        c for c in admin.claims(patient.mbi) if date.fromisoformat(c["from_date"]) <= through
    ]

    claim_status.inquire_about(patient, dos_from="01/01/2024", dos_through=us_date(through))

    claim_status.expect_claims(overlapping)


def test_a_range_with_no_claims_says_so(
    claim_status: ClaimStatusPage, beneficiaries: Beneficiaries
) -> None:
    claim_status.inquire_about(
        claimant(beneficiaries), dos_from="01/01/2020", dos_through="12/31/2020"
    )

    claim_status.expect_no_claims()
    claim_status.errors.expect_none()


# -- Required fields and formats ---------------------------------------------------------------


@pytest.mark.covers("REQUIRED_FIELD")
def test_an_empty_search_names_every_required_field(claim_status: ClaimStatusPage) -> None:
    claim_status.submit.click()

    claim_status.errors.expect_codes(*["REQUIRED_FIELD"] * len(LABELS))
    for field, label in LABELS.items():
        claim_status.errors.expect_error(
            "REQUIRED_FIELD", field=field, text=f"{label} is required."
        )
    claim_status.expect_no_result()


@pytest.mark.covers("REQUIRED_FIELD")
@pytest.mark.parametrize("field", LABELS)
def test_the_one_empty_field_is_named_and_the_rest_are_kept(
    claim_status: ClaimStatusPage, beneficiaries: Beneficiaries, field: str
) -> None:
    entry = ClaimStatusPage.entry_for(claimant(beneficiaries), **{field: ""})
    claim_status.inquire(**entry)

    claim_status.errors.expect_codes("REQUIRED_FIELD")
    claim_status.errors.expect_error("REQUIRED_FIELD", field=field, text=LABELS[field])
    claim_status.expect_values(**entry)


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


@pytest.mark.covers("DATA_FORMAT")
@pytest.mark.parametrize("case", BAD_ENTRIES)
def test_each_field_is_checked_against_its_rule(
    claim_status: ClaimStatusPage, beneficiaries: Beneficiaries, fake: Faker, case: str
) -> None:
    bad = BAD_ENTRIES[case]
    entry = ClaimStatusPage.entry_for(claimant(beneficiaries), **{bad.field: bad.value(fake)})

    claim_status.inquire(**entry)

    claim_status.errors.expect_codes("DATA_FORMAT")
    claim_status.errors.expect_error("DATA_FORMAT", field=bad.field, text=bad.rule)
    claim_status.expect_values(**entry)
    claim_status.expect_no_result()


@pytest.mark.covers("DATA_FORMAT")
def test_a_date_of_service_after_today_by_the_mocks_clock_is_refused(
    claim_status: ClaimStatusPage, beneficiaries: Beneficiaries, admin: AdminClient
) -> None:
    admin.freeze_clock(datetime.fromisoformat("2025-06-30T23:30:00-04:00"))
    patient = claimant(beneficiaries)

    claim_status.inquire_about(patient, dos_from="06/01/2025", dos_through="07/01/2025")

    claim_status.errors.expect_error("DATA_FORMAT", field="dos_through", text="today or earlier")

    claim_status.inquire_about(patient, dos_from="06/01/2025", dos_through="06/30/2025")
    claim_status.errors.expect_none()


# -- Data that does not match Medicare's -------------------------------------------------------


@pytest.mark.covers("DATA_MISMATCH")
def test_an_mbi_fiss_does_not_hold_is_a_mismatch_and_shows_nothing(
    claim_status: ClaimStatusPage, admin: AdminClient, fake: Faker
) -> None:
    nobody = fake.mbi()

    claim_status.inquire(mbi=nobody, dos_from="01/01/2024", dos_through="12/31/2025")

    claim_status.errors.expect_codes("DATA_MISMATCH")
    claim_status.errors.expect_error("DATA_MISMATCH", text=MISMATCH_TEXT)
    claim_status.expect_no_result()
    claim_status.expect_values(mbi=nobody)
    (entry,) = admin.journal("fiss.claim_status")
    assert entry["result"] == "not_on_file"
    assert entry["mbi"] == "*******" + nobody[-4:]
    assert nobody not in json.dumps(entry)
