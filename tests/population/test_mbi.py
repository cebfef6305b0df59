"""MBIs: CMS's format, the provider's valid and invalid values, and the integer bijection."""

from __future__ import annotations

import pytest
from faker import Faker
from hypothesis import given
from hypothesis import strategies as st

from mock_portal.population import mbi
from mock_portal.population.permutation import KeyedPermutation
from mock_portal.population.providers.medicare import Provider as MedicareProvider
from mock_portal.population.seeded import Population

SIZES = (1_000, 1_000_000)


@pytest.fixture(scope="module")
def fake() -> Faker:
    generator = Faker("en_US")
    generator.add_provider(MedicareProvider)
    return generator


def test_cms_sample_mbi_is_valid_and_its_card_form_is_not() -> None:
    # CMS's own example, as printed on the card with dashes and as systems hold it.
    assert mbi.is_valid("1EG4TE5MK73")
    assert not mbi.is_valid("1EG4-TE5-MK73")


def test_the_alphabet_is_cms_letters_without_the_six_look_alikes() -> None:
    assert set(mbi.LETTERS) | set(mbi.EXCLUDED_LETTERS) == set("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    assert not set(mbi.LETTERS) & set(mbi.EXCLUDED_LETTERS)
    assert mbi.SPACE == 9 * 20**4 * 30**2 * 10**4


@pytest.mark.parametrize("seed", range(20))
def test_every_generated_mbi_is_valid(fake: Faker, seed: int) -> None:
    fake.seed_instance(seed)
    for _ in range(50):
        value = fake.mbi()
        assert mbi.is_valid(value), value
        assert mbi.is_valid(mbi.normalize(value.lower()))


@pytest.mark.parametrize("kind", MedicareProvider.mbi_flaws)
@pytest.mark.parametrize("seed", range(5))
def test_every_invalid_kind_is_rejected_even_after_normalizing(
    fake: Faker, kind: str, seed: int
) -> None:
    fake.seed_instance(seed)
    value = fake.invalid_mbi(kind)
    assert not mbi.is_valid(mbi.normalize(value)), (kind, value)


def test_an_unknown_flaw_is_refused_by_name(fake: Faker) -> None:
    with pytest.raises(ValueError, match="unknown MBI flaw 'typo'"):
        fake.invalid_mbi("typo")


def test_normalize_upper_cases_and_trims_only() -> None:
    assert mbi.normalize("  1eg4te5mk73 ") == "1EG4TE5MK73"
    assert mbi.normalize("1eg4-te5-mk73") == "1EG4-TE5-MK73"


@pytest.mark.parametrize("number", [0, 1, 12_345_678, mbi.SPACE - 1])
def test_number_round_trips_at_the_edges(number: int) -> None:
    assert mbi.to_number(mbi.from_number(number)) == number


def test_numbers_follow_the_position_alphabets() -> None:
    assert mbi.from_number(0) == "1A00A00AA00"
    assert mbi.from_number(mbi.SPACE - 1) == "9YY9YY9YY99"
    with pytest.raises(ValueError, match="range"):
        mbi.from_number(mbi.SPACE)


@pytest.mark.parametrize("size", [1, 2, 3, 7, 1000, 4097])
def test_the_keyed_shuffle_is_a_bijection(size: int) -> None:
    shuffle = KeyedPermutation(size, b"test key")
    images = [shuffle.forward(i) for i in range(size)]
    assert sorted(images) == list(range(size))
    assert [shuffle.inverse(y) for y in images] == list(range(size))


def test_the_shuffle_depends_on_its_key() -> None:
    one, other = KeyedPermutation(mbi.SPACE, b"a"), KeyedPermutation(mbi.SPACE, b"b")
    assert [one.forward(i) for i in range(10)] != [other.forward(i) for i in range(10)]


@pytest.mark.parametrize("size", SIZES)
@given(data=st.data())
def test_index_and_mbi_round_trip(size: int, data: st.DataObject) -> None:
    people = Population(seed=3, size=size)
    index = data.draw(st.integers(0, size - 1))
    identifier = people.mbi(index)
    assert mbi.is_valid(identifier)
    assert people.index_of(identifier) == index


@pytest.mark.parametrize("size", SIZES)
def test_neighbouring_indices_get_unrelated_mbis(size: int) -> None:
    people = Population(seed=3, size=size)
    identifiers = [people.mbi(i) for i in range(200)]
    assert len(set(identifiers)) == 200
    assert identifiers != sorted(identifiers)
    assert len({value[0] for value in identifiers}) == 9  # the first position varies freely


def test_an_mbi_outside_the_population_is_not_found(fake: Faker) -> None:
    people = Population(seed=3, size=1_000)
    fake.seed_instance(11)
    strangers = [fake.mbi() for _ in range(200)]
    # 1,000 of 1.3e13 valid MBIs are taken: a random one is almost never among them.
    assert sum(people.index_of(s) is None for s in strangers) == 200


def test_an_mbi_beyond_the_size_is_not_found_in_a_smaller_population() -> None:
    large, small = Population(seed=3, size=2_000), Population(seed=3, size=1_000)
    assert small.index_of(large.mbi(1_500)) is None
    assert small.index_of(large.mbi(500)) == 500


@pytest.mark.parametrize("index", [-1, 1_000])
def test_indices_outside_the_population_are_refused(index: int) -> None:
    with pytest.raises(IndexError):
        Population(seed=3, size=1_000).mbi(index)
