"""SPOT's Eligibility page: the inquiry form and the results HETS sends back."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from playwright.sync_api import Locator, Page, expect

from e2e.pages.inquiry import InquiryPage
from mock_portal.testing.beneficiaries import us_date

if TYPE_CHECKING:
    from mock_portal.testing.beneficiaries import Patient

# The form's labels (DESIGN.md, Contract), by the data-field name their errors carry.
LABELS = {
    "mbi": "Medicare ID",
    "last_name": "Last Name",
    "first_name": "First Name",
    "date_of_birth": "Date of Birth",
    "date_of_service": "Date of Service",
}
# The result's sections for the records a beneficiary may or may not have.
SECTIONS = {
    "advantage_plan": "Medicare Advantage",
    "secondary_payer": "Medicare Secondary Payer",
    "hospice": "Hospice",
}


class EligibilityPage(InquiryPage):
    def __init__(self, page: Page) -> None:
        super().__init__(page, "Eligibility", LABELS, "Eligibility results")

    @staticmethod
    def entry_for(patient: Patient, **changes: str) -> dict[str, str]:
        """Everything as Medicare holds it, except ``changes``; Date of Service defaults to a day
        the patient was alive."""
        values = {
            "mbi": patient.mbi,
            "last_name": patient.last_name,
            "first_name": patient.first_name,
            "date_of_birth": us_date(patient.date_of_birth),
            "date_of_service": us_date(patient.a_date_of_service),
        }
        return {**values, **changes}

    def inquire_about(self, patient: Patient, **changes: str) -> None:
        self.inquire(**self.entry_for(patient, **changes))

    def error_fields(self) -> list[str]:
        """The fields the error summary names, in its order (call once it is showing)."""
        fields: list[str] = self.errors.alert.locator("[data-field]").evaluate_all(
            "messages => messages.map(m => m.dataset.field)"
        )
        return fields

    def section(self, title: str) -> Locator:
        return self.results.get_by_role("region", name=title)

    def entitlement(self, part: str) -> Locator:
        """The effective date shown for ``part`` ("Part A" or "Part B")."""
        row = (
            self.section("Entitlement")
            .get_by_role("row")
            .filter(has=self.page.get_by_role("rowheader", name=part))
        )
        return row.get_by_role("cell")

    def expect_result_for(self, patient: Patient) -> None:
        """The results name the patient, show their entitlement, and a section for each record
        they have and none for the others."""
        expect(self.results).to_be_visible()
        expect(self.results.locator(".beneficiary-name")).to_have_text(patient.display_name)
        for part, key in (("Part A", "part_a_effective"), ("Part B", "part_b_effective")):
            effective = patient.record[key]
            shown = us_date(date.fromisoformat(effective)) if effective else "Not entitled"
            expect(self.entitlement(part)).to_have_text(shown)
        for key, title in SECTIONS.items():
            expect(self.section(title)).to_have_count(1 if patient.has(key) else 0)
        self.errors.expect_none()
