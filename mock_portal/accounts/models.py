"""IDM accounts, SPOT access requests and the provider organizations they belong to."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class SpotAccess(StrEnum):
    """Where a user's SPOT access request stands; only ``approved`` may log on to SPOT."""

    NONE = "none"
    PENDING = "pending"
    DENIED = "denied"
    APPROVED = "approved"


class Role(StrEnum):
    END_USER = "end_user"
    APPROVER = "approver"
    BACKUP_APPROVER = "backup_approver"

    @property
    def label(self) -> str:
        return {"end_user": "End User", "approver": "Approver"}.get(self.value, "Backup Approver")

    @property
    def decides_requests(self) -> bool:
        return self is not Role.END_USER


class LineOfBusiness(StrEnum):
    PART_A = "Part A"
    PART_B = "Part B"


@dataclass
class Organization:
    """A billing provider profile, created by the approver's access request."""

    id: str
    business_name: str
    address: str
    npi: str
    ptan: str
    tin: str
    line_of_business: LineOfBusiness


@dataclass
class AccessRequest:
    confirmation_number: str
    role: Role
    status: SpotAccess
    organization_id: str
    submitted_at: datetime
    decided_at: datetime | None = None
    decided_by: str | None = None


@dataclass
class IdmUser:
    id: str
    user_id: str
    password_hash: str
    email: str
    first_name: str
    last_name: str
    date_of_birth: date
    address: str
    mfa: bool
    created_at: datetime
    access: AccessRequest | None = None
    failed_sign_ins: int = 0
    locked_until: datetime | None = None
    last_spot_login: datetime | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def spot_access(self) -> SpotAccess:
        return self.access.status if self.access else SpotAccess.NONE

    @property
    def role(self) -> Role | None:
        return self.access.role if self.access else None
