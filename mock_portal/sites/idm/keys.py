"""IDM's RS256 signing keys as Okta's custom authorization server keeps them: an ``ACTIVE`` key
that signs, the ``NEXT`` key already published in the JWKS before it signs anything, and,
after a rotation, the ``EXPIRED`` key that signed before, still published so tokens it signed
keep verifying until the following rotation.

Sources: Okta's Authorization Servers API (okta/okta-developer-docs,
``docs/reference/api/authorization-servers/index.md`` at 468de9c5, "Key properties" L1544-1553,
L1650-1653: statuses ``ACTIVE``, ``NEXT``, ``EXPIRED``; "Rotate Authorization Server Keys"
L1707-1711: rotating makes ``ACTIVE`` ``EXPIRED`` and ``NEXT`` ``ACTIVE`` and signs with it at
once); the OIDC reference's ``/keys`` (OIDC ref L907, L991: "any of the two or three keys
listed", the next key generated weeks before the rotation); Okta's "Key rotation" concept page
("New keys are normally generated a few weeks before the rotation occurs").

The process's key ring is shared by every namespace and made once per process (its keys never
persist): ``KeyRing.of_process("idm")`` (Login.gov's own are ``of_process("login.gov")``), so
the portals a test process builds (one per test that needs its own) do not each make keys.
Making a 2048-bit RSA key takes 25-70 ms of CPU here, in OpenSSL without the GIL: the first two
are made in a thread of their own from the moment the first portal is built, so ``serve``
answers while they are made, and the first request that needs them waits if they are not yet
there. ``KeyRing()`` makes a ring of its own (a stranger's keys, in tests).
A rotation (``POST /__admin/keys/rotate``) gives only its namespace a ring of its own, so tests
in parallel never see each other's keys change.
"""

from __future__ import annotations

import secrets
import threading
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

ACTIVE = "ACTIVE"
NEXT = "NEXT"
EXPIRED = "EXPIRED"


def new_key() -> RSAKey:
    kid = secrets.token_urlsafe(32)  # the shape of Okta's kids: 43 base64url characters
    return RSAKey.generate_key(
        2048, parameters={"kid": kid, "use": "sig", "alg": "RS256"}, private=True
    )


@dataclass(frozen=True)
class Keys:
    active: RSAKey
    next: RSAKey
    expired: RSAKey | None = None

    def listed(self) -> list[tuple[str, RSAKey]]:
        keys = [(ACTIVE, self.active), (NEXT, self.next)]
        return keys + ([(EXPIRED, self.expired)] if self.expired is not None else [])


class KeyRing:
    """Usage: ``ring.sign(claims)``; ``ring.jwks()``; ``ring.rotated()`` for a namespace's own."""

    def __init__(self, keys: Keys | None = None) -> None:
        self._made: Future[Keys] = Future()
        if keys is not None:
            self._made.set_result(keys)
        else:
            threading.Thread(target=self._make, name="idm-signing-key", daemon=True).start()

    def _make(self) -> None:
        try:
            keys = Keys(new_key(), new_key())
        except BaseException as exc:  # handed to whoever asks for the key
            self._made.set_exception(exc)
        else:
            self._made.set_result(keys)

    @classmethod
    def of_process(cls, issuer: str) -> KeyRing:
        """The ring every portal built in this process signs with as ``issuer`` (a name:
        ``"idm"``, ``"login.gov"``), made on the first call."""
        with _PROCESS_RINGS_LOCK:
            ring = _PROCESS_RINGS.get(issuer)
            if ring is None:
                ring = _PROCESS_RINGS[issuer] = cls()
            return ring

    @property
    def keys(self) -> Keys:
        return self._made.result()

    @property
    def kid(self) -> str:
        """The id of the key that signs now."""
        return str(self.keys.active.kid)

    def jwks(self) -> dict[str, Any]:
        """Every listed key's public part, as ``/keys`` publishes them (no status: Okta's JWKS
        says nothing of which key signs, OIDC ref L907)."""
        return {"keys": [key.as_dict(private=False) for _, key in self.keys.listed()]}

    def statuses(self) -> list[dict[str, str]]:
        return [{"kid": str(key.kid), "status": status} for status, key in self.keys.listed()]

    def key_set(self) -> KeySet:
        """Every listed key, to verify what IDM issued (an ID token hint, an access token)."""
        return KeySet([key for _, key in self.keys.listed()])

    def sign(self, claims: dict[str, Any]) -> str:
        active = self.keys.active
        return jwt.encode({"alg": "RS256", "kid": active.kid, "typ": "JWT"}, claims, active)

    def rotated(self) -> KeyRing:
        """Okta's rotation: the next key signs from now on, the active one is kept as expired
        (the one expired before is dropped), and a new next key is published."""
        keys = self.keys
        return KeyRing(Keys(active=keys.next, next=new_key(), expired=keys.active))


# A ring is never changed once made (a rotation makes a new one for its namespace), so one per
# issuer can serve every portal of the process.
_PROCESS_RINGS: dict[str, KeyRing] = {}
_PROCESS_RINGS_LOCK = threading.Lock()
