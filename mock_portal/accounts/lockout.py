"""IDM's brute-force protection: three failed sign-ins lock the account for an hour, and more
attempts while it is locked suspend it.

(CMS IDM: "After three unsuccessful attempts, your account will be locked"; it unlocks by
itself after an hour, or through the help desk. First Coast's SPOT password page, as of
08/15/2025, medicare.fcso.com/SPOT_instructions/261718.asp: locked after three failed attempts,
unlocked automatically after one hour; "Additional failed attempts will result in your account
being suspended"; a password reset, with the security question, also unlocks.) How many
attempts while locked suspend the account is not published: the mock's choice is
``SUSPEND_AFTER`` (3) more. That only the help desk lifts a suspension is not published either:
the mock's choice, through the control API's unlock call. Time is the mock's clock, so a test
moves it forward rather than waiting.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from mock_portal.world.clock import eastern_text
from mock_portal.world.outbox import Mail

if TYPE_CHECKING:
    from datetime import datetime

    from mock_portal.accounts.models import IdmUser
    from mock_portal.world.store import World

MAX_FAILURES = 3
LOCK_DURATION = timedelta(hours=1)
SUSPEND_AFTER = 3


def locked_until(world: World, user: IdmUser) -> datetime | None:
    """When the account unlocks, if it is locked now; an expired lock is lifted here."""
    if user.locked_until is None:
        return None
    if world.clock.now() >= user.locked_until:
        user.locked_until = None
        user.failed_sign_ins = 0
        user.attempts_while_locked = 0
        return None
    return user.locked_until


def record_failure(world: World, user: IdmUser) -> datetime | None:
    """Count a wrong password; returns the unlock time if this failure locked the account."""
    user.failed_sign_ins += 1
    if user.failed_sign_ins < MAX_FAILURES:
        return None
    now = world.clock.now()
    user.locked_until = now + LOCK_DURATION
    user.failed_sign_ins = 0
    world.journal.record(now, "idm.account_locked", user_id=user.user_id)
    world.outbox.send(
        Mail(
            to=user.email,
            subject="Your CMS IDM account is locked",
            body=(
                f"Hello {user.first_name},\n\nYour IDM account was locked after "
                f"{MAX_FAILURES} unsuccessful sign-in attempts. It unlocks at "
                f"{eastern_text(user.locked_until)}. If you did not try to sign in, "
                "contact your help desk."
            ),
            sent_at=now,
        )
    )
    return user.locked_until


def record_attempt_while_locked(world: World, user: IdmUser) -> bool:
    """Count a sign-in attempted while locked; True once this one suspends the account."""
    user.attempts_while_locked += 1
    if user.attempts_while_locked < SUSPEND_AFTER or user.suspended:
        return user.suspended
    user.suspended = True
    world.journal.record(world.clock.now(), "idm.account_suspended", user_id=user.user_id)
    return True


def record_success(user: IdmUser) -> None:
    user.failed_sign_ins = 0


def unlock(user: IdmUser) -> None:
    """Lift a lock (a password reset does this too)."""
    user.locked_until = None
    user.failed_sign_ins = 0
    user.attempts_while_locked = 0


def reinstate(user: IdmUser) -> None:
    """The help desk's action: lift a suspension and any lock, an MFA factor's too."""
    unlock(user)
    user.suspended = False
    user.factor_failures.clear()
    user.factor_locked_until.clear()
