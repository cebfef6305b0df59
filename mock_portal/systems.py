"""The CMS systems SPOT depends on, and whether each is up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any


class SystemName(StrEnum):
    IDM = "IDM"
    HETS = "HETS"
    FISS = "FISS"

    @property
    def description(self) -> str:
        return {
            "IDM": "Identity Management (sign-in)",
            "HETS": "HIPAA Eligibility Transaction System (eligibility)",
            "FISS": "Fiscal Intermediary Standard System (Part A claims)",
        }[self.value]


class Maintenance(StrEnum):
    SCHEDULED = "scheduled"
    UNSCHEDULED = "unscheduled"

    @property
    def reason(self) -> str:
        return f"{self.value} maintenance"


@dataclass
class SystemStatus:
    name: SystemName
    available: bool = True
    maintenance: Maintenance | None = None
    message: str = ""
    since: datetime | None = None

    @property
    def reason(self) -> str:
        return self.maintenance.reason if self.maintenance else "a technical issue"

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name.value,
            "description": self.name.description,
            "available": self.available,
            "maintenance": self.maintenance.value if self.maintenance else None,
            "reason": None if self.available else self.reason,
            "message": self.message,
            "since": self.since.isoformat() if self.since else None,
        }


def all_available() -> dict[SystemName, SystemStatus]:
    return {name: SystemStatus(name) for name in SystemName}
