"""Login.gov's signing key, the one client registered with it (IDM), and its accounts.

Login.gov registers each relying party in advance with its redirect URIs and, for
``private_key_jwt``, its public key (developers.login.gov/oidc/token/: "A JWT signed with the
client's private key ... associated with the public key uploaded to your application
configuration"). The mock's only relying party is IDM, which signs its client assertions with
its own key, as Okta does for ``private_key_jwt`` to an external identity provider.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from faker import Faker

from mock_portal.sites.idm.keys import KeyRing
from mock_portal.sites.logingov.state import LoginGovAccount
from mock_portal.sites.security import hash_password

if TYPE_CHECKING:
    from joserfc.jwk import KeySet

    from mock_portal.world.store import World

# Login.gov's client ids are issuer-style URNs (developers.login.gov: "urn:gov:gsa:openidconnect:
# development" in its examples); CMS IDM's real one is not public.
IDM_CLIENT_ID = "urn:gov:cms:openidconnect.profiles:sp:sso:cms:idm"
# Okta's redirect URI for an external OIDC identity provider (Okta, "Add an external Identity
# Provider": https://{org}/oauth2/v1/authorize/callback).
IDM_CALLBACK_PATH = "/oauth2/v1/authorize/callback"
IDM_SIGNED_OUT_PATH = "/login/signout"


@dataclass(frozen=True)
class Registration:
    client_id: str
    redirect_uris: tuple[str, ...]
    post_logout_redirect_uris: tuple[str, ...]
    public_key: KeySet  # IDM's listed keys (it signs its client assertion with the active one)


@dataclass
class LoginGovProvider:
    """Usage: ``LoginGovProvider(urls.logingov, idm_url, idm_signing_key)``."""

    issuer: str
    idm_url: str
    idm_key: KeyRing
    # Login.gov's own keys; a KeyRing publishes the next key too, as Login.gov's JWKS may list
    # more than one (developers.login.gov/oidc/certificates/).
    key: KeyRing = field(default_factory=lambda: KeyRing.of_process("login.gov"))
    faker: Faker = field(default_factory=lambda: Faker("en_US"))

    def client(self, client_id: str) -> Registration | None:
        if client_id != IDM_CLIENT_ID:
            return None
        return Registration(
            IDM_CLIENT_ID,
            (self.idm_url + IDM_CALLBACK_PATH,),
            (self.idm_url + IDM_SIGNED_OUT_PATH,),
            self.idm_key.key_set(),
        )

    def create_account(
        self,
        world: World,
        email: str | None = None,
        password: str | None = None,
        verified: bool = True,
    ) -> tuple[LoginGovAccount, str]:
        """A Login.gov account; Faker fills what is not given. Returns it and its password."""
        first, last = self.faker.first_name(), self.faker.last_name()
        address = email or f"{first}.{last}.{secrets.token_hex(2)}@{self.faker.free_email_domain()}"
        chosen = password or f"Lg-{secrets.token_urlsafe(12)}"
        account = LoginGovAccount(
            uuid=str(uuid.UUID(bytes=secrets.token_bytes(16), version=4)),
            email=address.lower(),
            password_hash=hash_password(chosen),
            verified=verified,
            first_name=first,
            last_name=last,
            created_at=world.clock.now(),
        )
        world.logingov.add(account)
        return account, chosen
