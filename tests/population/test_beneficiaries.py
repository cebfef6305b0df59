"""The seeded population: the same person for the same (seed, index), and coherent records."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from faker import Faker
from hypothesis import given, settings
from hypothesis import strategies as st

from mock_portal.population.providers.medicare import (
    RECORDS_AS_OF,
    aged_entitlement_start,
)
from mock_portal.population.providers.medicare import (
    Provider as MedicareProvider,
)
from mock_portal.population.records import Beneficiary, Case, EntitlementReason
from mock_portal.population.seeded import MAX_SIZE, Population, case_indexes, case_of

SAMPLE = 2_000


@pytest.fixture(scope="module")
def people() -> Population:
    return Population(seed=7, size=1_000_000)


@pytest.fixture(scope="module")
def sample(people: Population) -> list[Beneficiary]:
    return [people.beneficiary(i) for i in range(0, SAMPLE * 499, 499)]


@pytest.mark.parametrize("index", [0, 1, 42, 999_999])
def test_beneficiary_i_of_seed_s_is_always_the_same_person(index: int) -> None:
    first, second = Population(7, 1_000_000), Population(7, 1_000_000)
    assert first.beneficiary(index) == second.beneficiary(index)
    # ... whatever was asked before, and however large the population is.
    second.beneficiary(index + 1 if index < 999_999 else 0)
    assert Population(7, 2_000_000).beneficiary(index) == second.beneficiary(index)


def test_another_seed_is_another_population() -> None:
    assert Population(7, 1_000).beneficiary(5) != Population(8, 1_000).beneficiary(5)


def test_find_by_mbi_gives_the_person_at_that_index(people: Population) -> None:
    person = people.beneficiary(123_456)
    assert people.find(person.mbi) == person
    assert people.find(person.mbi.lower()) is None  # lookups take normalized MBIs


def test_the_provider_is_repeatable_with_faker_seeding() -> None:
    fake = Faker("en_US")
    fake.add_provider(MedicareProvider)
    fake.seed_instance(99)
    first = fake.beneficiary()
    fake.seed_instance(99)
    assert fake.beneficiary() == first


def test_records_are_coherent(sample: list[Beneficiary]) -> None:
    for person in sample:
        starts = [d for d in (person.part_a_effective, person.part_b_effective) if d]
        assert starts, person
        assert all(d.day == 1 and d > person.date_of_birth for d in starts), person
        if person.entitlement_reason is EntitlementReason.AGED:
            assert min(starts).year - person.date_of_birth.year in (64, 65), person
        if person.date_of_death is not None:
            assert max(starts) + timedelta(days=30) <= person.date_of_death <= RECORDS_AS_OF
        if person.advantage_plan is not None:
            assert len(starts) == 2, person
            assert person.advantage_plan.effective >= max(starts)
        if person.secondary_payer is not None:  # group health plan types match the entitlement
            group_plan_for = {"12": "Aged", "13": "End-stage renal disease", "43": "Disability"}
            reason = person.entitlement_reason.value
            assert group_plan_for.get(person.secondary_payer.type_code, reason) == reason
        if person.hospice is not None:
            assert person.part_a_effective is not None
            assert person.part_a_effective <= person.hospice.start <= RECORDS_AS_OF
        assert person.address.state in ("FL", "PR", "VI")


@pytest.mark.parametrize(
    ("what", "has_it"),
    [
        ("a hyphenated last name", lambda p: "-" in p.last_name),
        ("an apostrophe in the last name", lambda p: "'" in p.last_name),
        ("a name suffix", lambda p: p.suffix is not None),
        ("a date of death", lambda p: p.date_of_death is not None),
        ("a Medicare Advantage plan", lambda p: p.advantage_plan is not None),
        ("a secondary payer", lambda p: p.secondary_payer is not None),
        ("a hospice election", lambda p: p.hospice is not None),
        ("Part A only", lambda p: p.part_b_effective is None),
        ("Part B only", lambda p: p.part_a_effective is None),
        ("none of the optional records", lambda p: not (p.advantage_plan or p.secondary_payer)),
    ],
)
def test_the_population_holds_every_case_the_scenarios_need(
    sample: list[Beneficiary], what: str, has_it: Callable[[Beneficiary], bool]
) -> None:
    assert any(has_it(person) for person in sample), f"no one in the sample has {what}"


def test_a_person_born_on_the_first_is_entitled_from_the_month_before() -> None:
    assert aged_entitlement_start(date(1950, 3, 1)) == date(2015, 2, 1)
    assert aged_entitlement_start(date(1950, 3, 2)) == date(2015, 3, 1)
    assert aged_entitlement_start(date(1952, 2, 29)) == date(2017, 2, 1)


# -- The special cases HETS answers differently (docs/hets.md) ---------------------------------


@pytest.mark.parametrize("case", list(Case))
def test_each_case_sits_at_fixed_indexes_for_every_seed(people: Population, case: Case) -> None:
    indexes = list(case_indexes(case, 5_000))
    assert indexes[0] in (1, 2, 3)
    assert indexes == [indexes[0] + 1_000 * k for k in range(5)]
    for seed in (0, 7):
        population = Population(seed, 1_000_000)
        for index in (indexes[0], indexes[0] + 999_000):
            assert case_of(index) is case
            person = population.beneficiary(index)
            has = {
                Case.REPLACED_MBI: person.previous_mbi is not None,
                Case.NAME_CHANGE: person.previous_last_name is not None,
                Case.PURGED_DEATH: person.date_of_death is not None,
            }
            assert has[case], (seed, index, person)
    assert case_of(0) is None
    assert case_of(4) is None


def test_ordinary_people_have_no_replaced_mbi_nor_former_name(sample: list[Beneficiary]) -> None:
    for person in sample:
        assert (person.previous_mbi is None) == (person.mbi_effective is None)
        assert (person.previous_last_name is None) == (person.name_changed is None)


def test_a_replaced_mbi_and_the_current_one_both_lead_to_the_person(people: Population) -> None:
    person = people.beneficiary(1_001)
    assert person.previous_mbi is not None
    assert person.mbi_effective is not None
    assert person.previous_mbi != person.mbi
    assert (
        RECORDS_AS_OF
        >= person.mbi_effective
        >= max(d for d in (person.part_a_effective, person.part_b_effective) if d)
    )
    assert people.index_of(person.previous_mbi) is None  # nobody's current MBI
    assert people.retired_index_of(person.previous_mbi) == 1_001
    old = people.lookup(person.previous_mbi)
    assert old is not None
    assert (old.beneficiary, old.retired_mbi_ends) == (
        person,
        person.mbi_effective - timedelta(days=1),
    )
    current = people.lookup(person.mbi)
    assert current is not None
    assert current.retired_mbi_ends is None


def test_a_name_change_is_recent_and_to_another_name(people: Population) -> None:
    person = people.beneficiary(2)
    assert person.previous_last_name is not None
    assert person.name_changed is not None
    assert person.previous_last_name.upper() not in person.last_name.upper()
    assert date(2024, 1, 1) <= person.name_changed <= RECORDS_AS_OF


def test_a_purged_death_is_older_than_27_months_for_any_later_today(people: Population) -> None:
    for index in case_indexes(Case.PURGED_DEATH, 20_000):
        died = people.beneficiary(index).date_of_death
        assert died is not None
        assert date(2022, 7, 1) <= died <= date(2023, 6, 30)  # > 27 months before 2025-12-31


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32), block=st.integers(0, 10**6 - 1))
def test_both_mbis_map_back_to_their_index(seed: int, block: int) -> None:
    population = Population(seed, 10**9)
    index = block * 1_000 + 1
    assert population.index_of(population.mbi(index)) == index
    previous = population.previous_mbi(index)
    assert previous is not None
    assert population.index_of(previous) is None
    assert population.retired_index_of(previous) == index
    assert population.retired_index_of(population.mbi(index)) is None


def test_a_population_too_large_to_keep_replaced_mbis_apart_is_refused() -> None:
    Population(0, MAX_SIZE)
    with pytest.raises(ValueError, match="beneficiaries"):
        Population(0, MAX_SIZE + 1)
