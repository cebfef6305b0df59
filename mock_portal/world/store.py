"""The in-memory state store: one lock, one world per namespace.

A namespace is a private copy of everything mutable (users, sessions, mail, outages, the clock),
chosen per request by the ``X-Portal-Namespace`` header. Tests give each scenario its own
namespace, so parallel workers can share one portal without seeing each other; a person clicking
in a browser uses the ``default`` namespace. Read-only data (the seeded beneficiary population,
IDM's signing keys) is shared by all.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

from mock_portal.accounts.models import IdmUser, Organization
from mock_portal.availability.maintenance import Window
from mock_portal.availability.systems import Fault, SystemName, SystemStatus, all_available
from mock_portal.sites.idm.state import IdmState
from mock_portal.sites.logingov.state import LoginGovState
from mock_portal.sites.spot.state import SpotState
from mock_portal.world.clock import Clock
from mock_portal.world.journal import Journal
from mock_portal.world.outbox import Outbox

DEFAULT_NAMESPACE = "default"
NAMESPACE_HEADER = "X-Portal-Namespace"
# Only the control API (an authorized call) creates a namespace; pages, IDM and OIDC refuse one
# that does not exist (UnknownNamespace), so anonymous requests cannot fill the store. Their
# number is still capped: past it the namespace used least recently is forgotten (never
# ``default``). Tests drop theirs on teardown; this bounds the ones nobody drops. An empty world
# costs about 5 KB.
MAX_NAMESPACES = 1_000
NAMESPACE_PATTERN = r"[A-Za-z0-9_.-]{1,64}"
_NAMESPACE_RE = re.compile(NAMESPACE_PATTERN)


class InvalidNamespace(ValueError):
    pass


class UnknownNamespace(LookupError):
    """A request outside the control API named a namespace the store does not hold."""

    def __init__(self, namespace: str) -> None:
        super().__init__(
            # No quotes around the name (its characters need none): pages escape them.
            f"The namespace {namespace} does not exist. Only the control API creates "
            f"namespaces: POST /__admin/reset with the header {NAMESPACE_HEADER}: {namespace} "
            f"and the admin token (Authorization: Bearer <token>). Without the header, "
            f"requests use the namespace {DEFAULT_NAMESPACE}, which always exists."
        )
        self.namespace = namespace


def check_namespace(value: str) -> str:
    if not _NAMESPACE_RE.fullmatch(value):
        raise InvalidNamespace(f"{NAMESPACE_HEADER} must be 1-64 letters, digits, '.', '_' or '-'")
    return value


@dataclass(frozen=True)
class WorldDefaults:
    """Per-namespace settings a world starts with (from ``serve``'s flags)."""

    cache_traps: bool = True
    # SPOT's weekly Wednesday 8-10 p.m. ET window, in the default namespace only: that is where
    # people click around and expect the real schedule, while a test's namespace must not fail
    # because the suite happens to run on a Wednesday evening (it turns the window on itself).
    weekly_maintenance: bool = True
    # IDM's first page: "chooser" (EUA/IDM User ID or Login.gov, IDM's sign-in experience of
    # today) or "classic" (the one-step page of First Coast's August 2025 SPOT instructions).
    idm_sign_in: str = "chooser"
    # How long SPOT waits for HETS or FISS (``Settings.backend_timeout``, ``serve
    # --backend-timeout``); a namespace may set its own (``PUT /__admin/settings``), so a test
    # of a slow back end waits milliseconds without a portal of its own.
    backend_timeout: float = 1.0
    # How long SPOT waits for IDM's back channel (/token, /keys): ``Settings.idm_timeout``, or
    # the namespace's own likewise.
    idm_timeout: float = 5.0
    # How often, in seconds, SPOT's page script asks how long its session has left
    # (mock_portal/sites/spot/inactivity.py): ``Settings.session_check_interval`` (``serve
    # --session-check-interval``, each second), or the namespace's own likewise.
    session_check_interval: float = 1.0


class World:
    """Everything mutable in one namespace. Callers hold ``Store.lock`` while they use it."""

    def __init__(self, namespace: str, defaults: WorldDefaults) -> None:
        self.namespace = namespace
        self.clock = Clock()
        self.users: dict[str, IdmUser] = {}
        self.organizations: dict[str, Organization] = {}
        self.outbox = Outbox()
        # Outages set by hand (PUT /__admin/systems/X); mock_portal/availability/status.py combines
        # them with the windows and faults below into what each system is at a moment.
        self.systems: dict[SystemName, SystemStatus] = all_available()
        self.windows: dict[str, Window] = {}
        self.window_count = 0
        self.faults: dict[SystemName, Fault] = {}
        self.weekly_maintenance = defaults.weekly_maintenance and namespace == DEFAULT_NAMESPACE
        self.journal = Journal()
        self.idm = IdmState(self.clock)
        self.spot = SpotState(self.clock)
        self.logingov = LoginGovState(self.clock)
        self.cache_traps = defaults.cache_traps
        self.idm_sign_in = defaults.idm_sign_in
        self.backend_timeout = defaults.backend_timeout
        self.idm_timeout = defaults.idm_timeout
        self.session_check_interval = defaults.session_check_interval
        self.release = 1

    def add_user(self, user: IdmUser) -> None:
        self.users[user.user_id.lower()] = user

    def find_user(self, user_id: str) -> IdmUser | None:
        return self.users.get(user_id.strip().lower())


class Store:
    def __init__(
        self, defaults: WorldDefaults | None = None, max_namespaces: int = MAX_NAMESPACES
    ) -> None:
        # One re-entrant lock for all worlds: handlers take it for a few dictionary operations
        # and never across an await, so contention is negligible and reasoning stays simple.
        self.lock = threading.RLock()
        self.defaults = defaults or WorldDefaults()
        self.max_namespaces = max_namespaces
        # Least recently used first, so the namespace to forget is always near the front.
        self._worlds: OrderedDict[str, World] = OrderedDict()

    def world(self, namespace: str = DEFAULT_NAMESPACE) -> World:
        """The namespace's world, created if it does not exist: for the control API (and tests
        setting up the store directly), never for a page, IDM or OIDC request (see ``find``)."""
        with self.lock:
            world = self._worlds.get(namespace)
            if world is None:
                return self.reset(namespace)
            self._worlds.move_to_end(namespace)
            return world

    def find(self, namespace: str) -> World | None:
        """The namespace's world, or None if it does not exist; ``default`` always does."""
        with self.lock:
            if namespace == DEFAULT_NAMESPACE:
                return self.world(namespace)
            world = self._worlds.get(namespace)
            if world is not None:
                self._worlds.move_to_end(namespace)
            return world

    def exists(self, namespace: str) -> bool:
        with self.lock:
            return namespace == DEFAULT_NAMESPACE or namespace in self._worlds

    def reset(self, namespace: str = DEFAULT_NAMESPACE) -> World:
        with self.lock:
            world = self._worlds[namespace] = World(namespace, self.defaults)
            self._worlds.move_to_end(namespace)
            self._forget_idlest()
            return world

    def _forget_idlest(self) -> None:
        while len(self._worlds) > self.max_namespaces:
            idlest = next((name for name in self._worlds if name != DEFAULT_NAMESPACE), None)
            if idlest is None:
                return
            del self._worlds[idlest]

    def drop(self, namespace: str) -> None:
        with self.lock:
            self._worlds.pop(namespace, None)

    def namespaces(self) -> list[str]:
        with self.lock:
            return sorted(self._worlds)
