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


class MfaFactor(StrEnum):
    """The factors CMS IDM offers (IDM's FAQ); ``totp`` is Google Authenticator or Okta Verify's
    code (RFC 6238). YubiKey is not modelled."""

    EMAIL = "email"
    SMS = "sms"
    VOICE = "voice"
    TOTP = "totp"

    @property
    def label(self) -> str:
        return {
            "email": "Email",
            "sms": "Text message (SMS)",
            "voice": "Voice call",
            "totp": "Google Authenticator or Okta Verify",
        }[self.value]

    @property
    def sends_code(self) -> bool:
        return self is not MfaFactor.TOTP


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
    # The account lifecycle (accounts/lifecycle.py, accounts/passwords.py, accounts/factors.py).
    mfa_factors: tuple[MfaFactor, ...] = (MfaFactor.EMAIL,)
    phone: str | None = None
    totp_secret: str | None = None
    # RFC 6238 section 5.2: the last time step whose code was accepted, never accepted again.
    totp_last_step: int | None = None
    # Identity Engine locks one authenticator after failed codes (factors.py).
    factor_failures: dict[MfaFactor, int] = field(default_factory=dict)
    factor_locked_until: dict[MfaFactor, datetime] = field(default_factory=dict)
    last_idm_login: datetime | None = None
    password_changed_at: datetime | None = None
    # Hashes of the last passwords, newest last, the current one included (passwords.py).
    password_history: list[str] = field(default_factory=list)
    role_certified_at: datetime | None = None
    # Attempts made while locked; enough of them suspend the account (lockout.py).
    # Set when the end user's SPOT role was removed for want of the annual certification.
    role_removed_reason: str | None = None
    # The last IDM password reset or change: it reactivates SPOT access (lifecycle.py).
    spot_reactivated_at: datetime | None = None
    attempts_while_locked: int = 0
    suspended: bool = False
    security_question: str = ""
    # Synthetic accounts: the control API hands the answer back so a test can type it.
    security_answer: str = ""

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def mfa_factor(self) -> MfaFactor:
        """The factor IDM offers first."""
        return self.mfa_factors[0]

    @property
    def spot_access(self) -> SpotAccess:
        return self.access.status if self.access else SpotAccess.NONE

    @property
    def role(self) -> Role | None:
        return self.access.role if self.access else None
