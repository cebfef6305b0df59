"""The HETS mock: an eligible beneficiary, and each AAA reject reason a 271 can carry."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from faker import Faker

from mock_portal.backends.hets import EligibilityRequest, Eligible, Hets, Rejected, RejectReason
from mock_portal.backends.names import normalize_last_name, same_name
from mock_portal.population.provider import MedicareProvider
from mock_portal.population.records import Beneficiary
from mock_portal.population.seeded import Population

TODAY = date(2026, 3, 2)


@pytest.fixture(scope="module")
def people() -> Population:
    return Population(seed=11, size=5_000)


@pytest.fixture(scope="module")
def hets(people: Population) -> Hets:
    return Hets(people)


def _first(people: Population, deceased: bool) -> Beneficiary:
    return next(
        person
        for person in map(people.beneficiary, range(people.size))
        if (person.date_of_death is not None) == deceased
    )


@pytest.fixture(scope="module")
def living(people: Population) -> Beneficiary:
    return _first(people, deceased=False)


@pytest.fixture(scope="module")
def deceased(people: Population) -> Beneficiary:
    return _first(people, deceased=True)


def _request(person: Beneficiary, date_of_service: date = TODAY) -> EligibilityRequest:
    return EligibilityRequest(
        person.mbi, person.last_name, person.first_name, person.date_of_birth, date_of_service
    )


def test_a_matching_inquiry_is_answered_with_the_record(hets: Hets, living: Beneficiary) -> None:
    assert hets.inquire(_request(living), TODAY) == Eligible(living, TODAY)


def _reason(hets: Hets, request: EligibilityRequest) -> RejectReason:
    answer = hets.inquire(request, TODAY)
    assert isinstance(answer, Rejected), answer
    return answer.reason


def test_an_mbi_not_in_the_population_is_not_found(hets: Hets, living: Beneficiary) -> None:
    fake = Faker()
    fake.add_provider(MedicareProvider)
    fake.seed_instance(1)
    stranger = next(m for m in iter(fake.mbi, None) if hets.population.index_of(m) is None)
    request = replace(_request(living), mbi=stranger)
    assert _reason(hets, request) is RejectReason.NOT_FOUND


@pytest.mark.parametrize("kind", MedicareProvider.mbi_flaws)
def test_an_invalid_mbi_is_an_invalid_id(hets: Hets, living: Beneficiary, kind: str) -> None:
    fake = Faker()
    fake.add_provider(MedicareProvider)
    request = replace(_request(living), mbi=fake.invalid_mbi(kind).upper())
    assert _reason(hets, request) is RejectReason.INVALID_ID


@pytest.mark.parametrize("field", ["last_name", "first_name"])
def test_a_different_name_is_a_name_mismatch(hets: Hets, living: Beneficiary, field: str) -> None:
    request = _request(living)
    if field == "last_name":
        request = replace(request, last_name="Zyxwvut")
    else:
        request = replace(request, first_name="Zyxwvut")
    assert _reason(hets, request) is RejectReason.NAME_MISMATCH


def test_a_different_birth_date_is_a_birth_date_mismatch(hets: Hets, living: Beneficiary) -> None:
    request = replace(_request(living), date_of_birth=living.date_of_birth - timedelta(days=1))
    assert _reason(hets, request) is RejectReason.BIRTH_DATE_MISMATCH


def test_a_future_birth_date_is_invalid(hets: Hets, living: Beneficiary) -> None:
    request = replace(_request(living), date_of_birth=TODAY + timedelta(days=1))
    assert _reason(hets, request) is RejectReason.INVALID_DATE_OF_BIRTH


def test_a_future_date_of_service_is_invalid(hets: Hets, living: Beneficiary) -> None:
    request = _request(living, TODAY + timedelta(days=1))
    assert _reason(hets, request) is RejectReason.INVALID_DATE_OF_SERVICE


def test_birth_after_the_date_of_service(hets: Hets, living: Beneficiary) -> None:
    request = _request(living, living.date_of_birth - timedelta(days=1))
    assert _reason(hets, request) is RejectReason.BIRTH_AFTER_SERVICE


def test_service_after_death_is_refused_and_before_it_answered(
    hets: Hets, deceased: Beneficiary
) -> None:
    assert deceased.date_of_death is not None
    after = _request(deceased, deceased.date_of_death + timedelta(days=1))
    assert _reason(hets, after) is RejectReason.DEATH_BEFORE_SERVICE
    on_the_day = _request(deceased, deceased.date_of_death)
    assert isinstance(hets.inquire(on_the_day, TODAY), Eligible)


def test_the_request_is_checked_before_the_record(hets: Hets) -> None:
    fake = Faker()
    fake.add_provider(MedicareProvider)
    request = EligibilityRequest(fake.invalid_mbi("too_short"), "A", "B", TODAY, TODAY)
    assert _reason(hets, request) is RejectReason.INVALID_ID


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
