"""What Login.gov keeps per namespace: accounts, sign-ins in progress, authorization codes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from mock_portal.world.expiring import ExpiringTable

if TYPE_CHECKING:
    from mock_portal.sites.faults import EndpointFault
    from mock_portal.world.clock import Clock

# "The authorization code ... is valid for 15 minutes" is not Login.gov's wording but its rule
# (DESIGN.md, Login.gov: codes valid 15 minutes; developers.login.gov/oidc/authorization/).
CODE_TTL = timedelta(minutes=15)
# How long a sign-in page and a one-time code stay usable: not published; the mock's choice
# (the same 15 minutes as IDM's transactions, 10 minutes for a code).
TRANSACTION_TTL = timedelta(minutes=15)
OTP_TTL = timedelta(minutes=10)
AUTH_ONLY = "urn:acr.login.gov:auth-only"
VERIFIED = "urn:acr.login.gov:verified"


@dataclass
class LoginGovAccount:
    uuid: str  # the ID token's `sub`: Login.gov's UUID for the account
    email: str
    password_hash: str
    verified: bool  # identity verified (IAL2): may be given `urn:acr.login.gov:verified`
    first_name: str
    last_name: str
    created_at: datetime


@dataclass(frozen=True)
class LoginGovRequest:
    """A validated ``/openid_connect/authorize`` request."""

    client_id: str
    redirect_uri: str
    state: str
    nonce: str
    acr: str
    scope: str
    code_challenge: str | None


@dataclass
class LoginGovTransaction:
    """One sign-in at Login.gov, addressed by ``request_id`` in its pages' URLs and forms."""

    token: str
    request: LoginGovRequest
    email: str | None = None  # set once the password was right
    otp: str | None = None
    otp_sent_at: datetime | None = None


@dataclass(frozen=True)
class LoginGovCode:
    code: str
    request: LoginGovRequest
    email: str
    authenticated_at: datetime


class LoginGovState:
    def __init__(self, clock: Clock) -> None:
        self.accounts: dict[str, LoginGovAccount] = {}
        self.transactions: ExpiringTable[LoginGovTransaction] = ExpiringTable(
            clock, TRANSACTION_TTL
        )
        self.codes: ExpiringTable[LoginGovCode] = ExpiringTable(clock, CODE_TTL)
        # Client assertions' `jti`s already used (private_key_jwt): each is accepted once.
        self.used_assertions: ExpiringTable[bool] = ExpiringTable(clock, CODE_TTL)
        # Faults in its token endpoint (mock_portal/sites/logingov/faults.py), by endpoint.
        self.faults: dict[str, EndpointFault] = {}

    def account(self, email: str) -> LoginGovAccount | None:
        return self.accounts.get(email.strip().lower())

    def add(self, account: LoginGovAccount) -> None:
        self.accounts[account.email.lower()] = account
