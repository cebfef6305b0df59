"""The control panel: a page at ``/__admin/`` for people reproducing a report by hand.

The page is a shell that holds no token and no portal state; anyone may load it. Its script
(``static/admin.js``) asks for the admin token, keeps it in the tab's ``sessionStorage`` and sends
it as a bearer token to the JSON control API (:mod:`mock_portal.control`). No cookie ever carries
the right to change the portal, so another site has no ambient credential to forge requests with.

The choices the forms offer come from the same enums the API validates against, so a new system,
outage kind, access state or role shows up here without touching the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mock_portal.accounts.models import MfaFactor, Role, SpotAccess
from mock_portal.availability.systems import FaultKind, Maintenance, SystemName
from mock_portal.sites import web
from mock_portal.world.store import NAMESPACE_HEADER, NAMESPACE_PATTERN

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

PANEL_PATH = "/__admin/"

_ACCESS_LABELS = {
    SpotAccess.NONE: "No request",
    SpotAccess.PENDING: "Pending",
    SpotAccess.DENIED: "Denied",
    SpotAccess.APPROVED: "Approved",
}


@dataclass(frozen=True)
class QuickPersona:
    """A one-click persona for a state the demo users show (``mock_portal/accounts/demo.py``)."""

    label: str
    spot_access: SpotAccess
    role: Role


QUICK_PERSONAS = (
    QuickPersona("Approved end user", SpotAccess.APPROVED, Role.END_USER),
    QuickPersona("Pending end user", SpotAccess.PENDING, Role.END_USER),
    QuickPersona("Denied end user", SpotAccess.DENIED, Role.END_USER),
    QuickPersona("No SPOT request", SpotAccess.NONE, Role.END_USER),
    QuickPersona("Approver", SpotAccess.APPROVED, Role.APPROVER),
)


@dataclass(frozen=True)
class LifecycleState:
    """An account-lifecycle state the Personas form can make (docs/account-lifecycle.md): the
    POST /users field that makes it, set ``days_ago`` days before the mock's clock (or true)."""

    label: str
    field: str
    days_ago: int | None = None


LIFECYCLE_STATES = (
    LifecycleState("Password expired (no IDM log in for 61 days)", "last_idm_login", 61),
    LifecycleState("SPOT access inactive (no SPOT log in for 31 days)", "last_spot_login", 31),
    LifecycleState("Role not certified (for 366 days)", "role_certified_at", 366),
    LifecycleState("Suspended (only the help desk lifts it)", "suspended"),
)


def access_label(access: SpotAccess) -> str:
    return _ACCESS_LABELS.get(access, access.value.replace("_", " ").capitalize())


async def page(request: Request) -> Response:
    return web.render(
        request,
        "admin/panel.html",
        {
            "access_choices": [(a.value, access_label(a)) for a in SpotAccess],
            "role_choices": [(r.value, r.label) for r in Role],
            "system_choices": [(s.value, f"{s.value}: {s.description}") for s in SystemName],
            "outage_choices": [(m.value, m.reason.capitalize()) for m in Maintenance],
            "back_end_choices": [
                (s.value, f"{s.value}: {s.description}") for s in SystemName if s.is_back_end
            ],
            "fault_choices": [(k.value, f"{k.value.capitalize()}: {k.symptom}") for k in FaultKind],
            "quick_personas": QUICK_PERSONAS,
            "factor_choices": [(f.value, f.label) for f in MfaFactor],
            "lifecycle_states": LIFECYCLE_STATES,
            "namespace_header": NAMESPACE_HEADER,
            "namespace_pattern": NAMESPACE_PATTERN,
        },
    )


async def to_page(request: Request) -> Response:
    # What people type; the API's mount only answers below the slash, so say where the panel is.
    return web.redirect(PANEL_PATH, 307)
