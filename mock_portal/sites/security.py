"""Random tokens, password hashing and constant-time comparison used by both sites."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets


def new_token(nbytes: int = 32) -> str:
    """An opaque, URL-safe random token (session ids, codes, state tokens)."""
    return secrets.token_urlsafe(nbytes)


def same(a: str, b: str) -> bool:
    """Constant-time string comparison, so a token's prefix cannot be guessed by timing."""
    return hmac.compare_digest(a.encode(), b.encode())


def hash_password(password: str, salt: bytes | None = None) -> str:
    # A salted SHA-256 rather than scrypt: these are synthetic test accounts, and load tests sign
    # in hundreds of thousands of times, where a deliberately slow hash would dominate the run.
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.sha256(salt + password.encode("utf-8", "surrogatepass")).digest()
    return base64.b64encode(salt).decode() + "$" + base64.b64encode(digest).decode()


def verify_password(password: str, stored: str) -> bool:
    salt_b64, _, _ = stored.partition("$")
    return same(hash_password(password, base64.b64decode(salt_b64)), stored)


def pkce_challenge(verifier: str) -> str:
    """The S256 code challenge of a PKCE code verifier (RFC 7636 section 4.2)."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def presented_secret(authorization: str) -> str:
    """The secret an ``Authorization`` header presents: a Bearer token, or the password of HTTP
    Basic credentials (the user name is ignored); "" for anything else or anything malformed."""
    scheme, _, credentials = authorization.strip().partition(" ")
    credentials = credentials.strip()
    if scheme.lower() == "bearer":
        return credentials
    if scheme.lower() != "basic":
        return ""
    try:
        decoded = base64.b64decode(credentials, validate=True).decode("utf-8")
    except ValueError:  # binascii.Error and UnicodeDecodeError both are
        return ""
    return decoded.partition(":")[2]
