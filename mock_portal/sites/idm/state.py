"""What IDM keeps between requests: sign-in transactions, sessions, codes and tokens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from mock_portal.world.expiring import ExpiringTable

if TYPE_CHECKING:
    from mock_portal.accounts.models import MfaFactor
    from mock_portal.sites.faults import EndpointFault
    from mock_portal.sites.idm.clients import Client
    from mock_portal.sites.idm.keys import KeyRing
    from mock_portal.world.clock import Clock

# A sign-in transaction (Okta's stateToken) slides with every request and has no published
# lifetime, but Okta's hosted sign-in page fails after about 15 minutes idle
# (okta/okta-signin-widget PR #1797: "If they are idling for >=15 minutes, sign in fails"):
# the mock's transactions expire after 15 idle minutes by its clock. (The 5-minute expiresAt of
# recorded Okta traffic is the sessionToken's, of a finished sign-in: Okta's authn reference.)
TRANSACTION_IDLE_TTL = timedelta(minutes=15)
# Okta's defaults: an IDM session two hours, an authorization code five minutes, an access token
# an hour, an e-mailed code five minutes (Okta's e-mail authenticator reference).
SESSION_TTL = timedelta(hours=2)
CODE_TTL = timedelta(minutes=5)
ACCESS_TOKEN_TTL = timedelta(hours=1)
# Refresh tokens: the org authorization server's 90 days (OIDC ref L1514-1526; a custom server's
# lifetime is its access policy's, which CMS does not publish: the mock's choice). A rotated one
# stays usable for Okta's default grace period, 30 seconds (Refresh guide L94).
REFRESH_TOKEN_TTL = timedelta(days=90)
REFRESH_GRACE = timedelta(seconds=30)
MFA_CODE_TTL = timedelta(minutes=5)
# How long IDM remembers whom it refused for a client's state (see IdmState.refusals).
REFUSAL_TTL = timedelta(hours=1)
# A "Forgot Password" link's life: Okta's default recovery token lifetime is an hour (the mock's
# reading of Okta's password policy default; idm/recovery.py).
RESET_LINK_TTL = timedelta(hours=1)


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
    # Okta's `idp`: the identity provider to send the user to, skipping IDM's first page
    # (mock_portal/sites/idm/chooser.py).
    idp: str | None = None


@dataclass
class LoginTransaction:
    """One sign-in attempt (an Okta transaction). ``token`` addresses it: it is in the URL of
    its sign-in and verification pages (``?okta_key=``) and in their forms (``stateToken``), so
    each ``/authorize`` has its own and any number can be open in one browser. The password and
    the MFA step belong to the same transaction; a finished one is gone."""

    token: str
    request: AuthorizeRequest | None
    created_at: datetime
    user_key: str | None = None
    mfa_code: str | None = None
    mfa_sent_at: datetime | None = None
    # The steps after the password (idm/next_step.py): a change IDM demands before going on
    # (PASSWORD_EXPIRED), and the MFA factor the user is verifying with.
    password_change_due: bool = False
    mfa_factor: MfaFactor | None = None


@dataclass(frozen=True)
class Federation:
    """A sign-in handed to an external identity provider (Login.gov): IDM's own ``state``,
    ``nonce`` and PKCE verifier for that request, and the transaction it continues."""

    transaction: str
    state: str
    nonce: str
    code_verifier: str


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
    """An access token IDM issued, by its ``jti``: revoking it removes it (RFC 7009)."""

    jti: str
    user_key: str
    scope: str
    client_id: str
    # The sign-in it descends from (its refresh tokens share it): reuse of a rotated refresh
    # token revokes the whole family (Refresh guide L62-64).
    family: str


@dataclass
class RefreshGrant:
    """An opaque refresh token (OIDC ref L1794-1796), granted with ``offline_access``."""

    token: str
    user_key: str
    scope: str
    client_id: str
    family: str
    auth_time: datetime
    issued_at: datetime
    # Set when a rotation replaced it: usable until then plus REFRESH_GRACE.
    rotated_at: datetime | None = None


class IdmState:
    def __init__(self, clock: Clock) -> None:
        self.transactions: ExpiringTable[LoginTransaction] = ExpiringTable(
            clock, TRANSACTION_IDLE_TTL
        )
        self.sessions: ExpiringTable[IdmSession] = ExpiringTable(clock, SESSION_TTL)
        self.codes: ExpiringTable[AuthorizationCode] = ExpiringTable(clock, CODE_TTL)
        self.access_tokens: ExpiringTable[AccessGrant] = ExpiringTable(clock, ACCESS_TOKEN_TTL)
        self.refresh_tokens: ExpiringTable[RefreshGrant] = ExpiringTable(clock, REFRESH_TOKEN_TTL)
        # Families of tokens revoked at once (a reused rotated refresh token).
        self.revoked_families: ExpiringTable[bool] = ExpiringTable(clock, REFRESH_TOKEN_TTL)
        # The namespace's own signing keys once it rotated them (None: the process's).
        self.keys: KeyRing | None = None
        # Faults in /token, /keys, /userinfo (mock_portal/sites/idm/faults.py), by endpoint.
        self.faults: dict[str, EndpointFault] = {}
        # Apps a team registered through the control API (mock_portal/sites/idm/clients.py).
        self.clients: dict[str, Client] = {}
        # Who IDM refused for a client's ``state``. Okta tells the client nothing but the error;
        # the mock's SPOT reads this to show each role the guidance the guide gives it (a liberty
        # of the one-process mock, documented in spot/access_guidance.py).
        self.refusals: ExpiringTable[str] = ExpiringTable(clock, REFUSAL_TTL)
        # "Forgot Password" links sent and not yet used: token -> the user's key (recovery.py).
        self.reset_links: ExpiringTable[str] = ExpiringTable(clock, RESET_LINK_TTL)
        # Sign-ins sent to an external identity provider, by the `state` IDM gave it
        # (mock_portal/sites/idm/federation.py); they live as long as a transaction.
        self.federations: ExpiringTable[Federation] = ExpiringTable(clock, TRANSACTION_IDLE_TTL)
