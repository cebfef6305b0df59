"""IDM's RS256 signing key, made once per process (as Okta rotates keys, ours never persist).

Making a 2048-bit RSA key takes 25-70 ms here, in OpenSSL without the GIL: it is made in a thread
of its own from the moment the portal is built, so ``serve`` answers while it is being made, and
the first request that needs it (discovery's keys, a token) waits for it if it is not yet there.
"""

from __future__ import annotations

import secrets
import threading
from concurrent.futures import Future
from typing import Any

from joserfc import jwt
from joserfc.jwk import RSAKey


class SigningKey:
    def __init__(self) -> None:
        self.kid = secrets.token_hex(8)
        self._made: Future[RSAKey] = Future()
        threading.Thread(target=self._make, name="idm-signing-key", daemon=True).start()

    def _make(self) -> None:
        try:
            key = RSAKey.generate_key(
                2048, parameters={"kid": self.kid, "use": "sig", "alg": "RS256"}, private=True
            )
        except BaseException as exc:  # handed to whoever asks for the key
            self._made.set_exception(exc)
        else:
            self._made.set_result(key)

    def jwks(self) -> dict[str, Any]:
        return {"keys": [self.key.as_dict(private=False)]}

    def sign(self, claims: dict[str, Any]) -> str:
        return jwt.encode({"alg": "RS256", "kid": self.kid, "typ": "JWT"}, claims, self.key)

    @property
    def key(self) -> RSAKey:
        return self._made.result()
