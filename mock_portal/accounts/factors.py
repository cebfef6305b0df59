"""IDM's MFA factors: codes by e-mail, SMS and voice, and TOTP codes (Google Authenticator, Okta
Verify), with Okta's rules for resends, lifetimes, reuse and failed attempts.

Sources (DESIGN.md, "Facts checked": MFA):
- Factors: CMS IDM's FAQ (e-mail, SMS, voice, Google Authenticator, Okta Verify; YubiKey is not
  modelled).
- TOTP: RFC 6238 (6 digits, 30-second steps, SHA-1), computed with pyotp. "The allowable clock
  skew is two minutes" (Okta's Google Authenticator help, help.okta.com ... mfa/
  google-authenticator.htm): codes of the 4 steps either side of now are accepted. A code is
  accepted once (RFC 6238 section 5.2; Okta's E0000082 "Each code can only be used once.").
- Failed codes: on Okta Identity Engine, which CMS IDM runs, five consecutive wrong codes lock
  that authenticator for 5 minutes with HTTP 429 (Okta support, "OTP Verification Attempts
  Limitations" and "Configurable Lockout Settings for Multi-Factor Authentication Failure
  Attempts"); a correct code resets the count. The mock applies it to every factor.
- Resends: SMS and voice codes at most once every 30 seconds (DESIGN.md); the mock applies the
  same wait to e-mailed codes. E-mailed codes live 5 minutes (Okta's e-mail authenticator
  reference); the mock gives SMS and voice codes the same life (Okta does not publish theirs).

Every code sent lands in the outbox with its ``channel``; ``to`` is the phone number for SMS and
voice. Time is the mock's clock, so a test that freezes it computes the TOTP code for that moment.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

import pyotp

from mock_portal.accounts.models import MfaFactor
from mock_portal.world.outbox import Mail

if TYPE_CHECKING:
    from datetime import datetime

    from mock_portal.accounts.models import IdmUser
    from mock_portal.world.store import World

CODE_TTL = timedelta(minutes=5)
RESEND_INTERVAL = timedelta(seconds=30)
MAX_FAILURES = 5
FACTOR_LOCK = timedelta(minutes=5)
TOTP_STEP = 30
# +/- 2 minutes of drift, in 30-second steps.
TOTP_DRIFT_STEPS = 4


def new_totp_secret() -> str:
    """A base32 secret for RFC 6238 codes (160 bits, as authenticator apps expect)."""
    return pyotp.random_base32(32)


def totp_code(secret: str, at: datetime) -> str:
    """The code an authenticator app shows at ``at`` (what a test computes with pyotp)."""
    return pyotp.TOTP(secret, interval=TOTP_STEP).at(at)


@dataclass(frozen=True)
class Sent:
    code: str
    at: datetime


def send_code(world: World, user: IdmUser, factor: MfaFactor) -> Sent:
    """A new 6-digit code to the user's e-mail or phone, as ``factor`` says, via the outbox."""
    now = world.clock.now()
    code = f"{secrets.randbelow(1_000_000):06d}"
    if factor is MfaFactor.EMAIL:
        mail = Mail(
            to=user.email,
            subject="Your CMS IDM verification code",
            body=(
                f"Hello {user.first_name},\n\nYour one-time verification code is {code}.\n"
                "It expires in 5 minutes. If you did not try to sign in, contact your help desk."
            ),
            sent_at=now,
        )
    else:
        said = "Your" if factor is MfaFactor.SMS else "This is CMS IDM. Your"
        mail = Mail(
            to=user.phone or "",
            subject=f"CMS IDM verification code ({factor.label})",
            body=f"{said} CMS IDM verification code is {code}.",
            sent_at=now,
            channel=factor.value,
        )
    world.outbox.send(mail)
    world.journal.record(now, "idm.mfa_sent", user_id=user.user_id, factor=factor.value)
    return Sent(code, now)


def resend_wait(sent_at: datetime | None, now: datetime) -> int:
    """Seconds until another code may be sent; 0 when it may be sent now."""
    if sent_at is None:
        return 0
    left = RESEND_INTERVAL - (now - sent_at)
    return max(0, -(-int(left.total_seconds() * 1000) // 1000))


def locked_until(user: IdmUser, factor: MfaFactor, now: datetime) -> datetime | None:
    """When ``factor`` unlocks, if failed codes locked it; an expired lock is lifted here."""
    until = user.factor_locked_until.get(factor)
    if until is None:
        return None
    if now >= until:
        del user.factor_locked_until[factor]
        user.factor_failures.pop(factor, None)
        return None
    return until


def record_failure(world: World, user: IdmUser, factor: MfaFactor) -> datetime | None:
    """Count a wrong code; returns the unlock time when this one locked the authenticator."""
    failures = user.factor_failures.get(factor, 0) + 1
    user.factor_failures[factor] = failures
    if failures < MAX_FAILURES:
        return None
    now = world.clock.now()
    user.factor_locked_until[factor] = now + FACTOR_LOCK
    user.factor_failures[factor] = 0
    world.journal.record(now, "idm.authenticator_locked", user_id=user.user_id, factor=factor.value)
    return user.factor_locked_until[factor]


def record_success(user: IdmUser, factor: MfaFactor) -> None:
    user.factor_failures.pop(factor, None)


class TotpCheck:
    """The answer for a TOTP code: ``ok``, ``reused`` (a step already accepted) or ``wrong``."""

    OK = "ok"
    REUSED = "reused"
    WRONG = "wrong"


def check_totp(user: IdmUser, code: str, now: datetime) -> str:
    """Check ``code`` against the user's secret at ``now``, +/- 2 minutes; accept a step once."""
    if user.totp_secret is None or not (len(code) == 6 and code.isascii() and code.isdigit()):
        return TotpCheck.WRONG
    totp = pyotp.TOTP(user.totp_secret, interval=TOTP_STEP)
    current = totp.timecode(now)
    for step in range(current - TOTP_DRIFT_STEPS, current + TOTP_DRIFT_STEPS + 1):
        if secrets.compare_digest(totp.generate_otp(step), code):
            if user.totp_last_step is not None and step <= user.totp_last_step:
                return TotpCheck.REUSED
            user.totp_last_step = step
            return TotpCheck.OK
    return TotpCheck.WRONG
