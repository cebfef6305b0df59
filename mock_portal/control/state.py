"""State files: a namespace's whole setup written down (``serve --config FILE``), and
``GET /__admin/state``, which writes the current namespace as one (docs/state-files.md).

A state file is TOML (read with the standard library's ``tomllib``) or JSON. Each section is
a list of bodies of one control-API call (:data:`SECTIONS`: the section's name and the call's
name in ``table.CALLS``); an entry's members are that call's body, plus its path parameters
(``name = "HETS"`` for ``PUT /systems/{name}``) and an optional ``note`` for people. Entries are
validated by the call's own models and applied by the call's own handler, so a file can hold
exactly what the control API takes, and a new call becomes a section with one line here.

The idea follows WireMock, whose stubs are JSON files under ``mappings/`` loaded at start and
saved back from the running server (wiremock.org/docs/stubbing, "Saving stubs"), and
mock-oauth2-server, configured by a JSON file named in ``JSON_CONFIG``
(github.com/navikt/mock-oauth2-server, README). The sections and the export are the mock's
own choice. ``tomllib`` reports a syntax error's line and column but not where a value came
from, so a validation error gives the line of the entry's ``[[section]]`` header and of the
member (when written as ``key = value`` under it), found in the text: an entry written inline
(``users = [{...}]``) is named by section and index only.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Awaitable, Callable, Coroutine, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from importlib import resources
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import tomli_w
from starlette.requests import Request
from starlette.responses import Response

from mock_portal.accounts.provisioning import Provisioner, ProvisioningError
from mock_portal.sites import web
from mock_portal.world.clock import EASTERN

from .call import Given
from .models import StateQuery
from .users import organization_json
from .validation import Refusal, read_body, read_params

if TYPE_CHECKING:
    from mock_portal.world.services import Services
    from mock_portal.world.store import World

    from .call import Call

# A member any entry may carry besides the call's: words for people (``serve``'s banner shows
# users' notes). The call never sees it.
NOTE = "note"
# The state ``serve`` starts the default namespace with, unless --config names another.
DEFAULT_STATE = "demo.toml"
# A user's lifecycle moments may be written relative to the mock's clock when the file is
# applied, as a negative ISO 8601 duration in days ("-P61D": 61 days before), so a file that
# says "no IDM log in for 61 days" stays true whenever it is loaded (the demo users' expired.user).
RELATIVE_MOMENTS = ("last_idm_login", "last_spot_login", "role_certified_at")
_RELATIVE = re.compile(r"-P(?P<days>[0-9]{1,5})D")
MEDIA_TYPES = {"toml": "application/toml", "json": "application/json"}

Exporter = Callable[["World"], list[dict[str, Any]]]


def _settings(world: World) -> list[dict[str, Any]]:
    return [
        {
            "cache_traps": world.cache_traps,
            "weekly_maintenance": world.weekly_maintenance,
            "idm_sign_in": world.idm_sign_in,
            "backend_timeout": world.backend_timeout,
            "idm_timeout": world.idm_timeout,
            "session_check_interval": world.session_check_interval,
        }
    ]


def _clock(world: World) -> list[dict[str, Any]]:
    entry: dict[str, Any] = {}
    if world.clock.frozen_at is not None:
        entry["now"] = world.clock.frozen_at.astimezone(EASTERN)
    if entry or world.clock.idm_skew_seconds:
        entry["idm_skew_seconds"] = world.clock.idm_skew_seconds
    return [entry] if entry else []


def _organizations(world: World) -> list[dict[str, Any]]:
    return [organization_json(organization) for organization in world.organizations.values()]


def _users(world: World) -> list[dict[str, Any]]:
    entries = []
    for user in world.users.values():
        entry: dict[str, Any] = {
            "user_id": user.user_id,
            "password_hash": user.password_hash,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_of_birth": user.date_of_birth,
            "mfa": user.mfa,
            "spot_access": user.spot_access.value,
            # The account lifecycle (docs/account-lifecycle.md). A TOTP secret is not a field of
            # POST /__admin/users: a replayed totp user gets a new one (GET the user for it).
            "mfa_factor": user.mfa_factors[0].value,
            "mfa_factors": [factor.value for factor in user.mfa_factors],
            **{
                name: moment.astimezone(EASTERN)
                for name, moment in (
                    ("last_idm_login", user.last_idm_login),
                    ("last_spot_login", user.last_spot_login),
                    ("role_certified_at", user.role_certified_at),
                )
                if moment is not None
            },
            "suspended": user.suspended,
            "security_answer": user.security_answer,
        }
        if user.phone:
            entry["phone"] = user.phone
        if user.access is not None:
            entry["role"] = user.access.role.value
            entry["organization_id"] = user.access.organization_id
        entries.append(entry)
    return entries


def _outages(world: World) -> list[dict[str, Any]]:
    return [
        _without_empty(
            {
                "name": status.name.value,
                "available": False,
                "maintenance": status.maintenance.value if status.maintenance else None,
                "message": status.message,
            }
        )
        for status in world.systems.values()
        if not status.available
    ]


def _windows(world: World) -> list[dict[str, Any]]:
    return [
        _without_empty(
            {
                "name": window.system.value,
                "start": window.start.astimezone(EASTERN),
                "end": window.end.astimezone(EASTERN),
                "message": window.message,
            }
        )
        for window in world.windows.values()
        if not window.recurring
    ]


def _faults(world: World) -> list[dict[str, Any]]:
    return [
        _without_empty({"name": system.value, "kind": fault.kind.value, "message": fault.message})
        for system, fault in world.faults.items()
    ]


def _clients(world: World) -> list[dict[str, Any]]:
    return [
        _without_empty(
            {
                "client_id": client.client_id,
                "client_secret": client.client_secret,
                "client_type": client.client_type,
                "redirect_uris": list(client.redirect_uris),
                "post_logout_redirect_uris": list(client.post_logout_redirect_uris),
                "assigned_users": (
                    "everyone" if client.assigned_users is None else sorted(client.assigned_users)
                ),
            }
        )
        for client in world.idm.clients.values()
    ]


def _without_empty(entry: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in entry.items() if value not in (None, "")}


@dataclass(frozen=True)
class Section:
    """A section of a state file: a list of bodies of the control-API call ``call``, applied
    in :data:`SECTIONS`' order; ``export`` writes a namespace's entries for it."""

    name: str
    call: str
    export: Exporter


# One line a section. Order matters: the clock before what is stamped with it, organizations
# before the users whose requests name them.
SECTIONS: tuple[Section, ...] = (
    Section("settings", "put_settings", _settings),
    Section("clock", "freeze_clock", _clock),
    Section("organizations", "create_organization", _organizations),
    Section("users", "create_user", _users),
    Section("outages", "set_system", _outages),
    Section("windows", "add_window", _windows),
    Section("faults", "set_fault", _faults),
    Section("clients", "create_client", _clients),
)
BY_SECTION = {section.name: section for section in SECTIONS}


class StateError(ValueError):
    """A state file that cannot be read, validated or applied; the message names the file,
    the section and index, the line where known, and the field."""


@dataclass(frozen=True)
class Entry:
    section: Section
    index: int
    given: Given
    members: dict[str, Any]
    where: str  # "FILE: users[2] (line 14)"
    # Moments written relative to the mock's clock ("-P61D"), resolved when the entry is applied.
    relative: Mapping[str, timedelta] = field(default_factory=dict)

    @property
    def note(self) -> str | None:
        note = self.members.get(NOTE)
        return note if isinstance(note, str) else None


@dataclass(frozen=True)
class State:
    """A validated state file: its entries in the order they are applied."""

    source: str
    entries: tuple[Entry, ...] = field(default=())

    def of(self, section: str) -> Iterator[Entry]:
        return (entry for entry in self.entries if entry.section.name == section)


def _call(section: Section) -> Call:
    from .table import BY_NAME  # the table names this module's handler

    return BY_NAME[section.call]


# -- reading ------------------------------------------------------------------------------------


def load(path: str | Path) -> State:
    """Read and validate a state file (``.json``: JSON; anything else: TOML)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise StateError(f"{path}: cannot read it ({exc})") from None
    return parse(text, str(path), json_format=path.suffix.lower() == ".json")


def default_state() -> State:
    """The demo users (the state file shipped in ``mock_portal/states/``)."""
    shipped = resources.files("mock_portal").joinpath("states", DEFAULT_STATE)
    return parse(shipped.read_text(encoding="utf-8"), f"mock_portal/states/{DEFAULT_STATE}")


def parse(text: str, source: str, *, json_format: bool = False) -> State:
    document: Any
    try:
        document = json.loads(text) if json_format else tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:  # its message ends "(at line L, column C)"
        raise StateError(f"{source}: not valid TOML: {exc}") from None
    except ValueError as exc:  # json.JSONDecodeError gives the line and column
        raise StateError(f"{source}: not valid JSON: {exc}") from None
    if not isinstance(document, dict):
        raise StateError(f"{source}: a state file is a table of sections (a JSON object)")
    unknown = [name for name in document if name not in BY_SECTION]
    if unknown:
        raise StateError(
            f"{source}: unknown section(s) {', '.join(map(repr, unknown))}; sections: "
            f"{', '.join(BY_SECTION)}"
        )
    lines = None if json_format else text.splitlines()
    entries: list[Entry] = []
    for section in SECTIONS:
        value = document.get(section.name, [])
        items = [value] if isinstance(value, dict) else value
        if not isinstance(items, list):
            raise StateError(f"{source}: {section.name} must be a list of tables (or one table)")
        single = isinstance(value, dict)
        for index, item in enumerate(items):
            entries.append(_entry(section, index, item, source, lines, single=single))
    return State(source, tuple(entries))


def _entry(
    section: Section,
    index: int,
    item: object,
    source: str,
    lines: list[str] | None,
    *,
    single: bool,
) -> Entry:
    label = section.name if single else f"{section.name}[{index}]"
    line = _header_line(lines, section.name, index, single=single)
    where = f"{source}: {label}" + (f" (line {line})" if line else "")

    def fail(reason: str) -> StateError:
        member = reason.split(" ", 1)[0].rstrip(":,")
        member_line = _member_line(lines, line, member)
        at = f"{source}: {label}" + (
            f" (line {member_line})" if member_line else f" (line {line})" if line else ""
        )
        return StateError(f"{at}: {reason}")

    if not isinstance(item, dict):
        raise fail(f"each entry of {section.name} must be a table (a JSON object)")
    call = _call(section)
    members = dict(item)
    note = members.pop(NOTE, None)
    if note is not None and not isinstance(note, str):
        raise fail(f"{NOTE} must be a string")
    path: dict[str, str] = {}
    for name in call.path_parameters:
        value = members.pop(name, None)
        if not isinstance(value, str):
            raise fail(f"{name} is required, a string ({call.method} /__admin{call.path})")
        path[name] = value
    relative: dict[str, timedelta] = {}
    for name in RELATIVE_MOMENTS:
        written = members.get(name)
        if isinstance(written, str) and (ago := _RELATIVE.fullmatch(written)):
            relative[name] = timedelta(days=int(ago["days"]))
            del members[name]
    try:
        params = read_params(path, call.params) if call.params else None
        if call.body is None:
            if members:
                raise fail(f"{', '.join(members)}: {section.name} takes no other members")
            body = None
        else:
            # Through JSON, so TOML's dates and JSON's strings are read alike and strictly.
            raw = json.dumps(members, default=_iso).encode()
            body = read_body(raw, call.body)
    except Refusal as refusal:
        raise fail(refusal.reason) from None
    return Entry(section, index, Given(path=params, body=body), dict(item), where, relative)


def _iso(value: object) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not a value a state file may hold")


def _header_line(lines: list[str] | None, section: str, index: int, *, single: bool) -> int | None:
    """The 1-based line of the entry's ``[[section]]`` (or ``[section]``) header, if written so."""
    if lines is None:
        return None
    name = re.escape(section)
    header = re.compile(
        rf"\s*\[\s*{name}\s*\]\s*(#.*)?" if single else rf"\s*\[\[\s*{name}\s*\]\]\s*(#.*)?"
    )
    found = [number for number, line in enumerate(lines, 1) if header.fullmatch(line)]
    return found[index] if index < len(found) else None


def _member_line(lines: list[str] | None, header: int | None, member: str) -> int | None:
    """The line of ``member = ...`` in the entry under the header at line ``header``."""
    if lines is None or header is None or not re.fullmatch(r"[A-Za-z0-9_]+", member):
        return None
    key = re.compile(rf"\s*\"?{member}\"?\s*=")
    for number in range(header + 1, len(lines) + 1):
        line = lines[number - 1]
        if line.lstrip().startswith("["):
            return None
        if key.match(line):
            return number
    return None


# -- applying -----------------------------------------------------------------------------------


def apply(services: Services, namespace: str, state: State) -> None:
    """Make each entry's call in ``namespace``, in order (the caller has reset it).

    Faker fills what the file leaves out from a provisioner seeded afresh with ``serve``'s
    seed, so the same file gives the same people at every start and every reset."""
    services = replace(services, provisioner=Provisioner(services.settings.seed))
    for entry in state.entries:
        call = _call(entry.section)
        request = _request(services, namespace, call)
        given = entry.given
        if entry.relative and given.body is not None:
            # By the namespace's clock as it stands now (a [clock] entry has been applied).
            now = services.store.world(namespace).clock.now()
            moments = {name: now - ago for name, ago in entry.relative.items()}
            given = replace(given, body=given.body.model_copy(update=moments))
        try:
            _run(call.handler(request, given))
        except (Refusal, ProvisioningError) as exc:
            raise StateError(f"{entry.where}: {exc.reason}") from None


def _request(services: Services, namespace: str, call: Call) -> Request:
    """The request a handler would get for this call (no body: it has its models already)."""
    return Request(
        {
            "type": "http",
            "app": SimpleNamespace(state=SimpleNamespace(portal=services)),
            "method": call.method,
            "path": web.CONTROL_API_PREFIX + call.path.lstrip("/"),
            "headers": [],
            "query_string": b"",
            "state": {"namespace": namespace},
        }
    )


def _run(handler: Awaitable[object]) -> object:
    """Run a handler that does not wait on anything (those of :data:`SECTIONS`) to its end,
    here and now: a state is applied inside a reset, which cannot wait."""
    if not isinstance(handler, Coroutine):
        raise TypeError("a state section's handler must be an async function")
    try:
        handler.send(None)
    except StopIteration as done:
        return done.value
    handler.close()
    raise RuntimeError("a state section's handler awaited: it cannot be applied synchronously")


# -- writing ------------------------------------------------------------------------------------


def export(world: World) -> dict[str, Any]:
    """The namespace as a state file's sections (dates and times as ``datetime``/``date``)."""
    document: dict[str, Any] = {}
    for section in SECTIONS:
        entries = section.export(world)
        if entries:
            document[section.name] = entries
    return document


def to_toml(document: dict[str, Any], comment: str) -> str:
    # One-entry settings and clock read better as [settings] than [[settings]]; both load.
    shaped = {
        name: entries[0] if name in ("settings", "clock") and len(entries) == 1 else entries
        for name, entries in document.items()
    }
    return f"# {comment}\n" + tomli_w.dumps(shaped)


def to_json(document: dict[str, Any]) -> str:
    return json.dumps(document, default=_iso, indent=2) + "\n"


async def export_state(request: Request, given: Given) -> Response:
    """The namespace as a state file, JSON (default) or TOML (``?format=toml``)."""
    form = given.of(StateQuery).format
    with web.unit_of_work(request) as world:
        document = export(world)
        comment = (
            f"mock-portal state of namespace {world.namespace}, exported at "
            f"{world.clock.now().astimezone(EASTERN).isoformat()} by the mock's clock; replay "
            "with: mock-portal serve --config FILE (docs/state-files.md)"
        )
    text = to_json(document) if form == "json" else to_toml(document, comment)
    return Response(text, media_type=MEDIA_TYPES[form])
