"""The HETS mock, rule by rule: each test is a row of docs/hets.md's table (its ``test`` column
names the test), and fails if HETS answers otherwise."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from faker import Faker

from mock_portal.backends.hets import (
    TROUBLE,
    EligibilityRequest,
    Eligible,
    Hets,
    Rejected,
    RejectReason,
    add_months,
    inquiry_window,
)
from mock_portal.backends.names import normalize_last_name, same_name
from mock_portal.population.providers.medicare import Provider as MedicareProvider
from mock_portal.population.records import Beneficiary, Case
from mock_portal.population.seeded import Population, case_indexes

TODAY = date(2026, 3, 2)
DAY = timedelta(days=1)


@pytest.fixture(scope="module")
def people() -> Population:
    return Population(seed=11, size=5_000)


@pytest.fixture(scope="module")
def hets(people: Population) -> Hets:
    return Hets(people)


def _first(people: Population, deceased: bool) -> Beneficiary:
    """Someone ordinary (no special case), alive or dead within HETS's purge."""
    return next(
        person
        for index, person in enumerate(map(people.beneficiary, range(people.size)))
        if index % 1000 > 3
        and (person.date_of_death is not None) == deceased
        and (person.date_of_death is None or person.date_of_death > add_months(TODAY, -27))
    )


@pytest.fixture(scope="module")
def living(people: Population) -> Beneficiary:
    return _first(people, deceased=False)


@pytest.fixture(scope="module")
def deceased(people: Population) -> Beneficiary:
    return _first(people, deceased=True)


def _case(people: Population, case: Case) -> Beneficiary:
    return people.beneficiary(next(case_indexes(case, people.size)))


def _request(
    person: Beneficiary, date_of_service: date = TODAY, through: date | None = None
) -> EligibilityRequest:
    return EligibilityRequest(
        person.mbi,
        person.last_name,
        person.first_name,
        person.date_of_birth,
        date_of_service,
        through,
    )


def _reason(hets: Hets, request: EligibilityRequest, today: date = TODAY) -> RejectReason:
    answer = hets.inquire(request, today)
    assert isinstance(answer, Rejected), answer
    return answer.reason


def _eligible(hets: Hets, request: EligibilityRequest, today: date = TODAY) -> Eligible:
    answer = hets.inquire(request, today)
    assert isinstance(answer, Eligible), answer
    return answer


def test_a_matching_inquiry_is_answered_with_the_record(hets: Hets, living: Beneficiary) -> None:
    assert _eligible(hets, _request(living)) == Eligible(living, TODAY, living.mbi)


# -- The request on its own --------------------------------------------------------------------


@pytest.mark.parametrize("kind", MedicareProvider.mbi_flaws)
def test_an_invalid_mbi_is_an_invalid_id(hets: Hets, living: Beneficiary, kind: str) -> None:
    fake = Faker()
    fake.add_provider(MedicareProvider)
    request = replace(_request(living), mbi=fake.invalid_mbi(kind).upper())
    assert _reason(hets, request) is RejectReason.INVALID_ID


def test_a_future_birth_date_is_invalid(hets: Hets, living: Beneficiary) -> None:
    request = replace(_request(living), date_of_birth=TODAY + DAY)
    assert _reason(hets, request) is RejectReason.INVALID_DATE_OF_BIRTH


def test_the_window_starts_4_years_back(hets: Hets, living: Beneficiary) -> None:
    earliest = date(2022, 3, 2)
    assert inquiry_window(TODAY)[0] == earliest
    assert _reason(hets, _request(living, earliest - DAY)) is RejectReason.OUTSIDE_INQUIRY_PERIOD
    if living.date_of_birth <= earliest:
        assert isinstance(hets.inquire(_request(living, earliest), TODAY), Eligible)


def test_the_window_ends_4_months_ahead(hets: Hets, living: Beneficiary) -> None:
    latest = date(2026, 7, 2)
    assert inquiry_window(TODAY)[1] == latest
    _eligible(hets, _request(living, latest))  # HETS answers for the future; SPOT does not ask
    assert _reason(hets, _request(living, latest + DAY)) is RejectReason.SERVICE_IN_FUTURE
    assert _reason(hets, _request(living, TODAY, latest + DAY)) is RejectReason.SERVICE_IN_FUTURE


def test_the_window_moves_with_today_and_keeps_month_ends() -> None:
    assert inquiry_window(date(2026, 10, 31)) == (date(2022, 10, 31), date(2027, 2, 28))
    assert inquiry_window(date(2028, 2, 29)) == (date(2024, 2, 29), date(2028, 6, 29))
    assert add_months(date(2025, 3, 31), -1) == date(2025, 2, 28)


def test_a_range_of_12_months_is_answered_and_longer_or_reversed_is_invalid(
    hets: Hets, living: Beneficiary
) -> None:
    first = date(2025, 1, 15)
    _eligible(hets, _request(living, first, date(2026, 1, 14)))  # 12 months exactly
    too_long = _request(living, first, date(2026, 1, 15))
    assert _reason(hets, too_long) is RejectReason.INVALID_DATE_OF_SERVICE
    reversed_range = _request(living, first, first - DAY)
    assert _reason(hets, reversed_range) is RejectReason.INVALID_DATE_OF_SERVICE


def test_birth_after_the_date_of_service(hets: Hets, living: Beneficiary) -> None:
    # Inside the window only an entered date of birth can follow the date of service: nobody on
    # Medicare was born in the last 4 years.
    request = replace(_request(living, TODAY - 10 * DAY), date_of_birth=TODAY - 5 * DAY)
    assert _reason(hets, request) is RejectReason.BIRTH_AFTER_SERVICE


def test_the_request_is_checked_before_the_record(hets: Hets) -> None:
    fake = Faker()
    fake.add_provider(MedicareProvider)
    request = EligibilityRequest(fake.invalid_mbi("too_short"), "A", "B", TODAY, TODAY)
    assert _reason(hets, request) is RejectReason.INVALID_ID


# -- Who the MBI names -------------------------------------------------------------------------


def test_an_mbi_not_in_the_population_is_not_found(hets: Hets, living: Beneficiary) -> None:
    fake = Faker()
    fake.add_provider(MedicareProvider)
    fake.seed_instance(1)
    stranger = next(m for m in iter(fake.mbi, None) if hets.population.lookup(m) is None)
    request = replace(_request(living), mbi=stranger)
    assert _reason(hets, request) is RejectReason.NOT_FOUND


def test_a_death_older_than_the_purge_is_not_found(hets: Hets, people: Population) -> None:
    person = _case(people, Case.PURGED_DEATH)
    assert person.date_of_death is not None
    before_death = _request(person, person.date_of_death - DAY)
    today = add_months(person.date_of_death, 27) + DAY  # purged from this day on
    assert _reason(hets, before_death, today) is RejectReason.NOT_FOUND
    assert isinstance(hets.inquire(before_death, today - DAY), Eligible)  # the day before
    unpurged = Hets(people, death_purge_months=None)  # the purge is unsettled: it can be off
    assert isinstance(unpurged.inquire(before_death, today), Eligible)


def test_an_old_mbi_answers_for_dates_it_was_active_with_its_end_date(
    hets: Hets, people: Population
) -> None:
    person = _case(people, Case.REPLACED_MBI)
    assert person.previous_mbi is not None
    assert person.mbi_effective is not None
    last_day = person.mbi_effective - DAY
    asked = replace(_request(person, last_day), mbi=person.previous_mbi)
    answer = _eligible(hets, asked, person.mbi_effective)
    assert (answer.beneficiary, answer.mbi, answer.mbi_ends) == (
        person,
        person.previous_mbi,
        last_day,
    )
    overlapping = replace(asked, service_through=person.mbi_effective + DAY)
    assert _eligible(hets, overlapping, person.mbi_effective + DAY).mbi_ends == last_day


def test_an_old_mbi_after_the_change_is_an_invalid_id(hets: Hets, people: Population) -> None:
    person = _case(people, Case.REPLACED_MBI)
    assert person.previous_mbi is not None
    assert person.mbi_effective is not None
    asked = replace(_request(person, person.mbi_effective), mbi=person.previous_mbi)
    assert _reason(hets, asked, person.mbi_effective) is RejectReason.INVALID_ID


def test_the_new_mbi_answers_before_and_after_the_change(hets: Hets, people: Population) -> None:
    person = _case(people, Case.REPLACED_MBI)
    assert person.mbi_effective is not None
    for day in (person.mbi_effective - DAY, person.mbi_effective):
        assert _eligible(hets, _request(person, day), person.mbi_effective).mbi_ends is None


# -- The record --------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["last_name", "first_name"])
def test_a_different_name_is_a_name_mismatch(hets: Hets, living: Beneficiary, field: str) -> None:
    request = _request(living)
    if field == "last_name":
        request = replace(request, last_name="Zyxwvut")
    else:
        request = replace(request, first_name="Zyxwvut")
    assert _reason(hets, request) is RejectReason.NAME_MISMATCH


def test_a_former_name_is_a_name_mismatch_and_the_new_one_matches(
    hets: Hets, people: Population
) -> None:
    person = _case(people, Case.NAME_CHANGE)
    assert person.previous_last_name is not None
    assert person.name_changed is not None
    day = person.name_changed
    former = replace(_request(person, day), last_name=person.previous_last_name)
    assert _reason(hets, former, day) is RejectReason.NAME_MISMATCH
    _eligible(hets, _request(person, day - DAY), day)  # the new name, for a day before it too


def test_a_different_birth_date_is_a_birth_date_mismatch(hets: Hets, living: Beneficiary) -> None:
    request = replace(_request(living), date_of_birth=living.date_of_birth - DAY)
    assert _reason(hets, request) is RejectReason.BIRTH_DATE_MISMATCH


def test_service_after_death_is_refused_and_before_it_answered(
    hets: Hets, deceased: Beneficiary
) -> None:
    assert deceased.date_of_death is not None
    after = _request(deceased, deceased.date_of_death + DAY)
    assert _reason(hets, after) is RejectReason.DEATH_BEFORE_SERVICE
    on_the_day = _request(deceased, deceased.date_of_death)
    assert isinstance(hets.inquire(on_the_day, TODAY), Eligible)


def test_hets_trouble_is_aaa_42_or_80() -> None:
    assert TROUBLE == {
        "timeout": RejectReason.UNABLE_TO_RESPOND,
        "connection_reset": RejectReason.NO_RESPONSE,
    }
    assert [r.value for r in TROUBLE.values()] == ["42", "80"]


def test_every_reason_has_the_code_lists_wording() -> None:
    assert RejectReason.OUTSIDE_INQUIRY_PERIOD.description == (
        "Date of Service Not Within Allowable Inquiry Period"
    )
    assert all(reason.description for reason in RejectReason)


# -- Names as HETS compares them ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("entered", "on_file"),
    [
        ("smith", "Smith"),
        ("GARCIA LOPEZ", "Garcia-Lopez"),
        ("garcialopez", "Garcia-Lopez"),
        ("OBrien", "O'Brien"),
        ("o brien", "O'Brien"),
        ("Smith Jr.", "Smith"),
        ("Smith, III", "Smith"),
        ("Nuñez", "Nunez"),
        ("  Smith  ", "Smith"),
    ],
)
def test_last_names_match_the_way_hets_normalizes_them(entered: str, on_file: str) -> None:
    assert normalize_last_name(entered) == normalize_last_name(on_file)
    assert same_name("Ann", entered, "ANN", on_file)


@pytest.mark.parametrize(
    ("entered", "on_file"),
    [("Smyth", "Smith"), ("SmithJr", "Smith"), ("Garcia", "Garcia-Lopez"), ("Jr", "Smith")],
)
def test_other_spellings_do_not_match(entered: str, on_file: str) -> None:
    assert not same_name("Ann", entered, "Ann", on_file)


def test_first_names_ignore_case_hyphens_spaces_and_apostrophes() -> None:
    assert same_name("mary jo", "Smith", "Mary-Jo", "Smith")
    assert same_name("DANDRE", "Smith", "D'Andre", "Smith")
    assert not same_name("Mary", "Smith", "Mary-Jo", "Smith")
