"""The CMS systems SPOT depends on (and SPOT itself), and whether each is up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any


class SystemName(StrEnum):
    IDM = "IDM"
    HETS = "HETS"
    FISS = "FISS"
    # The portal itself: First Coast takes SPOT down every Wednesday 8-10 p.m. ET and for
    # scheduled outages (see mock_portal/availability/maintenance.py).
    SPOT = "SPOT"

    @property
    def description(self) -> str:
        return {
            "IDM": "Identity Management (sign-in)",
            "HETS": "HIPAA Eligibility Transaction System (eligibility)",
            "FISS": "Fiscal Intermediary Standard System (Part A claims)",
            "SPOT": "Secure Provider Online Tool (this portal)",
        }[self.value]

    @property
    def is_back_end(self) -> bool:
        """A system SPOT sends inquiries to and reads answers from, so it can answer badly."""
        return self in (SystemName.HETS, SystemName.FISS)


class Maintenance(StrEnum):
    SCHEDULED = "scheduled"
    UNSCHEDULED = "unscheduled"

    @property
    def reason(self) -> str:
        return f"{self.value} maintenance"


TECHNICAL_ISSUE = "a technical issue"


class FaultKind(StrEnum):
    """How a back end can misbehave while nominally up (a technical issue, in the guide's
    words): SPOT only finds out by calling it."""

    SLOW = "slow"
    RESET = "reset"
    MALFORMED = "malformed"

    @property
    def symptom(self) -> str:
        return {
            "slow": "answers too slowly (past SPOT's time limit)",
            "reset": "drops the connection",
            "malformed": "sends answers SPOT cannot read",
        }[self.value]


@dataclass(frozen=True)
class Fault:
    kind: FaultKind
    since: datetime
    message: str = ""


@dataclass
class SystemStatus:
    name: SystemName
    available: bool = True
    maintenance: Maintenance | None = None
    message: str = ""
    since: datetime | None = None
    # Known only for a maintenance window: when it ends.
    until: datetime | None = None
    window: str | None = None
    fault: FaultKind | None = None

    @property
    def reason(self) -> str:
        return self.maintenance.reason if self.maintenance else TECHNICAL_ISSUE

    @property
    def kind(self) -> str | None:
        """What the status page and the control API call the outage: ``scheduled``,
        ``unscheduled`` or ``technical``; None while the system is up."""
        if self.available:
            return None
        return self.maintenance.value if self.maintenance else "technical"

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name.value,
            "description": self.name.description,
            "available": self.available,
            "maintenance": self.maintenance.value if self.maintenance else None,
            "reason": None if self.available else self.reason,
            "message": self.message,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "window": self.window,
            "fault": self.fault.value if self.fault else None,
        }


def all_available() -> dict[SystemName, SystemStatus]:
    return {name: SystemStatus(name) for name in SystemName}
