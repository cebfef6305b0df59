"""The tokens IDM's authorization server issues, as Okta's ``default`` custom authorization
server does, and what it knows of them afterwards.

- **Access tokens** are RS256 JWTs signed with the namespace's active key (so they verify
  against ``/keys``), with Okta's claims (OIDC ref L1542-1573; DESIGN.md "Access tokens (Okta)"):
  ``ver`` 1, ``jti`` ("AT." and a random id), ``iss``, ``aud`` ``api://default`` (the default
  server's audience), ``iat``, ``exp`` (one hour), ``cid`` (the client), ``uid`` (the Okta user
  id), ``scp`` (the scopes, a list), ``auth_time`` and ``sub``, which in an access token is the
  user's login (the IDM User ID), not the id as in the ID token (the introspection example,
  OIDC ref L739-756, has ``sub`` and ``username`` the login and ``uid`` the id).
- **Refresh tokens** are opaque (OIDC ref L1794-1796), issued when ``offline_access`` was
  granted (OIDC ref L595). Rotation is an app setting in Okta: "Rotate token after every use"
  is the default for single-page apps, persistent tokens otherwise (Refresh guide L83-114). The
  mock rotates a **public** client's refresh tokens (a rotated one stays usable for the default
  30-second grace period, and the new one keeps the first one's expiry) and keeps a
  **confidential** client's. Reusing a rotated token after its grace revokes every token of
  that sign-in (Refresh guide L62-64).
- **Introspection** (RFC 7662; OIDC ref L659-790) answers ``{"active": false}`` for anything
  invalid, expired, revoked, or issued to another client (RFC 7662 section 4 lets the server
  hide other clients' tokens; Okta's behaviour for that case is not published: the mock's
  choice). **Revocation** (RFC 7009; OIDC ref L792-837) always answers 200 and revokes only the
  caller's own tokens ("A client may only revoke its own tokens").

Every time here is IDM's clock (``Clock.idm_now``: the mock's, moved by ``idm_skew_seconds``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from joserfc import jwt
from joserfc.errors import JoseError

from mock_portal.sites.idm.state import (
    ACCESS_TOKEN_TTL,
    REFRESH_GRACE,
    REFRESH_TOKEN_TTL,
    AccessGrant,
    RefreshGrant,
)
from mock_portal.sites.security import new_token

if TYPE_CHECKING:
    from datetime import datetime

    from mock_portal.accounts.models import IdmUser
    from mock_portal.sites.idm.clients import Client
    from mock_portal.sites.idm.keys import KeyRing
    from mock_portal.world.services import Services
    from mock_portal.world.store import World

# The default custom authorization server's audience (Okta's "default" server is created with
# api://default; OIDC ref L69-87 "Composing your base URL").
AUDIENCE = "api://default"
OFFLINE_ACCESS = "offline_access"
# Okta's words for a bad refresh token (okta/okta-react-native#287, #109; docs/okta-behaviour.md).
INVALID_REFRESH = "The refresh token is invalid or expired."


def key_ring(ctx: Services, world: World) -> KeyRing:
    """The keys that sign in this namespace: its own once it rotated them, else the process's."""
    return world.idm.keys or ctx.signing_key


def mint_access_token(
    ctx: Services,
    world: World,
    user: IdmUser,
    client_id: str,
    scope: str,
    family: str,
    auth_time: int,
) -> str:
    now = world.clock.idm_timestamp()
    jti = "AT." + new_token(32)
    claims: dict[str, Any] = {
        "ver": 1,
        "jti": jti,
        "iss": ctx.issuer,
        "aud": AUDIENCE,
        "iat": now,
        "exp": now + int(ACCESS_TOKEN_TTL.total_seconds()),
        "cid": client_id,
        "uid": user.id,
        "scp": scope.split(),
        "auth_time": auth_time,
        "sub": user.user_id,
    }
    world.idm.access_tokens.put(
        jti, AccessGrant(jti, user.user_id.lower(), scope, client_id, family)
    )
    return key_ring(ctx, world).sign(claims)


def mint_refresh_token(
    world: World,
    user: IdmUser,
    client_id: str,
    scope: str,
    family: str,
    auth_time: datetime,
    issued_at: datetime | None = None,
) -> RefreshGrant:
    """A refresh token; ``issued_at`` carries a rotated one's first issue (its expiry)."""
    grant = RefreshGrant(
        token=new_token(32),
        user_key=user.user_id.lower(),
        scope=scope,
        client_id=client_id,
        family=family,
        auth_time=auth_time,
        issued_at=issued_at or world.clock.idm_now(),
    )
    world.idm.refresh_tokens.put(grant.token, grant)
    return grant


def _decoded(ctx: Services, world: World, token: str) -> dict[str, Any] | None:
    """The claims of a JWT IDM signed with one of the namespace's listed keys, or None."""
    try:
        decoded = jwt.decode(token, key_ring(ctx, world).key_set(), algorithms=["RS256"])
    except (JoseError, ValueError):
        return None
    claims = dict(decoded.claims)
    return claims if claims.get("iss") == ctx.issuer else None


def verified_hint(ctx: Services, world: World, token: str) -> dict[str, Any] | None:
    """An ID token IDM issued, whatever its age (a logout hint may be expired, OIDC ref L895)."""
    return _decoded(ctx, world, token)


def _unexpired(world: World, claims: dict[str, Any]) -> bool:
    exp = claims.get("exp")
    return isinstance(exp, int) and world.clock.idm_timestamp() < exp


def active_access_token(
    ctx: Services, world: World, token: str
) -> tuple[dict[str, Any], AccessGrant] | None:
    """An access token's claims and grant while it is valid: signed by IDM, for ``api://default``,
    unexpired by IDM's clock, neither revoked nor of a revoked family."""
    claims = _decoded(ctx, world, token)
    if claims is None or claims.get("aud") != AUDIENCE or not _unexpired(world, claims):
        return None
    grant = world.idm.access_tokens.get(str(claims.get("jti")))
    if grant is None or grant.family in world.idm.revoked_families:
        return None
    return claims, grant


def usable_refresh_token(world: World, token: str, client: Client) -> RefreshGrant | None:
    """The refresh grant ``client`` may redeem now; a rotated one reused after its grace
    revokes its whole family (and is refused)."""
    grant = world.idm.refresh_tokens.get(token)
    if grant is None or grant.client_id != client.client_id:
        return None
    now = world.clock.idm_now()
    if grant.family in world.idm.revoked_families or now >= grant.issued_at + REFRESH_TOKEN_TTL:
        return None
    if grant.rotated_at is not None and now > grant.rotated_at + REFRESH_GRACE:
        world.idm.revoked_families.put(grant.family, True)
        world.journal.record(
            world.clock.now(), "idm.refresh_token_reused", client_id=client.client_id
        )
        return None
    return grant


def introspection(ctx: Services, world: World, client: Client, token: str) -> dict[str, Any]:
    """RFC 7662's answer for ``token`` as ``client`` asks (OIDC ref L711-779): an access token,
    a refresh token or an ID token; ``token_type_hint`` is not needed to find it (RFC 7662
    section 2.1 lets the server search every type)."""
    inactive = {"active": False}
    access = active_access_token(ctx, world, token)
    if access is not None:
        claims, grant = access
        if grant.client_id != client.client_id:
            return inactive
        return {
            "active": True,
            "token_type": "Bearer",
            "scope": grant.scope,
            "client_id": grant.client_id,
            "username": claims["sub"],
            "exp": claims["exp"],
            "iat": claims["iat"],
            "sub": claims["sub"],
            "aud": claims["aud"],
            "iss": claims["iss"],
            "jti": claims["jti"],
            "uid": claims["uid"],
        }
    refresh = world.idm.refresh_tokens.get(token)
    if refresh is not None:
        user = world.users.get(refresh.user_key)
        usable = usable_refresh_token(world, token, client) is not None
        if user is None or not usable:
            return inactive
        return {
            "active": True,
            "token_type": "Bearer",
            "scope": refresh.scope,
            "client_id": refresh.client_id,
            "username": user.user_id,
            "exp": int((refresh.issued_at + REFRESH_TOKEN_TTL).timestamp()),
            "sub": user.user_id,
        }
    id_claims = _decoded(ctx, world, token)
    if (
        id_claims is not None
        and id_claims.get("aud") == client.client_id
        and _unexpired(world, id_claims)
    ):
        return {"active": True, **id_claims}
    return inactive


def revoke(ctx: Services, world: World, client: Client, token: str) -> None:
    """Revoke ``token`` if it is ``client``'s own. A refresh token takes every token of its
    sign-in with it (RFC 7009 section 2.1: the server "SHOULD" also invalidate the access
    tokens of the same grant)."""
    refresh = world.idm.refresh_tokens.get(token)
    if refresh is not None and refresh.client_id == client.client_id:
        world.idm.refresh_tokens.pop(token)
        world.idm.revoked_families.put(refresh.family, True)
        return
    claims = _decoded(ctx, world, token)
    grant = world.idm.access_tokens.get(str(claims.get("jti"))) if claims else None
    if grant is not None and grant.client_id == client.client_id:
        world.idm.access_tokens.pop(grant.jti)


@dataclass(frozen=True)
class Issued:
    """What ``/token`` answers with."""

    access_token: str
    scope: str
    id_token: str | None = None
    refresh_token: str | None = None

    def as_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "token_type": "Bearer",
            "expires_in": int(ACCESS_TOKEN_TTL.total_seconds()),
            "access_token": self.access_token,
            "scope": self.scope,
        }
        if self.refresh_token is not None:
            body["refresh_token"] = self.refresh_token
        if self.id_token is not None:
            body["id_token"] = self.id_token
        return body
