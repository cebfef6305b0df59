"""The control API (**Contract**, DESIGN.md), one row per call, as WireMock's ``AdminRoutes``:
JSON under ``/__admin/`` on the SPOT port.

Every call but ``health`` needs ``Authorization: Bearer <token>`` (401 with
``WWW-Authenticate`` otherwise); each acts on the namespace the ``X-Portal-Namespace`` header
names (``default`` without it). From :data:`CALLS` come the routes (:func:`routes`), request
validation (each row's models), the OpenAPI document (:mod:`.openapi`) and the Python client
(:mod:`.client`, which refuses to define a client without a method for every row). A new call
is one row here, its models in :mod:`.models` and its handler in the module of its resource.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

from . import beneficiaries, clock, logingov, models, portal, records, settings, systems, users
from . import routing as _routing
from .call import Call

if TYPE_CHECKING:
    from starlette.routing import Route

NO_USER = MappingProxyType({404: "No such user in this namespace"})
NO_SYSTEM = MappingProxyType({404: "No such system"})

CALLS: tuple[Call, ...] = (
    # -- the portal
    Call(
        "health",
        "GET",
        "/health",
        "Whether both sites answer (no token needed)",
        portal.health,
        models.Health,
        client="health",
        public=True,
        unavailable=True,
    ),
    Call(
        "reset",
        "POST",
        "/reset",
        "Return the namespace to a clean state",
        portal.reset,
        models.Status,
        client="reset",
    ),
    Call(
        "drop_namespace",
        "DELETE",
        "/namespace",
        "Forget the namespace (test teardown)",
        portal.drop_namespace,
        models.Status,
        client="drop_namespace",
    ),
    Call(
        "oidc_client",
        "GET",
        "/oidc-client",
        "SPOT's client registration at IDM",
        portal.oidc_client,
        models.OidcClient,
        client="oidc_client",
    ),
    Call(
        "openapi",
        "GET",
        "/openapi.json",
        "This document",
        portal.openapi_document,
        models.Document,
        client="openapi",
    ),
    # -- users and access
    Call(
        "create_user",
        "POST",
        "/users",
        "Create an IDM user; Faker fills what is not given",
        users.create_user,
        models.User,
        client="create_user",
        ok=201,
        body=models.NewUserBody,
        errors={404: "No such organization", 409: "The user ID is taken"},
    ),
    Call(
        "get_user",
        "GET",
        "/users/{user_id}",
        "An IDM user",
        users.get_user,
        models.User,
        client="user",
        params=models.UserPath,
        errors=NO_USER,
    ),
    Call(
        "set_access",
        "PUT",
        "/users/{user_id}/access",
        "Set the user's SPOT access request, as the SPOT Help Desk can (decisions are e-mailed)",
        users.put_access,
        models.User,
        client="set_access",
        params=models.UserPath,
        body=models.AccessBody,
        errors={404: "No such user or organization"},
    ),
    Call(
        "unlock_user",
        "POST",
        "/users/{user_id}/unlock",
        "Lift an IDM lockout now",
        users.unlock_user,
        models.User,
        client="unlock",
        params=models.UserPath,
        errors=NO_USER,
    ),
    Call(
        "organizations",
        "GET",
        "/organizations",
        "Organizations and their approved approvers",
        users.organizations,
        models.Organizations,
        client="organizations",
    ),
    # -- systems, windows, faults
    Call(
        "list_systems",
        "GET",
        "/systems",
        "Every system's status at the mock's now, with its windows",
        systems.list_systems,
        models.Systems,
        client="systems",
    ),
    Call(
        "set_system",
        "PUT",
        "/systems/{name}",
        "Take a system down, or bring it back",
        systems.put_system,
        models.SystemState,
        client="set_system",
        params=models.SystemPath,
        body=models.SystemBody,
        errors=NO_SYSTEM,
    ),
    Call(
        "list_windows",
        "GET",
        "/systems/{name}/windows",
        "The system's maintenance windows (the weekly one included while followed)",
        systems.list_windows,
        models.Windows,
        client="windows",
        params=models.SystemPath,
        errors=NO_SYSTEM,
    ),
    Call(
        "add_window",
        "POST",
        "/systems/{name}/windows",
        "Schedule a one-off maintenance window",
        systems.add_window,
        models.Window,
        client="add_window",
        ok=201,
        params=models.SystemPath,
        body=models.WindowBody,
        errors={404: "No such system", 409: "The namespace holds as many windows as it may"},
    ),
    Call(
        "delete_window",
        "DELETE",
        "/systems/{name}/windows/{window_id}",
        "Cancel a one-off maintenance window",
        systems.delete_window,
        models.DeletedWindow,
        client="delete_window",
        params=models.WindowPath,
        errors={404: "No such system or window", 409: "The weekly window is a setting"},
    ),
    Call(
        "set_fault",
        "PUT",
        "/systems/{name}/fault",
        "A technical fault in a back end (HETS, FISS) that stays nominally up",
        systems.put_fault,
        models.SystemState,
        client="set_fault",
        params=models.BackEndPath,
        body=models.FaultBody,
        errors=NO_SYSTEM,
    ),
    Call(
        "clear_fault",
        "DELETE",
        "/systems/{name}/fault",
        "End a back end's fault",
        systems.delete_fault,
        models.SystemState,
        client="clear_fault",
        params=models.BackEndPath,
        errors=NO_SYSTEM,
    ),
    # -- clock
    Call("get_clock", "GET", "/clock", "The mock's now", clock.get_clock, models.Clock, "clock"),
    Call(
        "freeze_clock",
        "PUT",
        "/clock",
        "Freeze the mock's clock",
        clock.put_clock,
        models.Clock,
        client="freeze_clock",
        body=models.ClockBody,
    ),
    Call(
        "unfreeze_clock",
        "DELETE",
        "/clock",
        "Return to real time",
        clock.delete_clock,
        models.Clock,
        client="unfreeze_clock",
    ),
    # -- mail, journal, catalogue
    Call(
        "mail",
        "GET",
        "/mail",
        "The outbox, oldest first",
        records.mail,
        models.Outbox,
        client="mail",
        query=models.MailQuery,
    ),
    Call(
        "journal",
        "GET",
        "/journal",
        "Recent requests and back-end answers, PII masked",
        records.journal,
        models.Journal,
        client="journal",
        query=models.JournalQuery,
    ),
    Call(
        "errors",
        "GET",
        "/errors",
        "The error catalogue",
        records.error_catalogue,
        models.Catalogue,
        client="error_catalogue",
    ),
    # -- beneficiaries
    Call(
        "beneficiaries",
        "GET",
        "/beneficiaries",
        "A page of the seeded population",
        beneficiaries.beneficiaries,
        models.BeneficiaryPage,
        client="beneficiaries",
        query=models.BeneficiaryQuery,
    ),
    Call(
        "claims",
        "GET",
        "/claims",
        "What FISS holds for one beneficiary",
        beneficiaries.claims,
        models.Claims,
        client="claims",
        query=models.ClaimsQuery,
        errors={404: "Nobody in the population has this MBI"},
    ),
    # -- Login.gov
    Call(
        "create_logingov_account",
        "POST",
        "/logingov/accounts",
        "Create a Login.gov account; Faker fills what is not given",
        logingov.create_account,
        models.LoginGovAccount,
        client="create_logingov_account",
        ok=201,
        body=models.NewLoginGovAccountBody,
        errors={409: "The e-mail address has a Login.gov account"},
    ),
    Call(
        "get_logingov_account",
        "GET",
        "/logingov/accounts/{email}",
        "A Login.gov account, and the IDM user its sign-ins link to",
        logingov.get_account,
        models.LoginGovAccount,
        client="logingov_account",
        params=models.LoginGovAccountPath,
        errors={404: "No such Login.gov account in this namespace"},
    ),
    # -- settings, release
    Call(
        "get_settings",
        "GET",
        "/settings",
        "The namespace's settings",
        settings.get_settings,
        models.Settings,
        client="settings",
    ),
    Call(
        "put_settings",
        "PUT",
        "/settings",
        "Cache traps, SPOT's weekly maintenance window, IDM's first page",
        settings.put_settings,
        models.Settings,
        client="settings",
        body=models.SettingsBody,
    ),
    Call(
        "release",
        "POST",
        "/release",
        "Ship a SPOT release",
        settings.new_release,
        models.Settings,
        client="release",
    ),
)

BY_NAME = MappingProxyType({call.name: call for call in CALLS})


def routes() -> list[Route]:
    """The calls as Starlette routes, for the ``/__admin`` mount."""
    return _routing.routes(CALLS)
