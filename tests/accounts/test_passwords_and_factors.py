"""IDM's password rules (accounts/passwords.py) and the TOTP factor's drift and reuse
(accounts/factors.py), checked without a browser."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pyotp
import pytest

from mock_portal.accounts import factors, passwords
from mock_portal.accounts.models import IdmUser, MfaFactor

NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)


def _user() -> IdmUser:
    user = IdmUser(
        id="00u1",
        user_id="jane.harbor",
        password_hash="",
        email="jane@example.com",
        first_name="Jane",
        last_name="Okafor",
        date_of_birth=date(1980, 1, 1),
        address="1 Main St",
        mfa=True,
        created_at=NOW,
        mfa_factors=(MfaFactor.TOTP,),
        totp_secret=factors.new_totp_secret(),
    )
    passwords.set_password(user, "Original-Secret-1x", NOW - timedelta(days=3))
    return user


@pytest.mark.parametrize(
    ("password", "rule"),
    [
        ("Short-1a", "length"),
        ("A" * 40 + "a1" + "b" * 19, "length"),
        ("all-lower-case-123", "characters"),
        ("ALL-UPPER-CASE-123", "characters"),
        ("No-Digits-At-All-x", "characters"),
        ("Fine-But-Tab\t-123x", "special"),
        ("Unicode-Caf\u00e9-12345", "special"),
        ("My-Harbor-Boat-123", "identity"),
        ("Dear-Jane-Is-Here-1", "identity"),
        ("okafor-Family-2026", "identity"),
        ("Original-Secret-1x", "history"),
    ],
)
def test_each_rule_refuses_on_its_own(password: str, rule: str) -> None:
    assert [r.rule for r in passwords.check(_user(), password, NOW)] == [rule]


def test_a_good_password_passes_and_the_day_rule_follows_the_last_change() -> None:
    user = _user()
    assert passwords.check(user, "Quiet-Meadow-2026x", NOW) == []
    passwords.set_password(user, "Quiet-Meadow-2026x", NOW)
    later = NOW + timedelta(hours=23)
    assert [r.rule for r in passwords.check(user, "Other-Meadow-2026x", later)] == ["age"]
    assert passwords.check(user, "Other-Meadow-2026x", later, enforce_age=False) == []


def test_the_last_six_passwords_are_remembered_not_the_seventh() -> None:
    user = _user()
    for n in range(6):
        passwords.set_password(user, f"Rotating-Secret-{n}x", NOW)
    assert passwords.check(user, "Rotating-Secret-0x", NOW, enforce_age=False) != []
    passwords.set_password(user, "Rotating-Secret-6x", NOW)
    assert passwords.check(user, "Rotating-Secret-0x", NOW, enforce_age=False) == []
    assert passwords.check(user, "Original-Secret-1x", NOW, enforce_age=False) == []


def test_expiry_is_more_than_60_days_without_an_idm_log_in() -> None:
    user = _user()
    user.last_idm_login = user.password_changed_at = NOW - timedelta(days=60)
    assert not passwords.expired(user, NOW)
    assert passwords.expired(user, NOW + timedelta(seconds=1))
    # A password set since that log in (the forced change) is not expired.
    user.password_changed_at = NOW - timedelta(days=1)
    assert not passwords.expired(user, NOW + timedelta(seconds=1))


def test_totp_accepts_two_minutes_of_drift_and_each_step_once() -> None:
    user = _user()
    assert user.totp_secret is not None
    totp = pyotp.TOTP(user.totp_secret)
    assert factors.check_totp(user, totp.at(NOW - timedelta(minutes=3)), NOW) == "wrong"
    assert factors.check_totp(user, totp.at(NOW - timedelta(minutes=2)), NOW) == "ok"
    assert factors.check_totp(user, totp.at(NOW - timedelta(minutes=2)), NOW) == "reused"
    assert factors.check_totp(user, totp.at(NOW - timedelta(minutes=1)), NOW) == "ok"
    assert factors.check_totp(user, totp.at(NOW - timedelta(minutes=2)), NOW) == "reused"
    assert factors.check_totp(user, "12345x", NOW) == "wrong"


def test_resend_waits_30_seconds() -> None:
    assert factors.resend_wait(None, NOW) == 0
    assert factors.resend_wait(NOW, NOW + timedelta(seconds=0.5)) == 30
    assert factors.resend_wait(NOW, NOW + timedelta(seconds=29)) == 1
    assert factors.resend_wait(NOW, NOW + timedelta(seconds=30)) == 0


def test_a_space_is_not_among_idms_special_characters() -> None:
    assert [r.rule for r in passwords.check(_user(), "Quiet Meadow 2026x", NOW)] == ["special"]
