"""The demo users ``serve`` puts in the default namespace, one per state a tester needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from mock_portal.accounts.models import MfaFactor, Role, SpotAccess
from mock_portal.accounts.provisioning import NewUser, Provisioner

if TYPE_CHECKING:
    from datetime import datetime

    from mock_portal.world.store import World

DEMO_PASSWORD = "Spot-Demo-2026!"  # noqa: S105 (a published demo credential, by design)


@dataclass(frozen=True)
class DemoUser:
    user_id: str
    spot_access: SpotAccess
    role: Role
    mfa: bool
    shows: str
    # The account lifecycle (docs/account-lifecycle.md): the factor, and how long ago (days) the
    # user last logged in to IDM or SPOT, or had the role certified; None is now.
    factor: MfaFactor = MfaFactor.EMAIL
    idm_days_ago: int | None = None
    spot_days_ago: int | None = None
    certified_days_ago: int | None = None


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
    DemoUser(
        "totp.user",
        SpotAccess.APPROVED,
        Role.END_USER,
        True,
        "Google Authenticator code (its totp_secret: GET /__admin/users/totp.user)",
        factor=MfaFactor.TOTP,
    ),
    DemoUser(
        "expired.user",
        SpotAccess.APPROVED,
        Role.END_USER,
        False,
        "no IDM log in for 61 days: the password expired, IDM asks for a new one",
        idm_days_ago=61,
    ),
    DemoUser(
        "inactive.user",
        SpotAccess.APPROVED,
        Role.END_USER,
        False,
        "no SPOT log in for 31 days: SPOT access inactive until the IDM password is changed",
        spot_days_ago=31,
    ),
    DemoUser(
        "uncertified.user",
        SpotAccess.APPROVED,
        Role.END_USER,
        False,
        "role not certified for over a year: removed, 'not assigned'",
        certified_days_ago=366,
    ),
)


def _ago(world: World, days: int | None) -> datetime | None:
    return None if days is None else world.clock.now() - timedelta(days=days)


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
                mfa_factors=(demo.factor,),
                last_idm_login=_ago(world, demo.idm_days_ago),
                last_spot_login=_ago(world, demo.spot_days_ago),
                role_certified_at=_ago(world, demo.certified_days_ago),
                organization_id=organization.id
                if demo.spot_access is not SpotAccess.NONE
                else None,
            ),
        )
