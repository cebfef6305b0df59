"""Eligibility: a provider looks up a beneficiary, and meets each error the guide describes for
it (required fields, data formats, data that does not match Medicare's), or the answer.

One browser scenario walks every catalogue code and field rule of the page (docs/coverage.md) and
a matching answer, on one signed-in page; the exhaustive tables
(each empty field, each malformed MBI and date, each mismatch, each kind of answer) run over HTTP
against the same page in tests/sites/spot/test_eligibility_pages_http.py.

Beneficiaries come from the running portal's seeded population (``beneficiaries``), and wrong
values from the Faker provider (``fake``), so every scenario runs on synthetic people.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from e2e.pages.eligibility import LABELS, SECTIONS, EligibilityPage
from tests.sites.spot.inquiry_html import what_a_result_would_show

if TYPE_CHECKING:
    from faker import Faker

    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.beneficiaries import Beneficiaries
    from mock_portal.testing.plugin import MakeUser, SignIn

MISMATCH_TEXT = "does not match Medicare's records"
# 04:30 UTC on 2 March 2026 is still 1 March in Florida: SPOT's "today" is Eastern.
LATE_EVENING_EASTERN = datetime(2026, 3, 2, 4, 30, tzinfo=UTC)
# The mismatch step's "today" (noon Eastern).
MISMATCH_DAY = datetime(2026, 3, 2, 17, tzinfo=UTC)


@pytest.fixture
def eligibility(page: Page, sign_in_over_http: SignIn, make_user: MakeUser) -> EligibilityPage:
    """A provider's end user, signed in to SPOT, on the Eligibility page.

    Straight to its URL: a navigation fewer per scenario, and the suite is CPU-bound on
    browser navigations. Reaching it from SPOT home's navigation bar is a step of
    e2e/test_system_availability.py's scenarios.
    """
    sign_in_over_http(make_user(spot_access="approved", mfa=False))
    page.goto("/eligibility")
    form = EligibilityPage(page)
    form.expect_shown()
    return form


def _hets_answers(admin: AdminClient) -> list[str | None]:
    return [entry["aaa"] for entry in admin.journal("hets.eligibility")]


def _hets_answers_since(admin: AdminClient, seen: int) -> list[str | None]:
    """HETS's answers to the inquiries after the first ``seen`` of this test."""
    return _hets_answers(admin)[seen:]


# Every field rule and code of the page, shown in the browser once, walked through on one
# signed-in page. The tables (each empty field alone, each malformed MBI and date, the order of the
# checks, each way an entry can disagree and HETS's rules for replaced MBIs and purged deaths, each
# kind of record and the ways of typing a match) run over HTTP:
# tests/sites/spot/test_eligibility_pages_http.py. HETS down (the error shown here) is
# e2e/test_system_availability.py's, reaching this page from SPOT home.


@pytest.mark.covers(
    "REQUIRED_FIELD",
    page="spot/eligibility",
    fields=("mbi", "last_name", "first_name", "date_of_birth", "date_of_service"),
)
@pytest.mark.covers("DATA_MISMATCH", page="spot/eligibility")
@pytest.mark.covers(
    "DATA_FORMAT", page="spot/eligibility", fields=("mbi", "date_of_birth", "date_of_service")
)
def test_the_eligibility_page_names_each_error_and_answers_a_match(
    eligibility: EligibilityPage, beneficiaries: Beneficiaries, admin: AdminClient, fake: Faker
) -> None:
    """Walks one signed-in Eligibility page through: submitted empty, it names every required
    field at once, in the form's order, and asks HETS nothing; a matching inquiry shows
    eligibility and only the records on file; data that does not match Medicare's returns
    nothing about the beneficiary (HETS's reason 73 is for QA, not for the page); the format
    rules of Medicare ID and both dates at once, with what was typed kept (and escaped); then
    the not-in-the-future rule for Date of Service, by SPOT's Eastern "today"."""
    # An empty form names every required field at once.
    eligibility.submit.click()

    eligibility.errors.expect_codes(*["REQUIRED_FIELD"] * len(LABELS))
    for field, label in LABELS.items():
        eligibility.errors.expect_error("REQUIRED_FIELD", field=field, text=f"{label} is required.")
    assert eligibility.error_fields() == list(LABELS)  # in the form's order
    eligibility.expect_no_result()
    assert _hets_answers(admin) == []

    # A matching inquiry shows eligibility and only the records on file.
    patient = beneficiaries.draw(lambda p: any(p.has(key) for key in SECTIONS))

    eligibility.inquire_about(patient)

    eligibility.expect_result_for(patient)
    assert _hets_answers(admin) == [None]

    # Data that does not match Medicare's returns nothing about the beneficiary.
    admin.freeze_clock(MISMATCH_DAY)
    patient = beneficiaries.draw()
    entry = EligibilityPage.entry_for(
        patient, first_name=fake.first_name(), last_name=fake.last_name()
    )

    eligibility.inquire(**entry)

    eligibility.errors.expect_codes("DATA_MISMATCH")
    eligibility.errors.expect_error("DATA_MISMATCH", text=MISMATCH_TEXT)
    eligibility.expect_no_result()
    eligibility.expect_values(**entry)
    html = eligibility.page.content()
    for detail in what_a_result_would_show(patient) - set(entry.values()):
        assert detail not in html, f"the page gave away {detail!r}"
    assert _hets_answers_since(admin, 1) == ["73"]  # the reason is for QA, not for the page

    # Each format rule is shown on its field, and tomorrow is refused by Eastern time.
    admin.freeze_clock(LATE_EVENING_EASTERN)
    patient = beneficiaries.draw(lambda p: p.date_of_death is None)
    markup = '<b id="injected">O\'Brien</b> & "Sons"'
    typed = EligibilityPage.entry_for(
        patient,
        mbi=fake.invalid_mbi("dashes"),
        last_name=markup,
        date_of_birth="1/1/1950",
        date_of_service="02/29/2025",  # the leap day of a common year
    )

    eligibility.inquire(**typed)

    eligibility.errors.expect_codes(*["DATA_FORMAT"] * 3)
    eligibility.errors.expect_error("DATA_FORMAT", field="mbi", text="11-character")
    for field in ("date_of_birth", "date_of_service"):
        eligibility.errors.expect_error("DATA_FORMAT", field=field, text="MM/DD/YYYY")
    eligibility.expect_values(**typed)
    expect(eligibility.page.locator("#injected")).to_have_count(0)
    eligibility.expect_no_result()

    eligibility.inquire_about(patient, date_of_service="03/02/2026")  # already today in UTC
    eligibility.errors.expect_codes("DATA_FORMAT")
    eligibility.errors.expect_error("DATA_FORMAT", field="date_of_service", text="today or earlier")
    eligibility.expect_no_result()

    eligibility.inquire_about(patient, date_of_service="03/01/2026")
    eligibility.expect_result_for(patient)
