"""IDM's brute-force protection: three failed sign-ins lock the account for an hour.

(CMS IDM: "After three unsuccessful attempts, your account will be locked"; it unlocks by
itself after an hour, or through the help desk.) Time is the mock's clock, so a test moves it
forward rather than waiting.
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


def locked_until(world: World, user: IdmUser) -> datetime | None:
    """When the account unlocks, if it is locked now; an expired lock is lifted here."""
    if user.locked_until is None:
        return None
    if world.clock.now() >= user.locked_until:
        user.locked_until = None
        user.failed_sign_ins = 0
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


def record_success(user: IdmUser) -> None:
    user.failed_sign_ins = 0


def unlock(user: IdmUser) -> None:
    user.locked_until = None
    user.failed_sign_ins = 0
