"""The Eligibility page's exhaustive tables over plain HTTP: every empty field, every way an MBI
or a date can be malformed, every way an entry can disagree with Medicare's record, every kind of
answer; each checked in the served page against the error-rendering contract
(fixtures/html_contract.py) as e2e/test_eligibility.py checks its kept scenarios in a browser.

HETS's rules for replaced MBIs and purged deaths: tests/sites/spot/test_eligibility_http.py.
The coverage rule (docs/coverage.md): each code and field rule keeps one browser scenario there;
the tables run here, against the same form and the same rendering.

The tables of forms SPOT refuses before asking HETS (empty fields, malformed MBIs and dates,
markup echoed back) only read: they share one signed-in user in a namespace of the module's own
(``reader``, tests/conftest.py); every other test here has its own namespace.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from e2e.pages.eligibility import LABELS, SECTIONS, EligibilityPage
from mock_portal.population.providers.medicare import Provider as MedicareProvider
from mock_portal.testing.beneficiaries import us_date
from tests.sites.spot.inquiry_html import (
    ELIGIBILITY_RESULTS,
    expect_eligibility_for,
    expect_no_result,
    submit,
    what_a_result_would_show,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    import httpx
    from faker import Faker

    from fixtures.html_contract import HtmlPage
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.beneficiaries import Beneficiaries, Patient
    from mock_portal.testing.http_flow import HttpUser
    from tests.conftest import Reader

entry_for = EligibilityPage.entry_for
MISMATCH_TEXT = "does not match Medicare's records"
# 04:30 UTC on 2 March 2026 is still 1 March in Florida: SPOT's "today" is Eastern.
LATE_EVENING_EASTERN = datetime(2026, 3, 2, 4, 30, tzinfo=UTC)
# The mismatch scenarios' "today" (noon Eastern), and the first date of service HETS answers for
# then (4 years back, docs/hets.md). A fixed day keeps the deceased inside HETS's purge.
MISMATCH_DAY = datetime(2026, 3, 2, 17, tzinfo=UTC)
HETS_WINDOW_OPENS = date(2022, 3, 2)


def _inquire(user: HttpUser, values: dict[str, str]) -> tuple[httpx.Response, HtmlPage]:
    return submit(user, "/eligibility", values)


def _hets_answers(admin: AdminClient) -> list[str | None]:
    return [entry["aaa"] for entry in admin.journal("hets.eligibility")]


# -- Required fields ---------------------------------------------------------------------------


@pytest.mark.parametrize("field", LABELS)
def test_the_one_empty_field_is_named_and_the_rest_are_kept(
    reader: Reader, reader_beneficiaries: Beneficiaries, field: str
) -> None:
    entry = entry_for(reader_beneficiaries.draw(), **{field: ""})

    answer, page = _inquire(reader.user, entry)

    assert answer.status_code == 422
    page.expect_codes("REQUIRED_FIELD")
    page.expect_error("REQUIRED_FIELD", field=field, text=LABELS[field])
    page.expect_values(**entry)


def test_required_fields_are_reported_before_formats(
    reader: Reader, reader_beneficiaries: Beneficiaries
) -> None:
    entry = entry_for(reader_beneficiaries.draw(), mbi="", date_of_birth="1/5/1950")

    _, page = _inquire(reader.user, entry)

    page.expect_codes("REQUIRED_FIELD")
    page.expect_error("REQUIRED_FIELD", field="mbi")
    page.expect_values(date_of_birth="1/5/1950")


# -- Data formats ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", MedicareProvider.mbi_flaws)
def test_an_mbi_broken_in_each_way_is_a_format_error(
    reader: Reader, reader_beneficiaries: Beneficiaries, fake: Faker, kind: str
) -> None:
    broken = fake.invalid_mbi(kind)

    _, page = _inquire(reader.user, entry_for(reader_beneficiaries.draw(), mbi=broken))

    page.expect_codes("DATA_FORMAT")
    page.expect_error("DATA_FORMAT", field="mbi", text="11-character")
    page.expect_values(mbi=broken)
    expect_no_result(page, ELIGIBILITY_RESULTS)


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


@pytest.mark.parametrize("case", BAD_DATES)
def test_dates_must_be_real_mm_dd_yyyy_dates(
    reader: Reader, reader_beneficiaries: Beneficiaries, case: str
) -> None:
    bad = BAD_DATES[case]
    patient = reader_beneficiaries.draw()
    value = bad.value(patient)

    _, page = _inquire(reader.user, entry_for(patient, **{bad.field: value}))

    page.expect_codes("DATA_FORMAT")
    page.expect_error("DATA_FORMAT", field=bad.field, text="MM/DD/YYYY")
    page.expect_values(**{bad.field: value})


def test_today_is_eastern_today_and_tomorrow_is_refused(
    http_user: HttpUser, beneficiaries: Beneficiaries, admin: AdminClient
) -> None:
    admin.freeze_clock(LATE_EVENING_EASTERN)
    patient = beneficiaries.draw(lambda p: p.date_of_death is None)

    _, page = _inquire(http_user, entry_for(patient, date_of_service="03/02/2026"))
    page.expect_error("DATA_FORMAT", field="date_of_service", text="today or earlier")
    expect_no_result(page, ELIGIBILITY_RESULTS)

    _, page = _inquire(http_user, entry_for(patient, date_of_service="03/01/2026"))
    expect_eligibility_for(page, patient)


def test_entered_values_come_back_escaped_after_an_error(
    reader: Reader, reader_beneficiaries: Beneficiaries
) -> None:
    markup = '<b id="injected">O\'Brien</b> & "Sons"'
    entry = entry_for(reader_beneficiaries.draw(), last_name=markup, date_of_birth="1/1/1950")

    answer, page = _inquire(reader.user, entry)

    page.expect_error("DATA_FORMAT", field="date_of_birth")
    page.expect_values(last_name=markup, date_of_birth="1/1/1950")
    assert page.root.find_all(attrs={"id": "injected"}) == []
    assert markup not in answer.text


# -- Data that does not match Medicare's -------------------------------------------------------


@dataclass(frozen=True)
class Mismatch:
    """A way the entry can disagree with Medicare's record, and the AAA reason HETS gives."""

    aaa: str
    changes: Callable[[Patient, Faker], dict[str, str]]
    deceased: bool = False


def _died(patient: Patient) -> date:
    assert patient.date_of_death is not None
    return patient.date_of_death


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


def expect_nothing_about(answer: httpx.Response, patient: Patient, entry: dict[str, str]) -> None:
    """The page gives away nothing of the record that was not typed."""
    for detail in what_a_result_would_show(patient) - set(entry.values()):
        assert detail not in answer.text, f"the page gave away {detail!r}"


@pytest.mark.parametrize("case", MISMATCHES)
def test_data_that_does_not_match_medicare_returns_nothing_about_the_beneficiary(
    http_user: HttpUser,
    beneficiaries: Beneficiaries,
    admin: AdminClient,
    fake: Faker,
    case: str,
) -> None:
    mismatch = MISMATCHES[case]
    admin.freeze_clock(MISMATCH_DAY)
    patient = beneficiaries.draw(lambda p: (p.date_of_death is not None) == mismatch.deceased)
    entry = entry_for(patient, **mismatch.changes(patient, fake))

    answer, page = _inquire(http_user, entry)

    assert answer.status_code == 422
    page.expect_codes("DATA_MISMATCH")
    page.expect_error("DATA_MISMATCH", text=MISMATCH_TEXT)
    expect_no_result(page, ELIGIBILITY_RESULTS)
    page.expect_values(**entry)
    expect_nothing_about(answer, patient, entry)
    assert _hets_answers(admin) == [mismatch.aaa]  # the reason is for QA, not for the page


# -- Answers -----------------------------------------------------------------------------------


@pytest.mark.parametrize("record", [*SECTIONS, None])
def test_a_matching_inquiry_shows_eligibility_and_only_the_records_on_file(
    http_user: HttpUser, beneficiaries: Beneficiaries, admin: AdminClient, record: str | None
) -> None:
    if record is None:
        patient = beneficiaries.draw(lambda p: not any(p.has(key) for key in SECTIONS))
    else:
        patient = beneficiaries.draw(lambda p: p.has(str(record)))

    _, page = _inquire(http_user, entry_for(patient))

    expect_eligibility_for(page, patient)
    assert _hets_answers(admin) == [None]


def test_lower_case_mbi_and_a_leap_day_date_of_service_are_accepted(
    http_user: HttpUser, beneficiaries: Beneficiaries, admin: AdminClient
) -> None:
    admin.freeze_clock(MISMATCH_DAY)  # 29 February 2024 stays inside HETS's 4-year window
    leap_day = date(2024, 2, 29)
    patient = beneficiaries.draw(lambda p: p.date_of_death is None or p.date_of_death > leap_day)
    entry = entry_for(patient, mbi=patient.mbi.lower(), date_of_service="02/29/2024")

    _, page = _inquire(http_user, entry)

    expect_eligibility_for(page, patient)
    # upper-cased, as Medicare has it
    assert patient.mbi in page.region(ELIGIBILITY_RESULTS).text()


def test_names_match_whatever_the_case_hyphens_apostrophes_and_suffix(
    http_user: HttpUser, beneficiaries: Beneficiaries
) -> None:
    patient = beneficiaries.draw(lambda p: "-" in p.last_name or "'" in p.last_name)
    typed = patient.last_name.replace("-", " ").replace("'", "").lower() + " Jr."
    entry = entry_for(patient, last_name=typed, first_name=patient.first_name.upper())

    _, page = _inquire(http_user, entry)

    expect_eligibility_for(page, patient)
