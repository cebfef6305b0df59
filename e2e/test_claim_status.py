"""Claim Status: a provider searches a beneficiary's Part A claims by Medicare ID and dates of
service, and meets the guide's errors for it (required fields, formats, data that does not match
Medicare's), or FISS's answer.

The claims come from the running portal's FISS (``GET /__admin/claims``), so every scenario
checks the page against what the back end holds, whatever the portal's seed.

One browser scenario walks every catalogue code and field rule of the page (docs/coverage.md) and
FISS's answer, on one signed-in page; the exhaustive tables
(each empty field, each broken rule, the ranges) run over HTTP against the same page in
tests/sites/spot/test_claim_status_pages_http.py.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page

from e2e.pages.claim_status import LABELS, ClaimStatusPage, claimant

if TYPE_CHECKING:
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


@pytest.mark.covers(
    "REQUIRED_FIELD", page="spot/claim-status", fields=("mbi", "dos_from", "dos_through")
)
@pytest.mark.covers("DATA_MISMATCH", page="spot/claim-status")
@pytest.mark.covers(
    "DATA_FORMAT", page="spot/claim-status", fields=("mbi", "dos_from", "dos_through")
)
def test_the_claim_status_page_names_each_error_and_lists_a_beneficiarys_claims(
    claim_status: ClaimStatusPage, beneficiaries: Beneficiaries, admin: AdminClient, fake: Faker
) -> None:
    """Walks one signed-in Claim Status page through: a beneficiary's claims listed with status,
    reason and amounts as FISS holds them; submitted empty, it names every required field; an
    MBI FISS does not hold is a mismatch that shows nothing (journalled masked); each field's
    format rule at once, with what was typed kept; then the range rule, then the
    not-in-the-future rule by the mock's clock; then the same search accepted."""
    # A beneficiary's claims are listed with status, reason and amounts.
    patient = claimant(beneficiaries)
    held = admin.claims(patient.mbi)
    assert held, "a claimant has claims"

    claim_status.inquire_about(patient)

    claim_status.expect_claims(held)
    assert _fiss_answers(admin) == ["found"]

    # An empty search names every required field.
    claim_status.inquire(mbi="", dos_from="", dos_through="")

    claim_status.errors.expect_codes(*["REQUIRED_FIELD"] * len(LABELS))
    for field, label in LABELS.items():
        claim_status.errors.expect_error(
            "REQUIRED_FIELD", field=field, text=f"{label} is required."
        )
    claim_status.expect_no_result()

    # An MBI FISS does not hold is a mismatch and shows nothing.
    nobody = fake.mbi()

    claim_status.inquire(mbi=nobody, dos_from="01/01/2024", dos_through="12/31/2025")

    claim_status.errors.expect_codes("DATA_MISMATCH")
    claim_status.errors.expect_error("DATA_MISMATCH", text=MISMATCH_TEXT)
    claim_status.expect_no_result()
    claim_status.expect_values(mbi=nobody)
    (entry,) = admin.journal("fiss.claim_status")[1:]  # after the listed claims' search
    assert entry["result"] == "not_on_file"
    assert entry["mbi"] == "*******" + nobody[-4:]
    assert nobody not in json.dumps(entry)

    # Each field rule is shown on its field.
    admin.freeze_clock(datetime.fromisoformat("2025-06-30T23:30:00-04:00"))
    patient = claimant(beneficiaries)
    typed = {"mbi": fake.invalid_mbi("dashes"), "dos_from": "1/1/2024", "dos_through": "02/30/2025"}

    claim_status.inquire(**typed)

    claim_status.errors.expect_codes(*["DATA_FORMAT"] * len(LABELS))
    claim_status.errors.expect_error("DATA_FORMAT", field="mbi", text="11-character")
    for field in ("dos_from", "dos_through"):
        claim_status.errors.expect_error("DATA_FORMAT", field=field, text="MM/DD/YYYY")
    claim_status.expect_values(**typed)
    claim_status.expect_no_result()

    claim_status.inquire_about(patient, dos_from="06/01/2025", dos_through="05/31/2025")
    claim_status.errors.expect_codes("DATA_FORMAT")
    claim_status.errors.expect_error(
        "DATA_FORMAT", field="dos_through", text="same as or later than"
    )

    claim_status.inquire_about(patient, dos_from="06/01/2025", dos_through="07/01/2025")
    claim_status.errors.expect_codes("DATA_FORMAT")
    claim_status.errors.expect_error("DATA_FORMAT", field="dos_through", text="today or earlier")
    claim_status.expect_no_result()

    claim_status.inquire_about(patient, dos_from="06/01/2025", dos_through="06/30/2025")
    claim_status.errors.expect_none()
