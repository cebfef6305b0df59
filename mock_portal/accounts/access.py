"""The SPOT access lifecycle: a request is submitted, pending, then approved or denied.

An IDM account alone does not grant SPOT (the guide's first step); the access request sets up
the billing provider profile and must be approved first (its second step). End users ask to
join an organization that already exists; approvers create the organization. End-user requests
are decided by their organization's approvers and backup approvers; approver requests by the
SPOT Help Desk (in the mock, the control API). Every decision is e-mailed to the requester.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from mock_portal.accounts.models import AccessRequest, Role, SpotAccess
from mock_portal.errors.catalogue import HELP_DESK_EMAIL, HELP_DESK_PHONE
from mock_portal.world.outbox import Mail

if TYPE_CHECKING:
    from mock_portal.accounts.models import IdmUser, Organization
    from mock_portal.world.store import World


class AccessError(ValueError):
    """A decision or request the lifecycle does not allow; the message says why."""


def approvers_of(world: World, organization_id: str) -> list[IdmUser]:
    """The organization's approved approvers and backup approvers, by name."""
    return sorted(
        (
            user
            for user in world.users.values()
            if user.access is not None
            and user.access.organization_id == organization_id
            and user.access.role.decides_requests
            and user.access.status is SpotAccess.APPROVED
        ),
        key=lambda user: (user.last_name, user.first_name),
    )


def active_organizations(world: World) -> list[Organization]:
    """Organizations an end user can ask to join: those with an approved approver.

    (First Coast: "If your organization is not found, it has not been created by an approver
    yet.")
    """
    return sorted(
        (org for org in world.organizations.values() if approvers_of(world, org.id)),
        key=lambda org: org.business_name,
    )


def pending_for(world: World, decider: IdmUser) -> list[IdmUser]:
    """End-user requests waiting for ``decider``'s organization, oldest first."""
    access = decider.access
    if (
        access is None
        or not access.role.decides_requests
        or access.status is not SpotAccess.APPROVED
    ):
        return []
    return sorted(
        (
            user
            for user in world.users.values()
            if user.access is not None
            and user.access.organization_id == access.organization_id
            and user.access.role is Role.END_USER
            and user.access.status is SpotAccess.PENDING
        ),
        key=lambda user: user.access.submitted_at if user.access else user.created_at,
    )


def submit_request(
    world: World,
    user: IdmUser,
    role: Role,
    organization: Organization,
    confirmation_number: str,
) -> AccessRequest:
    if user.spot_access in (SpotAccess.PENDING, SpotAccess.APPROVED):
        raise AccessError(f"{user.user_id} already has a {user.spot_access.value} SPOT request")
    now = world.clock.now()
    user.access = AccessRequest(
        confirmation_number=confirmation_number,
        role=role,
        status=SpotAccess.PENDING,
        organization_id=organization.id,
        submitted_at=now,
    )
    who_decides = (
        "your organization's approvers"
        if role is Role.END_USER
        else f"the SPOT Help Desk ({HELP_DESK_PHONE}, {HELP_DESK_EMAIL})"
    )
    _mail(
        world,
        user,
        f"SPOT access request {confirmation_number} received",
        f"We received your request for the SPOT {role.label} role with "
        f"{organization.business_name}.\nRequest confirmation number: {confirmation_number}\n"
        f"It will be reviewed by {who_decides}. You will receive an e-mail when it is approved "
        "or denied.",
    )
    return user.access


def decide(world: World, requester: IdmUser, status: SpotAccess, decided_by: str) -> None:
    """Set ``requester``'s request to ``status`` and e-mail them when it is a decision."""
    access = requester.access
    if access is None:
        raise AccessError(f"{requester.user_id} has no SPOT access request")
    now = world.clock.now()
    decided = status in (SpotAccess.APPROVED, SpotAccess.DENIED)
    requester.access = replace(
        access,
        status=status,
        decided_at=now if decided else None,
        decided_by=decided_by if decided else None,
    )
    if status is SpotAccess.APPROVED:
        # An approval certifies the role for a year (accounts/lifecycle.py).
        requester.role_certified_at = now
        requester.role_removed_reason = None
    if decided:
        _mail_decision(world, requester, status)


def decide_as_approver(world: World, decider: IdmUser, requester_id: str, approve: bool) -> IdmUser:
    """An approver's decision in SPOT: only pending end users of their own organization."""
    requester = world.find_user(requester_id)
    if requester is None or requester not in pending_for(world, decider):
        raise AccessError("That request is not waiting for your decision.")
    decide(
        world,
        requester,
        SpotAccess.APPROVED if approve else SpotAccess.DENIED,
        decided_by=decider.user_id,
    )
    return requester


def _mail_decision(world: World, requester: IdmUser, status: SpotAccess) -> None:
    access = requester.access
    assert access is not None
    if status is SpotAccess.APPROVED:
        subject = f"SPOT access request {access.confirmation_number} approved"
        body = (
            f"Your request for the SPOT {access.role.label} role has been approved. You may now "
            "log on to SPOT. Log on at least once every 30 days to keep your access."
        )
    else:
        subject = f"SPOT access request {access.confirmation_number} denied"
        body = (
            f"Your request for the SPOT {access.role.label} role has been denied. If you believe "
            "this is an error, contact your organization's approvers, or the SPOT Help Desk at "
            f"{HELP_DESK_PHONE} or {HELP_DESK_EMAIL} with your IDM User ID and request "
            f"confirmation number {access.confirmation_number}."
        )
    _mail(world, requester, subject, body)


def _mail(world: World, user: IdmUser, subject: str, body: str) -> None:
    greeting = f"Hello {user.first_name},\n\n"
    world.outbox.send(Mail(user.email, subject, greeting + body, world.clock.now()))
