"""The applications registered with IDM, as an Okta org registers them: SPOT's built-in
registration, and the clients a team registers for its own app through the control API
(``POST /__admin/clients``, DESIGN.md "Other relying parties").

A registered client is an Okta OIDC app integration: ``confidential`` is a Web app (a client
secret, ``client_secret_basic`` or ``client_secret_post`` at the token endpoint), ``public`` a
single-page or native app (token endpoint auth method ``none``: its ``client_id`` and PKCE
only). Okta's "Client authentication methods" (OIDC ref L1798-1880) name both; an app admits
only the users (or groups) assigned to it, or everyone ("Allow everyone in your organization to
access", Refresh guide L107), and answers anyone else with the
``access_denied`` redirect "User is not assigned to the client application." (DESIGN.md).

Registered clients live in the namespace's IDM state, so a reset forgets them.
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mock_portal.accounts.models import IdmUser, SpotAccess

if TYPE_CHECKING:
    from mock_portal.world.services import Services
    from mock_portal.world.store import World

SPOT_CLIENT_ID = "0oaspotmock0000000001"  # an Okta app id's shape: "0oa" and 17 more characters
CONFIDENTIAL = "confidential"
PUBLIC = "public"
EVERYONE = "everyone"
# Clients one namespace may register: plenty for any test, bounded for a fuzzer.
MAX_CLIENTS = 50
_ID_ALPHABET = string.ascii_letters + string.digits


@dataclass(frozen=True)
class Client:
    client_id: str
    client_secret: str
    name: str
    redirect_uris: tuple[str, ...]
    post_logout_redirect_uris: tuple[str, ...]
    initiate_login_uri: str
    # Okta refuses users who are not assigned to the application; SPOT's assignment is an
    # approved SPOT access request.
    is_assigned: Callable[[IdmUser], bool]
    client_type: str = CONFIDENTIAL
    # For registered clients: the user IDs assigned (lower case), or None for everyone.
    assigned_users: frozenset[str] | None = None

    @property
    def public(self) -> bool:
        return self.client_type == PUBLIC

    @property
    def auth_method(self) -> str:
        """Okta's ``token_endpoint_auth_method``: ``none`` for a public client; a confidential
        one may use either secret method (Okta's default is ``client_secret_basic``)."""
        return "none" if self.public else "client_secret_basic"


def spot_client(
    client_secret: str, redirect_uri: str, post_logout_redirect_uri: str, initiate_login_uri: str
) -> Client:
    """SPOT's registration: the URIs are SPOT's own, given by whoever registers it (as an Okta
    admin types an app's URIs), so IDM knows nothing of SPOT's routes."""
    return Client(
        client_id=SPOT_CLIENT_ID,
        client_secret=client_secret,
        name="SPOT",
        redirect_uris=(redirect_uri,),
        post_logout_redirect_uris=(post_logout_redirect_uri,),
        initiate_login_uri=initiate_login_uri,
        is_assigned=lambda user: user.spot_access is SpotAccess.APPROVED,
    )


def registered_client(
    client_type: str,
    redirect_uris: tuple[str, ...],
    post_logout_redirect_uris: tuple[str, ...],
    assigned_users: frozenset[str] | None,
    client_id: str | None = None,
    client_secret: str | None = None,
) -> Client:
    """A new app integration with Okta-shaped credentials, made where not given: a client id
    of "0oa" and 17 more letters or digits, and (confidential only) a 40-character secret."""
    client_id = client_id or "0oa" + "".join(secrets.choice(_ID_ALPHABET) for _ in range(17))
    secret = "" if client_type == PUBLIC else client_secret or secrets.token_urlsafe(30)
    assigned = None if assigned_users is None else frozenset(u.lower() for u in assigned_users)
    return Client(
        client_id=client_id,
        client_secret=secret,
        name=f"App {client_id}",
        redirect_uris=redirect_uris,
        post_logout_redirect_uris=post_logout_redirect_uris,
        initiate_login_uri="",
        is_assigned=(
            (lambda _user: True)
            if assigned is None
            else (lambda user: user.user_id.lower() in assigned)
        ),
        client_type=client_type,
        assigned_users=assigned,
    )


def redirect_origins(world: World) -> tuple[str, ...]:
    """The origins of the namespace's registered redirect URIs: where IDM's sign-in form may
    lead (its Content-Security-Policy's form-action, which Chrome applies to the redirect that
    follows the post)."""
    origins = {
        "/".join(uri.split("/", 3)[:3])
        for client in world.idm.clients.values()
        for uri in client.redirect_uris
    }
    return tuple(sorted(origins))


def find_client(ctx: Services, world: World, client_id: str) -> Client | None:
    """The client with this id in the namespace (SPOT's is in every one), or None."""
    if client_id == ctx.spot_client.client_id:
        return ctx.spot_client
    return world.idm.clients.get(client_id)
