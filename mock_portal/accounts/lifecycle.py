"""SPOT's access rules over time: access inactive after 30 days, and the annual role
certification.

Sources:
- SPOT access inactive: no SPOT log in for more than 30 days makes SPOT access inactive until
  the user resets the IDM password (First Coast's rule as DESIGN.md, "More codes", records it;
  an older, 2019 First Coast FAQ removed the role instead, the EIDM-era rule). The mock counts
  from the later of the last SPOT log in and the last IDM password reset or change.
- Annual certification: approvers certify their end users once a year in IDM ("My Annual Role
  Certifications"; First Coast certifies the approvers). An end user left uncertified loses the
  SPOT role. What that user then sees has no public capture: the mock's choice is IDM's
  "User is not assigned to the client application.", as for any IDM account without an approved
  SPOT role, with the reason in SPOT's guidance and the journal (DESIGN.md, "Facts checked").
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from mock_portal.accounts.models import Role, SpotAccess
from mock_portal.world.clock import eastern_text

if TYPE_CHECKING:
    from datetime import datetime

    from mock_portal.accounts.models import IdmUser
    from mock_portal.world.store import World

SPOT_INACTIVITY_LIMIT = timedelta(days=30)
CERTIFICATION_PERIOD = timedelta(days=365)


def spot_access_inactive(user: IdmUser, now: datetime) -> bool:
    """No SPOT log in (nor IDM password reset since) for more than 30 days."""
    last = max(
        (t for t in (user.last_spot_login, user.spot_reactivated_at) if t is not None),
        default=None,
    )
    return last is not None and now - last > SPOT_INACTIVITY_LIMIT


def reactivate(user: IdmUser, now: datetime) -> None:
    """An IDM password reset or change reactivates SPOT access (First Coast)."""
    user.spot_reactivated_at = now


def certification_lapsed(user: IdmUser, now: datetime) -> bool:
    """An approved end user whose role has gone more than a year without certification."""
    return (
        user.spot_access is SpotAccess.APPROVED
        and user.role is Role.END_USER
        and user.role_certified_at is not None
        and now - user.role_certified_at > CERTIFICATION_PERIOD
    )


def remove_uncertified_role(world: World, user: IdmUser) -> bool:
    """Remove the SPOT role of an end user whose certification lapsed; True if it did."""
    now = world.clock.now()
    if not certification_lapsed(user, now) or user.role_certified_at is None:
        return False
    due = user.role_certified_at + CERTIFICATION_PERIOD
    user.role_removed_reason = (
        "Your SPOT End User role was removed because your organization's approver did not "
        f"complete its annual certification (due {eastern_text(due)}). Ask your approver to "
        "certify you in IDM (My Annual Role Certifications), or request the role again."
    )
    user.access = None
    world.journal.record(now, "idm.role_removed", user_id=user.user_id, reason="not_certified")
    return True
