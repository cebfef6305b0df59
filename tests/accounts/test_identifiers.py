"""Provider identifiers in CMS's shapes."""

from __future__ import annotations

import random

import pytest

from mock_portal.accounts import identifiers


def test_cms_example_npi_passes_the_check_digit() -> None:
    # CMS's worked example: 123456789 -> check digit 3.
    assert identifiers.luhn_check_digit("80840123456789") == 3
    assert identifiers.is_valid_npi("1234567893")


@pytest.mark.parametrize(
    "bad",
    [
        "1234567890",
        "123456789",
        "12345678931",
        "12345678a3",
        "",
        "123456789\u00b2",  # a superscript two: isdigit() says yes, int() raises
        "\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0663",  # Arabic-Indic digits
        "1234567893\n",
    ],
)
def test_wrong_npis_fail(bad: str) -> None:
    assert not identifiers.is_valid_npi(bad)


def test_generated_npis_tins_and_ptans_are_well_formed() -> None:
    rng = random.Random(7)
    for _ in range(2_000):
        assert identifiers.is_valid_npi(identifiers.npi(rng))
        tin = identifiers.tin(rng)
        assert len(tin) == 9
        assert tin.isdigit()
        assert len(identifiers.ptan(rng)) == 6
        assert identifiers.confirmation_number(rng).startswith("AR")


def test_okta_ids_have_okta_shape() -> None:
    value = identifiers.okta_user_id(random.Random(1))
    assert value.startswith("00u")
    assert len(value) == 20
