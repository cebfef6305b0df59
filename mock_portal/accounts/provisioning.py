"""Creating IDM users, SPOT access requests and organizations, Faker filling what is not given.

The control API, the demo users and the test fixtures all create people through here.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from faker import Faker

from mock_portal.accounts import access, factors, identifiers, lifecycle, passwords
from mock_portal.accounts.models import (
    AccessRequest,
    IdmUser,
    LineOfBusiness,
    MfaFactor,
    Organization,
    Role,
    SpotAccess,
)

if TYPE_CHECKING:
    from mock_portal.world.store import World


_PHONE_FACTORS = (MfaFactor.SMS, MfaFactor.VOICE)


class ProvisioningError(ValueError):
    """A request the store cannot satisfy; ``status`` is the HTTP status the API answers."""

    def __init__(self, status: int, error: str, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.error = error
        self.reason = reason


@dataclass(frozen=True)
class NewUser:
    user_id: str | None = None
    password: str | None = None
    # The password as IDM stores it (``hash_password``'s form), as Okta's Users API imports a
    # hashed password instead of a plain one (state files and exports carry this).
    password_hash: str | None = None
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    date_of_birth: date | None = None
    spot_access: SpotAccess = SpotAccess.NONE
    role: Role = Role.END_USER
    mfa: bool = True
    organization_id: str | None = None
    # The account lifecycle (DESIGN.md, "The IDM account lifecycle"); times default to now.
    mfa_factors: tuple[MfaFactor, ...] = (MfaFactor.EMAIL,)
    phone: str | None = None
    last_idm_login: datetime | None = None
    last_spot_login: datetime | None = None
    role_certified_at: datetime | None = None
    suspended: bool = False
    security_answer: str | None = None


# The security question the mock's IDM accounts carry (CMS IDM asks one at "Forgot Password";
# which questions it offers is not published: the mock's choice).
SECURITY_QUESTION = "What is the name of your first pet?"


@dataclass(frozen=True)
class NewOrganization:
    id: str | None = None
    business_name: str | None = None
    address: str | None = None
    npi: str | None = None
    ptan: str | None = None
    tin: str | None = None
    line_of_business: LineOfBusiness | None = None


class Provisioner:
    """Usage: ``Provisioner(seed=7).create_user(world, NewUser(spot_access=SpotAccess.APPROVED))``.

    Returns the user and the password it was given, so a generated one can be handed back
    (``None`` when it was given as a hash: nobody knows it then).
    """

    def __init__(self, seed: int | None = None) -> None:
        self.faker = Faker("en_US")
        self.rng = random.Random(seed)
        if seed is not None:
            self.faker.seed_instance(seed)

    def create_user(self, world: World, spec: NewUser) -> tuple[IdmUser, str | None]:
        first = spec.first_name or self.faker.first_name()
        last = spec.last_name or self.faker.last_name()
        user_id = spec.user_id or self._free_user_id(world, first, last)
        if world.find_user(user_id) is not None:
            raise ProvisioningError(409, "user_exists", f"IDM user {user_id!r} already exists")
        now = world.clock.now()
        last_idm_login = spec.last_idm_login or now
        user = IdmUser(
            id=identifiers.okta_user_id(self.rng),
            user_id=user_id,
            password_hash="",
            email=spec.email or f"{user_id.lower()}@{self.faker.free_email_domain()}",
            first_name=first,
            last_name=last,
            date_of_birth=spec.date_of_birth
            or self.faker.date_of_birth(minimum_age=21, maximum_age=75),
            address=self.faker.address().replace("\n", ", "),
            mfa=spec.mfa,
            created_at=now,
            mfa_factors=spec.mfa_factors,
            phone=spec.phone
            or (self._phone() if any(f in _PHONE_FACTORS for f in spec.mfa_factors) else None),
            totp_secret=factors.new_totp_secret() if MfaFactor.TOTP in spec.mfa_factors else None,
            last_idm_login=last_idm_login,
            last_spot_login=spec.last_spot_login or now,
            role_certified_at=spec.role_certified_at or now,
            suspended=spec.suspended,
            security_question=SECURITY_QUESTION,
        )
        # A hash as GET /__admin/state exports it is taken as it is (Okta's Users API imports
        # hashed passwords the same way): its password met the rules when it was set.
        password = None if spec.password_hash else spec.password or self._password(user)
        refusals = (
            [] if password is None else passwords.check(user, password, now, enforce_age=False)
        )
        if refusals:
            raise ProvisioningError(
                400,
                "invalid_password",
                "password must meet IDM's password rules: "
                + " ".join(refusal.message for refusal in refusals),
            )
        # A user who last logged in in the past set the password no later than that, so a forced
        # change or a reactivating reset is not blocked by the once-a-day rule (DESIGN.md).
        logins = (last_idm_login, user.last_spot_login or now)
        if password is None:
            user.password_hash = spec.password_hash or ""
            user.password_history = [user.password_hash]
            user.password_changed_at = min(now, *logins)
        else:
            passwords.set_password(user, password, min(now, *logins))
        user.security_answer = spec.security_answer or self.faker.first_name()
        if spec.spot_access is not SpotAccess.NONE:
            organization = self._organization_for(world, spec)
            user.access = AccessRequest(
                confirmation_number=identifiers.confirmation_number(self.rng),
                role=spec.role,
                status=spec.spot_access,
                organization_id=organization.id,
                submitted_at=world.clock.now(),
                decided_at=None if spec.spot_access is SpotAccess.PENDING else world.clock.now(),
            )
        world.add_user(user)
        lifecycle.remove_uncertified_role(world, user)
        return user, password

    def set_access(
        self,
        world: World,
        user: IdmUser,
        status: SpotAccess,
        role: Role | None = None,
        organization_id: str | None = None,
    ) -> None:
        """Put ``user``'s SPOT request in ``status``, as the SPOT Help Desk can.

        Makes a pending request first when there is none; approving or denying e-mails the user.
        """
        if status is SpotAccess.NONE:
            user.access = None
            return
        if user.access is None:
            spec = NewUser(role=role or Role.END_USER, organization_id=organization_id)
            user.access = AccessRequest(
                confirmation_number=identifiers.confirmation_number(self.rng),
                role=spec.role,
                status=SpotAccess.PENDING,
                organization_id=self._organization_for(world, spec).id,
                submitted_at=world.clock.now(),
            )
        else:
            if organization_id is not None:
                self._organization_for(world, NewUser(organization_id=organization_id))
            user.access = replace(
                user.access,
                role=role or user.access.role,
                organization_id=organization_id or user.access.organization_id,
            )
        access.decide(world, user, status, decided_by="SPOT Help Desk")

    def create_organization(
        self, world: World, spec: NewOrganization | None = None
    ) -> Organization:
        """An organization with what ``spec`` gives, Faker and the identifier rules filling the
        rest; 409 when its id is taken."""
        spec = spec or NewOrganization()
        organization_id = (
            spec.id or f"org-{len(world.organizations) + 1}-{self.rng.randrange(16**6):06x}"
        )
        if organization_id in world.organizations:
            raise ProvisioningError(
                409, "organization_exists", f"organization {organization_id!r} already exists"
            )
        organization = Organization(
            id=organization_id,
            business_name=spec.business_name or self.faker.company(),
            address=spec.address or self.faker.address().replace("\n", ", "),
            npi=spec.npi or identifiers.npi(self.rng),
            ptan=spec.ptan or identifiers.ptan(self.rng),
            tin=spec.tin or identifiers.tin(self.rng),
            line_of_business=spec.line_of_business or self.rng.choice(list(LineOfBusiness)),
        )
        world.organizations[organization.id] = organization
        return organization

    def _organization_for(self, world: World, spec: NewUser) -> Organization:
        if spec.organization_id is None:
            return self.create_organization(world)
        organization = world.organizations.get(spec.organization_id)
        if organization is None:
            raise ProvisioningError(
                404, "unknown_organization", f"no organization {spec.organization_id!r}"
            )
        return organization

    def _free_user_id(self, world: World, first: str, last: str) -> str:
        stem = "".join(ch for ch in (first[:1] + last).lower() if ch.isalnum()) or "user"
        while True:
            candidate = f"{stem}{self.rng.randrange(1000, 10000)}"
            if world.find_user(candidate) is None:
                return candidate

    def _password(self, user: IdmUser) -> str:
        # IDM's rules (accounts/passwords.py): 15-60 characters with upper, lower and a digit.
        while True:
            password = self.faker.password(
                length=16, special_chars=True, digits=True, upper_case=True, lower_case=True
            )
            if not passwords.check(user, password, user.created_at, enforce_age=False):
                return password

    def _phone(self) -> str:
        # A fictional number: 555-0100 to 555-0199 are reserved for fiction (NANPA).
        return f"+1 {self.rng.randrange(200, 1000)}-555-01{self.rng.randrange(100):02d}"
