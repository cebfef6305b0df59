"""SPOT's Claim Status page: a Part A claim search, and the claims FISS sends back."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from playwright.sync_api import Page, expect

from e2e.pages.inquiry import InquiryPage
from mock_portal.testing.beneficiaries import us_date

if TYPE_CHECKING:
    from mock_portal.testing.beneficiaries import Beneficiaries, Patient

# The form's labels, by the data-field name their errors carry.
LABELS = {
    "mbi": "Medicare ID",
    "dos_from": "From Date of Service",
    "dos_through": "Through Date of Service",
}
# The span FISS's synthetic claims cover (mock_portal/backends/claims.py): all of them.
WHOLE_HISTORY = {"dos_from": "01/01/2024", "dos_through": "12/31/2025"}
NO_CLAIMS_FOUND = "No claims were found for these dates of service."


def claimant(beneficiaries: Beneficiaries) -> Patient:
    """Someone FISS holds claims for: Part A well before the records' date, and alive."""
    return beneficiaries.draw(
        lambda p: (
            p.date_of_death is None
            and p.record["part_a_effective"] is not None
            and date.fromisoformat(p.record["part_a_effective"]) < date(2025, 6, 1)
        )
    )


def _money(amount: str) -> str:
    return f"${Decimal(amount):,.2f}"


class ClaimStatusPage(InquiryPage):
    def __init__(self, page: Page) -> None:
        super().__init__(page, "Claim Status", LABELS, "Claim status results")
        self.claims = self.results.locator("tbody tr")

    @staticmethod
    def entry_for(patient: Patient, **changes: str) -> dict[str, str]:
        """The patient's Medicare ID over FISS's whole history, except ``changes``."""
        return {"mbi": patient.mbi, **WHOLE_HISTORY, **changes}

    def inquire_about(self, patient: Patient, **changes: str) -> None:
        self.inquire(**self.entry_for(patient, **changes))

    def expect_claims(self, claims: list[dict[str, Any]]) -> None:
        """Exactly these claims (as ``GET /__admin/claims`` gives them), in this order."""
        expect(self.results).to_be_visible()
        expect(self.claims).to_have_count(len(claims))
        for row, claim in zip(self.claims.all(), claims, strict=True):
            expect(row).to_have_attribute("data-icn", claim["icn"])
            expect(row.locator(".claim-status")).to_have_text(claim["status"].capitalize())
            dates = (date.fromisoformat(claim[k]) for k in ("from_date", "through_date"))
            expect(row.locator(".claim-dates")).to_have_text(" - ".join(map(us_date, dates)))
            expect(row.locator(".claim-type")).to_contain_text(claim["type_of_bill"])
            expect(row.locator(".claim-reason")).to_have_text(
                f"{claim['reason_code']}: {claim['reason']}" if claim["reason"] else ""
            )
            expect(row.locator(".claim-billed")).to_have_text(_money(claim["billed"]))
            expect(row.locator(".claim-paid")).to_contain_text(_money(claim["paid"]))
        self.errors.expect_none()

    def expect_no_claims(self) -> None:
        expect(self.results.get_by_role("status")).to_have_text(NO_CLAIMS_FOUND)
        expect(self.claims).to_have_count(0)
