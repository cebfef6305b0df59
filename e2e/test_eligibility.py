"""Eligibility: a provider looks up a beneficiary, and meets each error the guide describes for
it (required fields, data formats, data that does not match Medicare's), or the answer.

One browser scenario per catalogue code and field rule (docs/coverage.md); the exhaustive tables
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
# The mismatch scenario's "today" (noon Eastern).
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


# -- Required fields and formats: every field rule, shown in the browser once ------------------
# The tables (each empty field alone, each malformed MBI and date, the order of the checks) run
# over HTTP: tests/sites/spot/test_eligibility_pages_http.py.


@pytest.mark.covers(
    "REQUIRED_FIELD",
    page="spot/eligibility",
    fields=("mbi", "last_name", "first_name", "date_of_birth", "date_of_service"),
)
def test_an_empty_form_names_every_required_field_at_once(
    eligibility: EligibilityPage, admin: AdminClient
) -> None:
    eligibility.submit.click()

    eligibility.errors.expect_codes(*["REQUIRED_FIELD"] * len(LABELS))
    for field, label in LABELS.items():
        eligibility.errors.expect_error("REQUIRED_FIELD", field=field, text=f"{label} is required.")
    assert eligibility.error_fields() == list(LABELS)  # in the form's order
    eligibility.expect_no_result()
    assert _hets_answers(admin) == []


@pytest.mark.covers(
    "DATA_FORMAT", page="spot/eligibility", fields=("mbi", "date_of_birth", "date_of_service")
)
def test_each_format_rule_is_shown_on_its_field_and_tomorrow_is_refused_by_eastern_time(
    eligibility: EligibilityPage, beneficiaries: Beneficiaries, admin: AdminClient, fake: Faker
) -> None:
    """The format rules of Medicare ID and both dates at once, with what was typed kept (and
    escaped); then the not-in-the-future rule for Date of Service, by SPOT's Eastern "today"."""
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


# -- Data that does not match Medicare's -------------------------------------------------------
# Each way an entry can disagree (and HETS's rules for replaced MBIs and purged deaths) runs over
# HTTP: tests/sites/spot/test_eligibility_pages_http.py.


@pytest.mark.covers("DATA_MISMATCH", page="spot/eligibility")
def test_data_that_does_not_match_medicare_returns_nothing_about_the_beneficiary(
    eligibility: EligibilityPage, beneficiaries: Beneficiaries, admin: AdminClient, fake: Faker
) -> None:
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
    assert _hets_answers(admin) == ["73"]  # the reason is for QA, not for the page


# -- Answers -----------------------------------------------------------------------------------
# Each kind of record, and the ways of typing a match, run over HTTP too. HETS down (the error
# shown here) is e2e/test_system_availability.py's, reaching this page from SPOT home.


def test_a_matching_inquiry_shows_eligibility_and_only_the_records_on_file(
    eligibility: EligibilityPage, beneficiaries: Beneficiaries, admin: AdminClient
) -> None:
    patient = beneficiaries.draw(lambda p: any(p.has(key) for key in SECTIONS))

    eligibility.inquire_about(patient)

    eligibility.expect_result_for(patient)
    assert _hets_answers(admin) == [None]
