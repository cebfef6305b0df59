"""Eligibility: a provider looks up a beneficiary, and meets each error the guide describes for
it (required fields, data formats, data that does not match Medicare's), or the answer.

Beneficiaries come from the running portal's seeded population (``beneficiaries``), and wrong
values from the Faker provider (``fake``), so every scenario runs on synthetic people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from e2e.pages.eligibility import LABELS, SECTIONS, EligibilityPage
from mock_portal.backends.hets import add_months
from mock_portal.population.providers.medicare import Provider as MedicareProvider
from mock_portal.population.records import Case
from mock_portal.testing.beneficiaries import noon_eastern, us_date

if TYPE_CHECKING:
    from collections.abc import Callable

    from faker import Faker

    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.beneficiaries import Beneficiaries, Patient
    from mock_portal.testing.plugin import MakeUser, SignIn

MISMATCH_TEXT = "does not match Medicare's records"
# 04:30 UTC on 2 March 2026 is still 1 March in Florida: SPOT's "today" is Eastern.
LATE_EVENING_EASTERN = datetime(2026, 3, 2, 4, 30, tzinfo=UTC)
# The mismatch scenarios' "today" (noon Eastern), and the first date of service HETS answers for
# then (4 years back, docs/hets.md). A fixed day keeps the deceased inside HETS's purge.
MISMATCH_DAY = datetime(2026, 3, 2, 17, tzinfo=UTC)
HETS_WINDOW_OPENS = date(2022, 3, 2)
DAY = timedelta(days=1)


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


# -- Required fields ---------------------------------------------------------------------------


@pytest.mark.covers("REQUIRED_FIELD")
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


@pytest.mark.covers("REQUIRED_FIELD")
@pytest.mark.parametrize("field", LABELS)
def test_the_one_empty_field_is_named_and_the_rest_are_kept(
    eligibility: EligibilityPage, beneficiaries: Beneficiaries, field: str
) -> None:
    entry = EligibilityPage.entry_for(beneficiaries.draw(), **{field: ""})
    eligibility.inquire(**entry)

    eligibility.errors.expect_codes("REQUIRED_FIELD")
    eligibility.errors.expect_error("REQUIRED_FIELD", field=field, text=LABELS[field])
    eligibility.expect_values(**entry)


@pytest.mark.covers("REQUIRED_FIELD")
def test_required_fields_are_reported_before_formats(
    eligibility: EligibilityPage, beneficiaries: Beneficiaries
) -> None:
    eligibility.inquire_about(beneficiaries.draw(), mbi="", date_of_birth="1/5/1950")

    eligibility.errors.expect_codes("REQUIRED_FIELD")
    eligibility.errors.expect_error("REQUIRED_FIELD", field="mbi")
    eligibility.expect_values(date_of_birth="1/5/1950")


# -- Data formats ------------------------------------------------------------------------------


@pytest.mark.covers("DATA_FORMAT")
@pytest.mark.parametrize("kind", MedicareProvider.mbi_flaws)
def test_an_mbi_broken_in_each_way_is_a_format_error(
    eligibility: EligibilityPage, beneficiaries: Beneficiaries, fake: Faker, kind: str
) -> None:
    broken = fake.invalid_mbi(kind)
    eligibility.inquire_about(beneficiaries.draw(), mbi=broken)

    eligibility.errors.expect_codes("DATA_FORMAT")
    eligibility.errors.expect_error("DATA_FORMAT", field="mbi", text="11-character")
    eligibility.expect_values(mbi=broken)
    eligibility.expect_no_result()


@dataclass(frozen=True)
class BadDate:
    field: str
    value: Callable[[Patient], str]


BAD_DATES = {
    "not padded": BadDate("date_of_birth", lambda p: f"{p.date_of_birth.month}/1/1950"),
    "two-digit year": BadDate("date_of_birth", lambda p: p.date_of_birth.strftime("%m/%d/%y")),
    "dashes": BadDate("date_of_birth", lambda p: p.date_of_birth.strftime("%m-%d-%Y")),
    "February 30": BadDate("date_of_birth", lambda p: f"02/30/{p.date_of_birth.year}"),
    "leap day of a common year": BadDate("date_of_service", lambda _: "02/29/2025"),
}


@pytest.mark.covers("DATA_FORMAT")
@pytest.mark.parametrize("case", BAD_DATES)
def test_dates_must_be_real_mm_dd_yyyy_dates(
    eligibility: EligibilityPage, beneficiaries: Beneficiaries, case: str
) -> None:
    bad = BAD_DATES[case]
    patient = beneficiaries.draw()
    value = bad.value(patient)
    eligibility.inquire_about(patient, **{bad.field: value})

    eligibility.errors.expect_codes("DATA_FORMAT")
    eligibility.errors.expect_error("DATA_FORMAT", field=bad.field, text="MM/DD/YYYY")
    eligibility.expect_values(**{bad.field: value})


@pytest.mark.covers("DATA_FORMAT")
def test_today_is_eastern_today_and_tomorrow_is_refused(
    eligibility: EligibilityPage, beneficiaries: Beneficiaries, admin: AdminClient
) -> None:
    admin.freeze_clock(LATE_EVENING_EASTERN)
    patient = beneficiaries.draw(lambda p: p.date_of_death is None)

    eligibility.inquire_about(patient, date_of_service="03/02/2026")  # already today in UTC
    eligibility.errors.expect_error("DATA_FORMAT", field="date_of_service", text="today or earlier")
    eligibility.expect_no_result()

    eligibility.inquire_about(patient, date_of_service="03/01/2026")
    eligibility.expect_result_for(patient)


@pytest.mark.covers("DATA_FORMAT")
def test_entered_values_come_back_escaped_after_an_error(
    eligibility: EligibilityPage, beneficiaries: Beneficiaries
) -> None:
    markup = '<b id="injected">O\'Brien</b> & "Sons"'
    eligibility.inquire_about(beneficiaries.draw(), last_name=markup, date_of_birth="1/1/1950")

    eligibility.errors.expect_error("DATA_FORMAT", field="date_of_birth")
    eligibility.expect_values(last_name=markup, date_of_birth="1/1/1950")
    expect(eligibility.page.locator("#injected")).to_have_count(0)


# -- Data that does not match Medicare's -------------------------------------------------------


@dataclass(frozen=True)
class Mismatch:
    """A way the entry can disagree with Medicare's record, and the AAA reason HETS gives."""

    aaa: str
    changes: Callable[[Patient, Faker], dict[str, str]]
    deceased: bool = False


MISMATCHES = {
    "an MBI no one has": Mismatch("75", lambda p, fake: {"mbi": fake.mbi()}),
    "another name": Mismatch(
        "73", lambda p, fake: {"first_name": fake.first_name(), "last_name": fake.last_name()}
    ),
    "another date of birth": Mismatch(
        "71", lambda p, fake: {"date_of_birth": us_date(p.date_of_birth + timedelta(days=1))}
    ),
    "a date of birth after the date of service": Mismatch(
        "60",
        lambda p, fake: {"date_of_birth": us_date(p.a_date_of_service + timedelta(days=1))},
    ),
    "a date of service before HETS's 4-year window": Mismatch(
        "62", lambda p, fake: {"date_of_service": us_date(HETS_WINDOW_OPENS - timedelta(days=1))}
    ),
    "a date of birth in the future": Mismatch(
        "58", lambda p, fake: {"date_of_birth": "01/01/2099"}
    ),
    "a date of service after death": Mismatch(
        "61",
        lambda p, fake: {"date_of_service": us_date(_died(p) + timedelta(days=1))},
        deceased=True,
    ),
}


def _died(patient: Patient) -> date:
    assert patient.date_of_death is not None
    return patient.date_of_death


def _what_a_result_would_show(patient: Patient) -> set[str]:
    record = patient.record
    dates = [patient.date_of_birth, patient.date_of_death]
    dates += [
        date.fromisoformat(record[k]) for k in ("part_a_effective", "part_b_effective") if record[k]
    ]
    shown = {patient.mbi, patient.display_name, *(us_date(d) for d in dates if d)}
    if patient.has("advantage_plan"):
        shown.add(record["advantage_plan"]["plan_name"])
    if patient.has("secondary_payer"):
        shown.add(record["secondary_payer"]["insurer"])
    if patient.has("hospice"):
        shown.add(record["hospice"]["provider_npi"])
    return shown


@pytest.mark.covers("DATA_MISMATCH")
@pytest.mark.parametrize("case", MISMATCHES)
def test_data_that_does_not_match_medicare_returns_nothing_about_the_beneficiary(
    eligibility: EligibilityPage,
    beneficiaries: Beneficiaries,
    admin: AdminClient,
    fake: Faker,
    case: str,
) -> None:
    mismatch = MISMATCHES[case]
    admin.freeze_clock(MISMATCH_DAY)
    patient = beneficiaries.draw(lambda p: (p.date_of_death is not None) == mismatch.deceased)
    entry = EligibilityPage.entry_for(patient, **mismatch.changes(patient, fake))

    eligibility.inquire(**entry)

    eligibility.errors.expect_codes("DATA_MISMATCH")
    eligibility.errors.expect_error("DATA_MISMATCH", text=MISMATCH_TEXT)
    eligibility.expect_no_result()
    eligibility.expect_values(**entry)
    html = eligibility.page.content()
    for detail in _what_a_result_would_show(patient) - set(entry.values()):
        assert detail not in html, f"the page gave away {detail!r}"
    assert _hets_answers(admin) == [mismatch.aaa]  # the reason is for QA, not for the page


# -- Answers -----------------------------------------------------------------------------------


@pytest.mark.parametrize("record", [*SECTIONS, None])
def test_a_matching_inquiry_shows_eligibility_and_only_the_records_on_file(
    eligibility: EligibilityPage,
    beneficiaries: Beneficiaries,
    admin: AdminClient,
    record: str | None,
) -> None:
    if record is None:
        patient = beneficiaries.draw(lambda p: not any(p.has(key) for key in SECTIONS))
    else:
        patient = beneficiaries.draw(lambda p: p.has(str(record)))

    eligibility.inquire_about(patient)

    eligibility.expect_result_for(patient)
    assert _hets_answers(admin) == [None]


def test_lower_case_mbi_and_a_leap_day_date_of_service_are_accepted(
    eligibility: EligibilityPage, beneficiaries: Beneficiaries, admin: AdminClient
) -> None:
    admin.freeze_clock(MISMATCH_DAY)  # 29 February 2024 stays inside HETS's 4-year window
    leap_day = date(2024, 2, 29)
    patient = beneficiaries.draw(lambda p: p.date_of_death is None or p.date_of_death > leap_day)

    eligibility.inquire_about(patient, mbi=patient.mbi.lower(), date_of_service="02/29/2024")

    eligibility.expect_result_for(patient)
    expect(eligibility.results).to_contain_text(patient.mbi)  # upper-cased, as Medicare has it


def test_names_match_whatever_the_case_hyphens_apostrophes_and_suffix(
    eligibility: EligibilityPage, beneficiaries: Beneficiaries
) -> None:
    patient = beneficiaries.draw(lambda p: "-" in p.last_name or "'" in p.last_name)
    typed = patient.last_name.replace("-", " ").replace("'", "").lower() + " Jr."

    eligibility.inquire_about(patient, last_name=typed, first_name=patient.first_name.upper())

    eligibility.expect_result_for(patient)


@pytest.mark.covers("SYSTEM_UNAVAILABLE")
def test_with_hets_down_eligibility_is_unavailable(
    eligibility: EligibilityPage, beneficiaries: Beneficiaries, admin: AdminClient
) -> None:
    admin.set_system("HETS", available=False, maintenance="scheduled")

    eligibility.inquire_about(beneficiaries.draw())

    eligibility.errors.expect_codes("SYSTEM_UNAVAILABLE")
    eligibility.errors.expect_error(
        "SYSTEM_UNAVAILABLE", text="Eligibility is temporarily unavailable: HETS is down"
    )
    eligibility.expect_no_result()
    eligibility.errors.message("SYSTEM_UNAVAILABLE").get_by_role(
        "link", name="View the system status page"
    ).click()
    expect(eligibility.page).to_have_url(re.compile("/system-status$"))
    assert _hets_answers(admin) == []


# -- HETS's rules for replaced MBIs and purged deaths (docs/hets.md) ---------------------------


@pytest.mark.covers("DATA_MISMATCH")
def test_an_old_mbi_is_answered_until_it_was_replaced_and_refused_after(
    eligibility: EligibilityPage, beneficiaries: Beneficiaries, admin: AdminClient
) -> None:
    patient = beneficiaries.case(Case.REPLACED_MBI)
    old, effective = patient.mbi_change()
    admin.freeze_clock(noon_eastern(effective))

    eligibility.inquire_about(patient, mbi=old, date_of_service=us_date(effective - DAY))
    eligibility.expect_result_for(patient)
    expect(eligibility.results).to_contain_text("MBI End Date")
    expect(eligibility.results).to_contain_text(old)
    expect(eligibility.results).not_to_contain_text(patient.mbi)  # never the new MBI

    eligibility.inquire_about(patient, mbi=old, date_of_service=us_date(effective))
    eligibility.errors.expect_codes("DATA_MISMATCH")
    eligibility.expect_no_result()
    assert _hets_answers(admin) == [None, "72"]


@pytest.mark.covers("DATA_MISMATCH")
def test_a_death_older_than_hets_purge_is_not_found(
    eligibility: EligibilityPage, beneficiaries: Beneficiaries, admin: AdminClient
) -> None:
    patient = beneficiaries.case(Case.PURGED_DEATH)
    died = _died(patient)
    admin.freeze_clock(noon_eastern(add_months(died, 27) + DAY))

    eligibility.inquire_about(patient, date_of_service=us_date(died - DAY))

    eligibility.errors.expect_codes("DATA_MISMATCH")
    eligibility.errors.expect_error("DATA_MISMATCH", text=MISMATCH_TEXT)
    eligibility.expect_no_result()
    assert _hets_answers(admin) == ["75"]
