"""IDM's RS256 signing key, made once per process (as Okta rotates keys, ours never persist)."""

from __future__ import annotations

import secrets
from typing import Any

from joserfc import jwt
from joserfc.jwk import RSAKey


class SigningKey:
    def __init__(self) -> None:
        self.kid = secrets.token_hex(8)
        self._key = RSAKey.generate_key(
            2048, parameters={"kid": self.kid, "use": "sig", "alg": "RS256"}, private=True
        )

    def jwks(self) -> dict[str, Any]:
        return {"keys": [self._key.as_dict(private=False)]}

    def sign(self, claims: dict[str, Any]) -> str:
        return jwt.encode({"alg": "RS256", "kid": self.kid, "typ": "JWT"}, claims, self._key)

    @property
    def key(self) -> RSAKey:
        return self._key
