"""SPOT's features and the systems each needs: when one of them is down, the feature is
temporarily unavailable (``SYSTEM_UNAVAILABLE``) and names that system."""

from __future__ import annotations

from dataclasses import dataclass

from mock_portal.availability.systems import SystemName


@dataclass(frozen=True)
class Feature:
    name: str
    # In the order they are checked: SPOT first, because when the portal itself is down that
    # is what the user needs to hear, whatever else is down with it.
    needs: tuple[SystemName, ...]


LOG_IN = Feature("Log in", (SystemName.SPOT, SystemName.IDM))
ELIGIBILITY = Feature("Eligibility", (SystemName.SPOT, SystemName.HETS))
CLAIM_STATUS = Feature("Claim Status", (SystemName.SPOT, SystemName.FISS))
FEATURES = (LOG_IN, ELIGIBILITY, CLAIM_STATUS)


def needing(system: SystemName) -> list[Feature]:
    return [feature for feature in FEATURES if system in feature.needs]
