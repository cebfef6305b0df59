"""Runs SPOT, IDM and Login.gov on three ports of one process, sharing one store.

Usage::

    portal = Server(Settings(spot_port=0, idm_port=0))  # 0: any free port
    portal.start_in_thread()
    print(portal.urls.spot, portal.admin_token)
    portal.stop()
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import uvicorn
from starlette.staticfiles import StaticFiles

from mock_portal.accounts.provisioning import Provisioner
from mock_portal.backends.fiss import Fiss
from mock_portal.backends.hets import Hets
from mock_portal.cli import header_timeout
from mock_portal.cli.gc_tuning import tune_for_serving
from mock_portal.cli.logs import SITE
from mock_portal.control import state as state_files
from mock_portal.population.seeded import Population
from mock_portal.sites import access_log
from mock_portal.sites.idm.app import build_idm_app
from mock_portal.sites.idm.clients import spot_client
from mock_portal.sites.idm.keys import KeyRing
from mock_portal.sites.logingov.app import build_logingov_app
from mock_portal.sites.logingov.provider import LoginGovProvider
from mock_portal.sites.spot.app import build_spot_app
from mock_portal.sites.spot.oidc_client import (
    CALLBACK_PATH,
    LOGGED_OFF_PATH,
    OidcClient,
    Registration,
)
from mock_portal.world.config import Settings, Urls
from mock_portal.world.services import Services
from mock_portal.world.store import DEFAULT_NAMESPACE, Store, WorldDefaults

if TYPE_CHECKING:
    from collections.abc import Coroutine

    from starlette.types import ASGIApp


KEEP_ALIVE_SECONDS = 75


def run_loop(main: Coroutine[Any, Any, None], *, tune_gc: bool) -> None:
    """Run the servers on uvloop where it is installed (it is a dependency, except on
    Windows), else on asyncio's own loop.

    ``tune_gc`` freezes the heap and raises the collector's threshold for the whole process
    (mock_portal/cli/gc_tuning.py): only a process that exists to serve may ask for it (``serve``,
    the benchmarks' baseline app), never a portal started inside someone else's program, such
    as the one each pytest worker runs in a thread.
    """
    if tune_gc:
        tune_for_serving()
    try:
        import uvloop
    except ImportError:
        asyncio.run(main)
    else:
        uvloop.run(main)


class PortInUse(OSError):
    """A port the portal cannot listen on; ``option`` is the ``serve`` flag that chooses it."""

    def __init__(self, message: str, option: str = "") -> None:
        super().__init__(message)
        self.option = option


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=IPPROTO_TCP, not the default 0: asyncio only sets TCP_NODELAY on connections whose
    # socket says it is TCP, and without it every response written in two parts (headers,
    # body) waits ~40 ms for the client's delayed ACK (Nagle's algorithm).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise PortInUse(f"cannot listen on {host}:{port} ({exc.strerror})") from exc
    # Listening from here on: a client that connects before uvicorn starts accepting waits in
    # the backlog instead of being refused, so the banner can be printed as soon as we bind.
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def uvicorn_config(
    app: ASGIApp, *, access_log: bool, client_header_timeout: float = Settings.client_header_timeout
) -> uvicorn.Config:
    """How each site is served (the benchmarks serve their baseline app the same way)."""
    return uvicorn.Config(
        app,
        # uvicorn's httptools protocol (what "auto" picks, httptools being a dependency) with
        # nginx's client_header_timeout, which uvicorn lacks (mock_portal/cli/header_timeout.py).
        http=header_timeout.with_timeout(client_header_timeout),
        lifespan="off",
        log_config=None,
        access_log=access_log,
        server_header=False,
        timeout_graceful_shutdown=5,
        # nginx's keepalive_timeout. uvicorn's own 5 s equals httpx's idle-connection expiry,
        # so a client reusing a connection the server is closing at that very moment gets
        # "Server disconnected without sending a response" (seen under load).
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
    )


async def _serve_site(site: str, server: uvicorn.Server, sock: socket.socket) -> None:
    # gather() runs this in a task of its own, with its own copy of the context: the site set
    # here stays on this server's log lines (mock_portal/cli/logs.py), the other keeps its own.
    SITE.set(site)
    await server.serve(sockets=[sock])


class _Server(uvicorn.Server):
    # Two servers share one process: the Server handles signals once, for both.
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def _bind_all(settings: Settings) -> tuple[socket.socket, ...]:
    """SPOT's, IDM's and Login.gov's listening sockets. When one cannot be bound, those already
    bound are closed before the error goes up, so a failed start leaves no port held."""
    bound: list[socket.socket] = []
    try:
        for site, port, option in (
            ("SPOT", settings.spot_port, "--spot-port"),
            ("IDM", settings.idm_port, "--idm-port"),
            ("Login.gov", settings.logingov_bind_port, "--logingov-port"),
        ):
            try:
                bound.append(bind(settings.host, port))
            except PortInUse as exc:
                raise PortInUse(f"{site} {exc}", option) from exc
    except BaseException:
        for sock in bound:
            sock.close()
        raise
    return tuple(bound)


class Server:
    """The portal: SPOT, IDM and Login.gov on their three sockets, sharing one :class:`Services`.

    Usage: ``server = Server(settings); server.start_in_thread(); ...; server.stop()`` (tests),
    or ``await server.serve()`` (``serve``).
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        # What the default namespace starts with (and returns to at each reset): the state file
        # --config names, else the demo users' (docs/state-files.md). Read before any port is
        # bound, so a bad file is refused (StateError goes up) whatever the ports are doing.
        self.state = (
            state_files.load(settings.config)
            if settings.config
            else state_files.default_state()
            if settings.demo_users
            else None
        )
        self._sockets = _bind_all(settings)
        try:
            self._build(settings)
        except BaseException:
            # Nothing will serve or close them: release the ports now, not at garbage collection.
            for sock in self._sockets:
                sock.close()
            raise

    def _build(self, settings: Settings) -> None:
        spot_port = self._sockets[0].getsockname()[1]
        idm_port = self._sockets[1].getsockname()[1]
        logingov_port = self._sockets[2].getsockname()[1]
        self.urls = Urls.for_ports(settings.url_host, spot_port, idm_port, logingov_port)
        self.admin_token = settings.admin_token or secrets.token_urlsafe(24)
        # SPOT registered at IDM with its own URIs, as an Okta admin registers an app.
        client = spot_client(
            secrets.token_urlsafe(32),
            redirect_uri=self.urls.spot + CALLBACK_PATH,
            post_logout_redirect_uri=self.urls.spot + LOGGED_OFF_PATH,
            initiate_login_uri=self.urls.spot + "/login",
        )
        registration = Registration(client.client_id, client.client_secret, client.redirect_uris[0])
        population = Population(settings.seed, settings.population)
        idm_key = KeyRing.of_process("idm")
        self.context = Services(
            settings=settings,
            urls=self.urls,
            store=Store(
                WorldDefaults(
                    cache_traps=settings.cache_traps,
                    weekly_maintenance=settings.weekly_maintenance,
                    idm_sign_in=settings.idm_sign_in,
                    backend_timeout=settings.backend_timeout,
                    idm_timeout=settings.idm_timeout,
                    session_check_interval=settings.session_check_interval,
                )
            ),
            admin_token=self.admin_token,
            signing_key=idm_key,
            spot_client=client,
            oidc=OidcClient(
                self.urls.idm + "/oauth2/default", registration, timeout=settings.idm_timeout
            ),
            provisioner=Provisioner(settings.seed),
            population=population,
            hets=Hets(population),
            fiss=Fiss(population),
            logingov=LoginGovProvider(self.urls.logingov, self.urls.idm, idm_key),
        )
        state = self.state
        if state is not None:
            self.context.seed_default = lambda world: state_files.apply(
                self.context, world.namespace, state
            )
        self.context.reset_world(DEFAULT_NAMESPACE)
        static = StaticFiles(packages=[("mock_portal", "static")])
        self.spot_app = build_spot_app(self.context, static)
        self.idm_app = build_idm_app(self.context, static)
        self.logingov_app = build_logingov_app(self.context, static)
        self._servers = (
            self._server(self.spot_app),
            self._server(self.idm_app),
            self._server(self.logingov_app),
        )
        self._thread: threading.Thread | None = None

    def _server(self, app: ASGIApp) -> _Server:
        if self.settings.access_log:
            access_log.install()
        return _Server(
            uvicorn_config(
                app,
                access_log=self.settings.access_log,
                client_header_timeout=self.settings.client_header_timeout,
            )
        )

    @property
    def started(self) -> bool:
        return all(server.started for server in self._servers)

    async def serve(self) -> None:
        try:
            await asyncio.gather(
                *(
                    _serve_site(site, server, sock)
                    for site, server, sock in zip(
                        ("SPOT", "IDM", "Login.gov"), self._servers, self._sockets, strict=True
                    )
                )
            )
        finally:
            await self.context.oidc.aclose()

    def stop(self) -> None:
        for server in self._servers:
            server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=15)
            self._thread = None

    def close(self) -> None:
        """Stop serving, and release the listening sockets even if it never served (a portal
        built only for its ASGI apps, as fixtures/inprocess.py does)."""
        self.stop()
        for sock in self._sockets:
            sock.close()

    def start_in_thread(self, timeout: float = 15.0) -> None:
        """Serve from a daemon thread; return once both sites accept connections."""
        ready = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            try:
                run_loop(self.serve(), tune_gc=False)  # the caller's process, not ours
            except BaseException as exc:  # reported to the starting thread below
                failure.append(exc)
                ready.set()

        self._thread = threading.Thread(target=run, name="mock-portal", daemon=True)
        self._thread.start()
        # uvicorn offers no "started" event, only a flag: poll it briefly.
        deadline = time.monotonic() + timeout
        while not self.started and not failure and time.monotonic() < deadline:
            ready.wait(0.01)
        if failure:
            raise RuntimeError("the mock portal failed to start") from failure[0]
        if not self.started:
            self.stop()
            raise TimeoutError(f"the mock portal did not start within {timeout} s")
