"""SPOT as an OIDC relying party: builds the authorize URL, redeems the code over real HTTP at
IDM's token endpoint, and verifies the RS256 ID token against IDM's published keys."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import httpx
from joserfc import jwt
from joserfc.errors import ExpiredTokenError, InvalidClaimError, JoseError
from joserfc.jwk import KeySet
from joserfc.jws import extract_compact

from mock_portal.sites.web import with_query
from mock_portal.world.store import NAMESPACE_HEADER

# SPOT's tolerance for clock skew between IDM and SPOT when it checks the ID token's iat and exp
# (DESIGN.md "Clocks"): 2 minutes. First Coast does not publish SPOT's; 2 minutes is the mock's
# choice, within RFC 7519's "a few minutes" (sections 4.1.4-4.1.6), and shorter than ASP.NET
# Core's default ClockSkew of 5 minutes (Microsoft.IdentityModel's
# TokenValidationParameters.DefaultClockSkew), which checks exp and nbf but not iat. An ID token
# whose iat is more than this ahead of SPOT's clock was "issued in the future"; one whose exp is
# more than this behind it has expired (Okta's ID tokens live 60 minutes, OIDC ref L1514-1526):
# both are OidcError(CLOCK_SKEW, ...), which SPOT shows as the catalogue's CLOCK_SKEW.
LEEWAY_SECONDS = 120
CLOCK_SKEW = "clock_skew"
ISSUED_IN_THE_FUTURE = "issued in the future"
EXPIRED = "already expired"
KEY_CACHE_NAMESPACES = 1_000
BACK_CHANNEL_TIMEOUT = 5.0  # Settings.idm_timeout's default
# No cap on connections to IDM, as a relying party's HTTP client has by default (.NET's
# SocketsHttpHandler: MaxConnectionsPerServer unlimited). httpx's default cap of 100 made the
# 101st of 200 simultaneous log ins wait for a free connection and, on a busy machine, give up
# after the 5-second pool timeout with a 503 that no real SPOT would show.
BACK_CHANNEL_LIMITS = httpx.Limits(max_connections=None, max_keepalive_connections=100)
SCOPE = "openid profile email"


# SPOT's own routes that it registers at IDM as its redirect URIs.
CALLBACK_PATH = "/authorization-code/callback"
LOGGED_OFF_PATH = "/logged-off"


@dataclass(frozen=True)
class Registration:
    """What SPOT holds from its registration at IDM, as an app's settings in an Okta org: the
    client id IDM assigned, the secret, and the redirect URI it registered."""

    client_id: str
    client_secret: str
    redirect_uri: str


class OidcError(Exception):
    """A sign-in the RP must refuse. ``kind``: invalid_grant, invalid_token or unavailable."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail


@dataclass(frozen=True)
class VerifiedLogin:
    id_token: str
    access_token: str
    claims: dict[str, Any]


class OidcClient:
    def __init__(
        self,
        issuer: str,
        registration: Registration,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float = BACK_CHANNEL_TIMEOUT,
    ) -> None:
        self.issuer = issuer
        self.timeout = timeout
        self.registration = registration
        # None: real HTTP. In-process harnesses (fixtures/inprocess.py) route to IDM's app.
        self._transport = transport
        self._http: httpx.AsyncClient | None = None
        # IDM's keys as last fetched, per namespace (each may rotate its own): at most
        # KEY_CACHE_NAMESPACES, the least recently used forgotten first.
        self._keys: OrderedDict[str, KeySet] = OrderedDict()
        self._fetching: asyncio.Lock | None = None  # made in the loop that serves

    @property
    def redirect_uri(self) -> str:
        return self.registration.redirect_uri

    def authorize_url(self, state: str, nonce: str, code_challenge: str) -> str:
        return with_query(
            self.issuer + "/v1/authorize",
            [
                ("client_id", self.registration.client_id),
                ("response_type", "code"),
                ("scope", SCOPE),
                ("redirect_uri", self.redirect_uri),
                ("state", state),
                ("nonce", nonce),
                ("code_challenge", code_challenge),
                ("code_challenge_method", "S256"),
            ],
        )

    def logout_url(self, id_token: str, post_logout_redirect_uri: str) -> str:
        return with_query(
            self.issuer + "/v1/logout",
            [("id_token_hint", id_token), ("post_logout_redirect_uri", post_logout_redirect_uri)],
        )

    async def redeem(
        self,
        code: str,
        code_verifier: str,
        nonce: str,
        namespace: str,
        now: int,
        timeout: float | None = None,
    ) -> VerifiedLogin:
        """The code redeemed at ``/token`` and its ID token verified with ``/keys``, each
        call waiting ``timeout`` seconds (the namespace's ``idm_timeout``), else the client's."""
        wait = httpx.Timeout(timeout if timeout is not None else self.timeout)
        http = self._client()
        try:
            answer = await http.post(
                self.issuer + "/v1/token",
                data={
                    "grant_type": "authorization_code",
                    "code": code,
                    "redirect_uri": self.redirect_uri,
                    "code_verifier": code_verifier,
                },
                auth=(self.registration.client_id, self.registration.client_secret),
                headers={NAMESPACE_HEADER: namespace},
                timeout=wait,
            )
        except httpx.HTTPError as exc:
            raise OidcError("unavailable", f"IDM's token endpoint did not answer ({exc})") from exc
        if answer.status_code >= 500:
            raise OidcError("unavailable", f"IDM's token endpoint answered {answer.status_code}")
        body = _json_object(answer)
        if answer.status_code != 200:
            raise OidcError(
                str(body.get("error", "invalid_grant")), str(body.get("error_description", ""))
            )
        id_token, access_token = body.get("id_token"), body.get("access_token")
        if not isinstance(id_token, str) or not isinstance(access_token, str):
            raise OidcError("invalid_token", "IDM's token answer had no ID token")
        claims = await self._verify(id_token, nonce, namespace, now, wait)
        return VerifiedLogin(id_token, access_token, claims)

    async def ping(self) -> bool:
        """Whether IDM answers its discovery document (the health check's second site)."""
        try:
            answer = await self._client().get(self.issuer + "/.well-known/openid-configuration")
        except httpx.HTTPError:
            return False
        return answer.status_code == 200

    async def _verify(
        self, id_token: str, nonce: str, namespace: str, now: int, wait: httpx.Timeout
    ) -> dict[str, Any]:
        keys = await self._signing_keys(namespace, _kid(id_token), wait)
        try:
            token = jwt.decode(id_token, keys, algorithms=["RS256"])
        except (JoseError, ValueError) as exc:
            raise OidcError("invalid_token", f"the ID token failed verification ({exc})") from exc
        try:
            jwt.JWTClaimsRegistry(
                now=now,
                leeway=LEEWAY_SECONDS,
                iss={"essential": True, "value": self.issuer},
                aud={"essential": True, "value": self.registration.client_id},
                sub={"essential": True},
                exp={"essential": True},
                nonce={"essential": True, "value": nonce},
            ).validate(token.claims)
        except ExpiredTokenError as exc:
            raise OidcError(CLOCK_SKEW, EXPIRED) from exc
        except InvalidClaimError as exc:
            if exc.claim == "iat":
                raise OidcError(CLOCK_SKEW, ISSUED_IN_THE_FUTURE) from exc
            raise OidcError("invalid_token", f"the ID token failed verification ({exc})") from exc
        except (JoseError, ValueError) as exc:
            raise OidcError("invalid_token", f"the ID token failed verification ({exc})") from exc
        return dict(token.claims)

    async def _signing_keys(self, namespace: str, kid: str | None, wait: httpx.Timeout) -> KeySet:
        """IDM's keys for ``namespace``: the cached ones, fetched again when a token names a key
        they lack (a rotation), as Okta asks relying parties to do (OIDC ref L987-997: cache,
        and check the JWKS again "just in time")."""
        cached = self._cached_keys(namespace, kid)
        if cached is not None:
            return cached
        # One fetch at a time: 200 log ins arriving at once in a namespace SPOT has no keys for
        # yet wait for the first fetch rather than each asking IDM.
        if self._fetching is None:
            self._fetching = asyncio.Lock()
        async with self._fetching:
            cached = self._cached_keys(namespace, kid)
            return cached if cached is not None else await self._fetch_keys(namespace, wait)

    def _cached_keys(self, namespace: str, kid: str | None) -> KeySet | None:
        cached = self._keys.get(namespace)
        if cached is None or kid is None or not _has_kid(cached, kid):
            return None
        self._keys.move_to_end(namespace)
        return cached

    async def _fetch_keys(self, namespace: str, wait: httpx.Timeout) -> KeySet:
        try:
            answer = await self._client().get(
                self.issuer + "/v1/keys", headers={NAMESPACE_HEADER: namespace}, timeout=wait
            )
        except httpx.HTTPError as exc:
            raise OidcError("unavailable", f"IDM's keys did not load ({exc})") from exc
        if answer.status_code != 200:
            raise OidcError("unavailable", f"IDM's keys answered {answer.status_code}")
        try:
            keys = KeySet.import_key_set(_json_object(answer))  # type: ignore[arg-type]
        except (JoseError, ValueError, TypeError, KeyError) as exc:
            raise OidcError("unavailable", "IDM's keys could not be read") from exc
        self._keys[namespace] = keys
        self._keys.move_to_end(namespace)
        while len(self._keys) > KEY_CACHE_NAMESPACES:
            self._keys.popitem(last=False)
        return keys

    def _client(self) -> httpx.AsyncClient:
        # Made lazily so it belongs to the event loop that serves the requests.
        if self._http is None:
            self._http = httpx.AsyncClient(
                timeout=httpx.Timeout(self.timeout),
                limits=BACK_CHANNEL_LIMITS,
                transport=self._transport,
            )
        return self._http

    async def aclose(self) -> None:
        if self._http is not None:
            await self._http.aclose()
            self._http = None


def _kid(token: str) -> str | None:
    """The ``kid`` in a compact JWS's header, or None if it cannot be read."""
    try:
        kid = extract_compact(token.encode()).headers().get("kid")
    except (JoseError, ValueError):
        return None
    return kid if isinstance(kid, str) else None


def _has_kid(keys: KeySet, kid: str) -> bool:
    return any(key.kid == kid for key in keys.keys)


def _json_object(answer: httpx.Response) -> dict[str, Any]:
    try:
        body = answer.json()
    except ValueError as exc:
        raise OidcError("unavailable", "IDM answered with something other than JSON") from exc
    if not isinstance(body, dict):
        raise OidcError("unavailable", "IDM answered with a JSON value that is not an object")
    return body
