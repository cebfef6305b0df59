"""The objects one portal instance shares between its two sites and the control API."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mock_portal.world.store import DEFAULT_NAMESPACE

if TYPE_CHECKING:
    import httpx

    from mock_portal.accounts.provisioning import Provisioner
    from mock_portal.backends.fiss import Fiss
    from mock_portal.backends.hets import Hets
    from mock_portal.population.seeded import Population
    from mock_portal.sites.idm.clients import Client
    from mock_portal.sites.idm.keys import KeyRing
    from mock_portal.sites.logingov.provider import LoginGovProvider
    from mock_portal.sites.spot.oidc_client import OidcClient
    from mock_portal.world.config import Settings, Urls
    from mock_portal.world.store import Store, World


@dataclass
class Services:
    settings: Settings
    urls: Urls
    store: Store
    admin_token: str
    signing_key: KeyRing
    spot_client: Client
    oidc: OidcClient
    provisioner: Provisioner
    # Read-only, shared by every namespace: a reset leaves the seeded population as it was.
    population: Population
    hets: Hets
    fiss: Fiss
    # Fills the default namespace (the one a person clicking around uses) after each reset.
    seed_default: Callable[[World], None] | None = field(default=None)
    # Login.gov, the third origin, and how IDM reaches its token endpoint (None: over the
    # network; an in-process portal routes it to the ASGI app, fixtures/inprocess.py).
    logingov: LoginGovProvider | None = field(default=None)
    logingov_transport: httpx.AsyncBaseTransport | None = field(default=None)

    @property
    def issuer(self) -> str:
        return self.urls.idm + "/oauth2/default"

    def reset_world(self, namespace: str) -> World:
        with self.store.lock:
            world = self.store.reset(namespace)
            if namespace == DEFAULT_NAMESPACE and self.seed_default is not None:
                self.seed_default(world)
            return world
