"""Settings for one portal instance, read once from ``serve``'s flags and fixed thereafter."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from mock_portal.population.mbi import SPACE as MBI_SPACE

IDM_SIGN_IN = ("chooser", "classic")
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# SPOT's waits, in seconds, for HETS or FISS (backend_timeout) and for IDM's back channel
# (idm_timeout), and how often its pages ask about their session (session_check_interval): the
# portal's (serve's flags) or a namespace's (PUT /__admin/settings). 50 ms is the floor: a test of
# a slow back end or IDM waits that long, not a second.
TIMEOUT_MIN = 0.05
TIMEOUT_MAX = 60.0
WAITS = ("backend_timeout", "idm_timeout", "session_check_interval")


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach ``host``."""
    if host in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    spot_port: int = 8000
    idm_port: int = 8001
    # Login.gov, the third origin (mock_portal/sites/logingov/). None: 8002, or any free port
    # when IDM's is (port 0, as tests and the harness start portals).
    logingov_port: int | None = None
    seed: int = 0
    admin_token: str | None = None
    cache_traps: bool = True
    demo_users: bool = True
    public_host: str | None = None
    access_log: bool = False
    # Beneficiaries in the seeded population HETS answers from; they cost no memory.
    population: int = 1_000_000
    # SPOT's default namespace follows the weekly Wednesday 8-10 p.m. ET maintenance window.
    weekly_maintenance: bool = True
    # How long SPOT waits for HETS or FISS before telling the user the feature is unavailable.
    # Short, so a "slow" fault costs a scenario about a second, not a real front end's 30.
    backend_timeout: float = 1.0
    # How long SPOT waits for IDM's back channel (/token, /keys) before saying IDM is
    # unavailable: 5 s, a relying party's usual; tests of a slow IDM set it short.
    idm_timeout: float = 5.0
    # How often SPOT's pages ask how long their session has left (mock_portal/sites/spot/
    # inactivity.py): each second; tests that move the clock past the warning set it short.
    session_check_interval: float = 1.0
    # Whether /__mail (every MFA code) needs the admin token; None: only beyond loopback, where
    # anyone who reaches the port could read the codes. Tests set True on a loopback portal.
    private_outbox: bool | None = None
    # nginx's client_header_timeout (default 60 s): a client that has not sent a request's whole
    # head this long after it started is disconnected without an answer
    # (mock_portal/cli/header_timeout.py). Tests set it short.
    client_header_timeout: float = 60.0
    # A state file (docs/state-files.md) the default namespace starts with, instead of the demo
    # users' (mock_portal/states/demo.toml, which demo_users governs).
    config: str | None = None
    # IDM's first page in every namespace until PUT /__admin/settings changes it:
    # "chooser" or "classic" (mock_portal/sites/idm/chooser.py).
    idm_sign_in: str = "chooser"

    def __post_init__(self) -> None:
        for name in ("spot_port", "idm_port", "logingov_port"):
            port = getattr(self, name) or 0
            if not 0 <= port <= 65535:
                raise ValueError(f"{name} must be 0-65535, got {port}")
        if self.spot_port and self.spot_port == self.idm_port:
            raise ValueError("SPOT and IDM need two different ports")
        if self.logingov_bind_port and self.logingov_bind_port in (self.spot_port, self.idm_port):
            raise ValueError("Login.gov needs a port of its own, not SPOT's or IDM's")
        if not 1 <= self.population <= MBI_SPACE:
            raise ValueError(
                f"population must be 1-{MBI_SPACE} (every valid MBI), got {self.population}"
            )
        for name in WAITS:
            seconds = getattr(self, name)
            # Also refuses NaN, which no comparison holds for, and infinities.
            if not TIMEOUT_MIN <= seconds <= TIMEOUT_MAX:
                raise ValueError(
                    f"{name} must be {TIMEOUT_MIN:g}-{TIMEOUT_MAX:g} seconds, got {seconds}"
                )
        if self.idm_sign_in not in IDM_SIGN_IN:
            raise ValueError(f"idm_sign_in must be chooser or classic, got {self.idm_sign_in}")
        if not 0.05 <= self.client_header_timeout <= 3600:
            raise ValueError(
                f"client_header_timeout must be 0.05-3600 seconds, got {self.client_header_timeout}"
            )

    @property
    def logingov_bind_port(self) -> int:
        if self.logingov_port is not None:
            return self.logingov_port
        return 0 if self.idm_port == 0 else 8002

    @property
    def is_loopback(self) -> bool:
        return is_loopback(self.host)

    @property
    def outbox_needs_token(self) -> bool:
        return not self.is_loopback if self.private_outbox is None else self.private_outbox

    @property
    def url_host(self) -> str:
        """The host name the sites put in their URLs (issuer, redirect URIs, links)."""
        if self.public_host:
            return self.public_host
        return "127.0.0.1" if self.host in ("0.0.0.0", "::", "") else self.host  # noqa: S104


@dataclass(frozen=True)
class Urls:
    spot: str
    idm: str
    logingov: str = ""

    @classmethod
    def for_ports(cls, host: str, spot_port: int, idm_port: int, logingov_port: int = 0) -> Urls:
        shown = f"[{host}]" if ":" in host else host
        return cls(
            spot=f"http://{shown}:{spot_port}",
            idm=f"http://{shown}:{idm_port}",
            logingov=f"http://{shown}:{logingov_port}" if logingov_port else "",
        )
