"""The demo users ``serve`` puts in the default namespace, one per state a tester needs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mock_portal.accounts.models import Role, SpotAccess
from mock_portal.accounts.provisioning import NewUser, Provisioner

if TYPE_CHECKING:
    from mock_portal.world.store import World

DEMO_PASSWORD = "Spot-Demo-2026!"  # noqa: S105 (a published demo credential, by design)


@dataclass(frozen=True)
class DemoUser:
    user_id: str
    spot_access: SpotAccess
    role: Role
    mfa: bool
    shows: str


DEMO_USERS = (
    DemoUser(
        "approved.user",
        SpotAccess.APPROVED,
        Role.END_USER,
        True,
        "approved end user: MFA code by e-mail, then SPOT home",
    ),
    DemoUser(
        "quick.user",
        SpotAccess.APPROVED,
        Role.END_USER,
        False,
        "approved end user without MFA: straight to SPOT home",
    ),
    DemoUser(
        "approver.user",
        SpotAccess.APPROVED,
        Role.APPROVER,
        False,
        "the organization's approver (decides pending.user's request)",
    ),
    DemoUser(
        "norequest.user",
        SpotAccess.NONE,
        Role.END_USER,
        False,
        "IDM account, no SPOT request: 'User is not assigned to the client application.'",
    ),
    DemoUser(
        "pending.user",
        SpotAccess.PENDING,
        Role.END_USER,
        False,
        "end user whose SPOT request is pending: not assigned, ask the approvers",
    ),
    DemoUser(
        "denied.user",
        SpotAccess.DENIED,
        Role.END_USER,
        False,
        "end user whose SPOT request was denied: not assigned",
    ),
)


def seed_demo_users(world: World, seed: int) -> None:
    provisioner = Provisioner(seed)
    organization = provisioner.create_organization(world)
    for demo in DEMO_USERS:
        provisioner.create_user(
            world,
            NewUser(
                user_id=demo.user_id,
                password=DEMO_PASSWORD,
                spot_access=demo.spot_access,
                role=demo.role,
                mfa=demo.mfa,
                organization_id=organization.id
                if demo.spot_access is not SpotAccess.NONE
                else None,
            ),
        )
