"""What SPOT tells a user whom IDM refused with "User is not assigned to the client application."

The guide gives each kind of user different advice: approvers and backup approvers contact the
SPOT Help Desk with their IDM User ID and request confirmation number; end users ask their
organization's approvers. Okta's error redirect does not say who was refused, so the real SPOT
can only print both paragraphs. The mock knows (IDM and SPOT share its store), and shows each user
their own advice, so QA can assert the advice per role; users it cannot place get both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_portal.accounts.access import approvers_of
from mock_portal.accounts.models import Role, SpotAccess
from mock_portal.errors.catalogue import (
    HELP_DESK_EMAIL,
    HELP_DESK_PHONE,
    Link,
    PortalError,
    not_assigned,
)

if TYPE_CHECKING:
    from mock_portal.accounts.models import IdmUser
    from mock_portal.world.store import World

HELP_DESK = (
    f"contact the SPOT Help Desk at {HELP_DESK_PHONE} (press 1 for general assistance; 2 for "
    f"enrollment) or e-mail {HELP_DESK_EMAIL}"
)
WHY = (
    "Your IDM account does not give you access to SPOT by itself: your SPOT access request must "
    "be approved before you may log on to SPOT for the first time."
)


def _approver_advice(user: IdmUser | None) -> str:
    if user is not None and user.access is not None:
        return (
            f"If you are unsure of the status of your SPOT access request, {HELP_DESK}. Include "
            f"your IDM User ID ({user.user_id}) and your request confirmation number "
            f"({user.access.confirmation_number})."
        )
    return (
        "Organization approvers and backup approvers unsure of the status of their SPOT access "
        f"request: {HELP_DESK}. Include your IDM User ID and request confirmation number."
    )


def _end_user_advice(world: World, user: IdmUser | None) -> str:
    if user is None or user.access is None:
        return (
            "End users: ask your organization's approvers for the status of your SPOT access "
            "request."
        )
    approvers = [
        approver.display_name for approver in approvers_of(world, user.access.organization_id)
    ]
    named = ", ".join(approvers) if approvers else "your organization's approvers"
    return f"Ask your organization's approvers for the status of your request: {named}."


def _status_line(user: IdmUser) -> str:
    access = user.access
    if access is None and user.role_removed_reason:
        return user.role_removed_reason
    if access is None:
        return "You have not submitted a SPOT access request."
    return {
        SpotAccess.PENDING: f"Your SPOT access request {access.confirmation_number} is pending.",
        SpotAccess.DENIED: f"Your SPOT access request {access.confirmation_number} was denied.",
    }.get(access.status, "Your SPOT access request has not been approved.")


def not_assigned_error(world: World, user: IdmUser | None, request_url: str) -> PortalError:
    """``ACCESS_NOT_ASSIGNED`` with the advice the guide gives this user (or everyone).

    ``request_url`` is IDM's role request page, offered to those who may (re)submit a request.
    """
    request_link = Link("Request the SPOT role in IDM (Manage My Roles)", request_url)
    if user is None:
        everyone = (WHY, _approver_advice(None), _end_user_advice(world, None))
        return not_assigned(everyone, request_link)
    details = [WHY, _status_line(user)]
    if user.role is Role.END_USER:
        details.append(_end_user_advice(world, user))
    elif user.role is not None:
        details.append(_approver_advice(user))
    may_request = user.spot_access in (SpotAccess.NONE, SpotAccess.DENIED)
    return not_assigned(tuple(details), request_link if may_request else None)
