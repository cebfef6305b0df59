"""SPOT's inquiry pages (Eligibility, Claim Status) over plain HTTP: post the form as a browser
does, and check its answer in the served HTML as e2e/pages/eligibility.py and
e2e/pages/claim_status.py check it in a browser (fixtures/html_contract.py for the errors)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from e2e.pages.claim_status import NO_CLAIMS_FOUND
from e2e.pages.eligibility import SECTIONS
from fixtures.html_contract import HtmlPage
from mock_portal.testing.beneficiaries import us_date

if TYPE_CHECKING:
    import httpx

    from mock_portal.testing.beneficiaries import Patient
    from mock_portal.testing.http_flow import HttpUser

ELIGIBILITY_RESULTS = "Eligibility results"
CLAIM_STATUS_RESULTS = "Claim status results"


def submit(user: HttpUser, path: str, values: dict[str, str]) -> tuple[httpx.Response, HtmlPage]:
    """Open ``path``'s form and post ``values`` with its CSRF token, as Submit does."""
    form = user.get(path)
    data = {"csrf_token": user.csrf_token(form), **values}
    answer = user.post_form(user.spot_url + path, data)
    # Never a server error; a 503 only as the page saying which system is down.
    unavailable = 'data-error-code="SYSTEM_UNAVAILABLE"' in answer.text
    assert answer.status_code < 500 or unavailable, answer.text[:500]
    return answer, HtmlPage(answer.text)


def expect_no_result(page: HtmlPage, results: str) -> None:
    assert page.regions(results) == []


def expect_eligibility_for(page: HtmlPage, patient: Patient) -> None:
    """The results name the patient, show their entitlement, and a section for each record they
    have and none for the others; no errors."""
    results = page.region(ELIGIBILITY_RESULTS)
    assert results.one(cls="beneficiary-name").text() == patient.display_name
    entitlement = page.region("Entitlement")
    for part, key in (("Part A", "part_a_effective"), ("Part B", "part_b_effective")):
        effective = patient.record[key]
        shown = us_date(date.fromisoformat(effective)) if effective else "Not entitled"
        (row,) = [r for r in entitlement.find_all("tr") if r.find_all("th")[0].text() == part]
        assert row.one("td").text() == shown, part
    for key, title in SECTIONS.items():
        assert len(page.regions(title)) == (1 if patient.has(key) else 0), title
    page.expect_no_errors()


def what_a_result_would_show(patient: Patient) -> set[str]:
    """Every detail of ``patient`` an eligibility result would put on the page."""
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


def _money(amount: str) -> str:
    return f"${Decimal(amount):,.2f}"


def expect_claims(page: HtmlPage, claims: list[dict[str, Any]]) -> None:
    """Exactly these claims (as ``GET /__admin/claims`` gives them), in this order; no errors."""
    rows = page.region(CLAIM_STATUS_RESULTS).find_all("tr", {"data-icn": None})
    assert [r.get("data-icn") for r in rows] == [c["icn"] for c in claims]
    for row, claim in zip(rows, claims, strict=True):
        dates = (date.fromisoformat(claim[k]) for k in ("from_date", "through_date"))
        assert row.one(cls="claim-status").text() == claim["status"].capitalize()
        assert row.one(cls="claim-dates").text() == " - ".join(map(us_date, dates))
        assert claim["type_of_bill"] in row.one(cls="claim-type").text()
        reason = f"{claim['reason_code']}: {claim['reason']}" if claim["reason"] else ""
        assert row.one(cls="claim-reason").text() == reason
        assert row.one(cls="claim-billed").text() == _money(claim["billed"])
        assert _money(claim["paid"]) in row.one(cls="claim-paid").text()
    page.expect_no_errors()


def expect_no_claims(page: HtmlPage) -> None:
    results = page.region(CLAIM_STATUS_RESULTS)
    assert results.one(attrs={"role": "status"}).text() == NO_CLAIMS_FOUND
    assert results.find_all("tr", {"data-icn": None}) == []
