"""The eligibility form's checks, without a browser: required fields, then each format rule."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from faker import Faker

from mock_portal.backends.hets import EligibilityRequest
from mock_portal.errors.catalogue import FORMAT_RULES, FormErrors
from mock_portal.population.providers.medicare import Provider as MedicareProvider
from mock_portal.sites.spot.eligibility_form import FIELDS, EligibilityForm, parse_us_date, validate

TODAY = date(2026, 3, 2)
# 01/05/2024 in full-width digits, which \d and str.isdigit() accept.
FULL_WIDTH_DATE = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in "01/05/2024")
GOOD = EligibilityForm(
    mbi="1EG4TE5MK73",
    last_name="O'Brien-Smith",
    first_name="Ann",
    date_of_birth="02/29/1948",
    date_of_service="03/02/2026",
)


def _errors(form: EligibilityForm, today: date = TODAY) -> list[tuple[str, str | None]]:
    outcome = validate(form, today)
    assert isinstance(outcome, FormErrors), outcome
    return [(e.code.value, e.field) for e in outcome.items]


def test_a_complete_well_formed_form_becomes_an_inquiry() -> None:
    assert validate(GOOD, TODAY) == EligibilityRequest(
        "1EG4TE5MK73", "O'Brien-Smith", "Ann", date(1948, 2, 29), TODAY
    )


def test_lower_case_mbi_is_accepted_and_upper_cased() -> None:
    outcome = validate(replace(GOOD, mbi="1eg4te5mk73"), TODAY)
    assert isinstance(outcome, EligibilityRequest)
    assert outcome.mbi == "1EG4TE5MK73"


def test_every_empty_field_is_named_at_once_in_form_order() -> None:
    outcome = validate(EligibilityForm(), TODAY)
    assert isinstance(outcome, FormErrors)
    assert [(e.code.value, e.field) for e in outcome.items] == [
        ("REQUIRED_FIELD", f.name) for f in FIELDS
    ]
    assert [e.message for e in outcome.items] == [f"{f.label} is required." for f in FIELDS]


@pytest.mark.parametrize("field", [f.name for f in FIELDS])
def test_each_required_field_alone(field: str) -> None:
    assert _errors(replace(GOOD, **{field: ""})) == [("REQUIRED_FIELD", field)]


def test_required_fields_come_before_formats() -> None:
    form = replace(GOOD, mbi="", date_of_birth="1/1/50")
    assert _errors(form) == [("REQUIRED_FIELD", "mbi")]


def test_format_errors_are_all_listed_in_form_order() -> None:
    form = EligibilityForm("1EG4-TE5-MK73", "Smith", "Ann", "1/1/1950", "01/01/2099")
    assert _errors(form) == [
        ("DATA_FORMAT", "mbi"),
        ("DATA_FORMAT", "date_of_birth"),
        ("DATA_FORMAT", "date_of_service"),
    ]


@pytest.mark.parametrize("kind", MedicareProvider.mbi_flaws)
def test_every_invalid_mbi_kind_is_a_format_error(kind: str) -> None:
    fake = Faker()
    fake.add_provider(MedicareProvider)
    fake.seed_instance(kind)
    assert _errors(replace(GOOD, mbi=fake.invalid_mbi(kind))) == [("DATA_FORMAT", "mbi")]


def test_the_mbi_message_is_the_guides_rule_with_cms_positions() -> None:
    outcome = validate(replace(GOOD, mbi="1EG4TE5MK7S"), TODAY)
    assert isinstance(outcome, FormErrors)
    (error,) = outcome.items
    assert error.message == FORMAT_RULES["mbi"].text
    assert "S, L, O, I, B and Z" in error.details[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("02/29/2024", date(2024, 2, 29)),  # leap day
        ("12/31/1930", date(1930, 12, 31)),
        ("01/01/0001", date(1, 1, 1)),
        ("02/29/2023", None),  # not a leap year
        ("02/30/2024", None),
        ("04/31/2024", None),
        ("13/01/2024", None),
        ("00/10/2024", None),
        ("01/00/2024", None),
        ("01/01/0000", None),
        ("1/5/2024", None),  # not padded
        ("01/05/24", None),  # two-digit year
        ("01-05-2024", None),  # dashes
        ("2024/01/05", None),
        ("01/05/2024 ", None),
        ("Jan 5 2024", None),
        (FULL_WIDTH_DATE, None),  # digits, but not the numbers the guide means
    ],
)
def test_us_dates(text: str, expected: date | None) -> None:
    assert parse_us_date(text) == expected


@pytest.mark.parametrize("field", ["date_of_birth", "date_of_service"])
@pytest.mark.parametrize("text", ["02/30/2020", "1/5/2020", "01/05/20", "01-05-2020"])
def test_each_date_field_needs_a_real_mm_dd_yyyy_date(field: str, text: str) -> None:
    assert _errors(replace(GOOD, **{field: text})) == [("DATA_FORMAT", field)]


@pytest.mark.parametrize(
    ("date_of_service", "accepted"),
    [("03/02/2026", True), ("03/01/2026", True), ("02/29/2024", True), ("03/03/2026", False)],
)
def test_date_of_service_is_today_or_earlier(date_of_service: str, accepted: bool) -> None:
    outcome = validate(replace(GOOD, date_of_service=date_of_service), TODAY)
    assert isinstance(outcome, EligibilityRequest) is accepted


def test_a_future_date_of_birth_is_well_formed_and_left_to_hets() -> None:
    # The guide's rule for Date of Birth is its format only; HETS answers AAA 58 for it.
    assert isinstance(
        validate(replace(GOOD, date_of_birth="01/01/2099"), TODAY), EligibilityRequest
    )
