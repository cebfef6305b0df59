"""What IDM keeps between requests: sign-in transactions, sessions, codes and tokens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from mock_portal.world.expiring import ExpiringTable

if TYPE_CHECKING:
    from mock_portal.world.clock import Clock

# Okta's defaults: a sign-in transaction (stateToken) lives an hour, an IDM session two hours,
# an authorization code five minutes, an access token an hour, an e-mailed code five minutes.
TRANSACTION_TTL = timedelta(hours=1)
SESSION_TTL = timedelta(hours=2)
CODE_TTL = timedelta(minutes=5)
ACCESS_TOKEN_TTL = timedelta(hours=1)
MFA_CODE_TTL = timedelta(minutes=5)


@dataclass(frozen=True)
class AuthorizeRequest:
    """A validated ``/authorize`` request from a registered client."""

    client_id: str
    redirect_uri: str
    state: str
    nonce: str | None
    code_challenge: str
    scope: str
    # The parameters that steer the answer (mock_portal/sites/idm/authorize_params.py).
    response_mode: str = "query"
    prompt: frozenset[str] = frozenset()
    max_age: int | None = None
    login_hint: str | None = None


@dataclass
class LoginTransaction:
    """One sign-in attempt; ``token`` is the one-time stateToken the sign-in page embeds."""

    token: str
    request: AuthorizeRequest | None
    created_at: datetime
    user_key: str | None = None
    mfa_code: str | None = None
    mfa_sent_at: datetime | None = None


@dataclass(frozen=True)
class IdmSession:
    id: str
    user_key: str
    authenticated_at: datetime
    csrf: str


@dataclass(frozen=True)
class AuthorizationCode:
    code: str
    request: AuthorizeRequest
    user_key: str
    auth_time: datetime


@dataclass(frozen=True)
class AccessGrant:
    token: str
    user_key: str
    scope: str
    client_id: str


class IdmState:
    def __init__(self, clock: Clock) -> None:
        self.transactions: ExpiringTable[LoginTransaction] = ExpiringTable(clock, TRANSACTION_TTL)
        self.sessions: ExpiringTable[IdmSession] = ExpiringTable(clock, SESSION_TTL)
        self.codes: ExpiringTable[AuthorizationCode] = ExpiringTable(clock, CODE_TTL)
        self.access_tokens: ExpiringTable[AccessGrant] = ExpiringTable(clock, ACCESS_TOKEN_TTL)
        # Who IDM refused for a client's ``state``. Okta tells the client nothing but the error;
        # the mock's SPOT reads this to show each role the guidance the guide gives it (a liberty
        # of the one-process mock, documented in spot/access_guidance.py).
        self.refusals: ExpiringTable[str] = ExpiringTable(clock, TRANSACTION_TTL)
