"""Claim Status without a browser: the form's checks, the FISS mock's claims, the control API's
view of them, and the page over plain HTTP (journal masking, the CSRF guard)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import httpx
import pytest

from mock_portal.backends.claims import HISTORY_FROM, LAST_SERVICE, ClaimStatus
from mock_portal.backends.fiss import ClaimHistory, ClaimStatusRequest, Fiss, NotOnFile
from mock_portal.errors.catalogue import FormErrors
from mock_portal.population.seeded import Population
from mock_portal.sites.spot.claim_status_form import FIELDS, ClaimStatusForm, validate
from mock_portal.testing.admin_client import AdminClient, AdminError
from mock_portal.testing.http_flow import HttpUser

TODAY = date(2026, 3, 2)
GOOD = ClaimStatusForm(mbi="1eg4te5mk73", dos_from="01/01/2025", dos_through="03/02/2026")


def _errors(form: ClaimStatusForm) -> list[tuple[str, str | None]]:
    outcome = validate(form, TODAY)
    assert isinstance(outcome, FormErrors), outcome
    return [(e.code.value, e.field) for e in outcome.items]


def test_a_complete_search_becomes_an_inquiry_with_the_mbi_upper_cased() -> None:
    assert validate(GOOD, TODAY) == ClaimStatusRequest("1EG4TE5MK73", date(2025, 1, 1), TODAY)


def test_every_empty_field_is_named_in_form_order_before_any_format() -> None:
    assert _errors(ClaimStatusForm()) == [("REQUIRED_FIELD", f.name) for f in FIELDS]
    assert _errors(replace(GOOD, mbi="", dos_from="1/1/2025")) == [("REQUIRED_FIELD", "mbi")]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"mbi": "1EG4-TE5-MK73"}, "mbi"),
        ({"dos_from": "2025-01-01"}, "dos_from"),
        ({"dos_through": "03/03/2026"}, "dos_through"),  # tomorrow
        ({"dos_from": "03/03/2026"}, "dos_from"),
        ({"dos_from": "02/01/2026", "dos_through": "01/31/2026"}, "dos_through"),
    ],
)
def test_each_rule_names_its_field(changes: dict[str, str], field: str) -> None:
    assert _errors(replace(GOOD, **changes)) == [("DATA_FORMAT", field)]


def test_the_range_is_checked_only_once_both_dates_are_dates() -> None:
    assert _errors(replace(GOOD, mbi="nope", dos_from="12/31/2025", dos_through="1/1/2025")) == [
        ("DATA_FORMAT", "mbi"),
        ("DATA_FORMAT", "dos_through"),
    ]
    assert isinstance(validate(replace(GOOD, dos_from="03/02/2026"), TODAY), ClaimStatusRequest)


@pytest.fixture(scope="module")
def people() -> Population:
    return Population(seed=11, size=2_000)


@pytest.fixture(scope="module")
def fiss(people: Population) -> Fiss:
    return Fiss(people)


def test_claims_are_the_same_for_the_same_seed_and_index(people: Population, fiss: Fiss) -> None:
    histories = [fiss.claims_of(people.mbi(i)) for i in range(50)]
    again = Fiss(Population(seed=11, size=2_000))
    assert [again.claims_of(people.mbi(i)) for i in range(50)] == histories
    other = Fiss(Population(seed=12, size=2_000))
    other_histories = [other.claims_of(other.population.mbi(i)) for i in range(50)]
    assert [[c.icn for c in h or ()] for h in other_histories] != [
        [c.icn for c in h or ()] for h in histories
    ]


def test_claims_follow_the_beneficiarys_part_a_and_life(people: Population, fiss: Fiss) -> None:
    seen = set()
    for index in range(300):
        person = people.beneficiary(index)
        claims = fiss.claims_of(person.mbi)
        assert claims is not None
        if person.part_a_effective is None:
            assert claims == ()
        for claim in claims:
            seen.add(claim.status)
            assert HISTORY_FROM <= claim.from_date <= claim.through_date <= LAST_SERVICE
            assert person.part_a_effective is not None
            assert claim.from_date >= person.part_a_effective
            assert person.date_of_death is None or claim.through_date <= person.date_of_death
            assert claim.received > claim.through_date
            assert len(claim.icn) == 13
            assert claim.icn.isdigit()
            assert (claim.paid > 0) == (claim.status is ClaimStatus.PAID)
            assert (claim.reason is None) == (claim.status is ClaimStatus.PAID)
            assert claim.paid <= claim.billed
        assert [c.from_date for c in claims] == sorted(c.from_date for c in claims)
    assert seen == set(ClaimStatus)


def test_a_search_keeps_the_claims_overlapping_its_range(people: Population, fiss: Fiss) -> None:
    mbi, claims = next(
        (m, c) for m in map(people.mbi, range(people.size)) if len(c := fiss.claims_of(m) or ()) > 1
    )
    first = claims[0]
    answer = fiss.claim_status(ClaimStatusRequest(mbi, first.through_date, first.through_date))
    assert isinstance(answer, ClaimHistory)
    assert first in answer.claims
    assert all(c.from_date <= first.through_date <= c.through_date for c in answer.claims)
    before = fiss.claim_status(
        ClaimStatusRequest(mbi, date(2020, 1, 1), HISTORY_FROM - timedelta(1))
    )
    assert isinstance(before, ClaimHistory)
    assert before.claims == ()


def test_an_mbi_outside_the_population_is_not_on_file(fiss: Fiss) -> None:
    outside = next(
        m
        for m in ("1EG4TE5MK73", "9ZZ9ZZ9ZZ99", "2AA2AA2AA22")
        if fiss.population.index_of(m) is None
    )
    assert fiss.claim_status(ClaimStatusRequest(outside, HISTORY_FROM, LAST_SERVICE)) == NotOnFile()
    assert fiss.claims_of(outside) is None


# -- The control API and the page over HTTP ---------------------------------------------------


def test_the_control_api_shows_what_fiss_holds(admin: AdminClient) -> None:
    someone = admin.beneficiaries(limit=1)["beneficiaries"][0]
    claims = admin.claims(someone["mbi"].lower())
    assert claims == admin.claims(someone["mbi"])
    assert all(c["status"] in ("paid", "pending", "denied", "rejected") for c in claims)
    for unusable in ({"mbi": "1EG4-TE5-MK73"}, {}):
        with pytest.raises(AdminError) as refused:
            admin.call("GET", "/claims", params=unusable)
        assert refused.value.status == 400
        assert "mbi must be" in refused.value.body["reason"]


def _search(browser: HttpUser, **fields: str) -> httpx.Response:
    form = browser.get("/claim-status")
    data = {"csrf_token": browser.csrf_token(form), **fields}
    return browser.post_form(browser.spot_url + "/claim-status", data)


def test_fiss_answers_are_journaled_with_the_mbi_masked(
    http_user: HttpUser, admin: AdminClient
) -> None:
    someone = admin.beneficiaries(offset=3, limit=1)["beneficiaries"][0]
    found = _search(http_user, mbi=someone["mbi"], dos_from="01/01/2024", dos_through="12/31/2025")
    assert found.status_code == 200
    assert 'aria-labelledby="claims-title"' in found.text

    (entry,) = admin.journal("fiss.claim_status")
    assert entry["result"] == "found"
    assert entry["claims"] == len(admin.claims(someone["mbi"]))
    assert entry["mbi"] == "*******" + someone["mbi"][-4:]
    assert someone["mbi"] not in json.dumps(entry)
