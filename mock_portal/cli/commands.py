"""``python -m mock_portal``: the command line (**Contract**, DESIGN.md)."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mock_portal.cli import har, logs
from mock_portal.world.clock import eastern_text
from mock_portal.world.config import Settings, is_loopback

if TYPE_CHECKING:
    from mock_portal.cli.server import Server
    from mock_portal.control.state import State

TOKEN_ENV = "MOCK_PORTAL_ADMIN_TOKEN"  # noqa: S105 (a variable name, not a secret)


# Settings a flag of ``serve`` sets under the same name: a refusal names the flag people typed.
_FLAGS = {
    name: "--" + name.replace("_", "-")
    for name in (
        "spot_port",
        "idm_port",
        "logingov_port",
        "population",
        "backend_timeout",
        "idm_timeout",
        "session_check_interval",
        "client_header_timeout",
        "idm_sign_in",
    )
}


def _as_flags(reason: str) -> str:
    """``backend_timeout must be ...`` as ``--backend-timeout must be ...``."""
    name, _, rest = reason.partition(" ")
    return f"{_FLAGS[name]} {rest}" if name in _FLAGS else reason


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{value} is not a port number (0-65535)")
    return value


def _program_name() -> str:
    """How the user called us: the ``mock-portal`` console script or ``python -m mock_portal``."""
    return "mock-portal" if Path(sys.argv[0]).name == "mock-portal" else "python -m mock_portal"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_program_name(),
        description="A mock of First Coast's SPOT portal and CMS IDM sign-in, for testing.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = commands.add_parser("serve", help="run SPOT, IDM and Login.gov until interrupted")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--spot-port", type=_port, default=8000, help="SPOT's port (default 8000)")
    serve.add_argument("--idm-port", type=_port, default=8001, help="IDM's port (default 8001)")
    serve.add_argument(
        "--config",
        metavar="FILE",
        default=None,
        help="start the default namespace with this state file (TOML, or JSON by its .json "
        "suffix): users, organizations, outages, windows, faults, the clock, settings; "
        "instead of the demo users (docs/state-files.md)",
    )
    serve.add_argument(
        "--logingov-port",
        type=_port,
        default=None,
        help="Login.gov's port (default 8002, or a free one when --idm-port is 0)",
    )
    serve.add_argument(
        "--idm-sign-in",
        choices=("chooser", "classic"),
        default="chooser",
        help="IDM's first page in every namespace: the chooser of IDM's sign-in experience of "
        "today (default), or the classic one-step page (PUT /__admin/settings changes it)",
    )
    serve.add_argument("--seed", type=int, default=0, help="seed for synthetic data (default 0)")
    serve.add_argument(
        "--population",
        type=int,
        default=Settings.population,
        metavar="N",
        help=f"beneficiaries in the seeded population (default {Settings.population:,})",
    )
    serve.add_argument(
        "--admin-token",
        default=os.environ.get(TOKEN_ENV) or None,
        help=f"control-API bearer token (default: ${TOKEN_ENV}, else a random one)",
    )
    serve.add_argument(
        "--public-host",
        default=None,
        help="host name to put in URLs when binding a non-loopback address",
    )
    serve.add_argument(
        "--no-cache-traps",
        action="store_true",
        help="let browsers log in repeatedly without clearing their cache (the real portal "
        "does not)",
    )
    demo = serve.add_mutually_exclusive_group()
    demo.add_argument(
        "--demo-users",
        dest="demo_users",
        action="store_true",
        default=None,
        help="create the demo users (whose password the banner prints) in the default "
        "namespace; the default on loopback only, so beyond it this flag is needed",
    )
    demo.add_argument(
        "--no-demo-users",
        dest="demo_users",
        action="store_false",
        help="start with no users in the default namespace",
    )
    serve.add_argument(
        "--no-weekly-maintenance",
        action="store_true",
        help="keep SPOT up on Wednesdays 8-10 p.m. ET in the default namespace (the real SPOT "
        "is down then)",
    )
    # SPOT's waits (0.05-60 s, Settings refuses the rest); PUT /__admin/settings sets each per
    # namespace.
    for name, what in (
        (
            "backend_timeout",
            "how long SPOT waits for HETS or FISS before saying the feature is unavailable",
        ),
        (
            "idm_timeout",
            "how long SPOT waits for IDM's /token and /keys before saying log in is unavailable",
        ),
        ("session_check_interval", "how often SPOT's pages ask how long their session has left"),
    ):
        default = getattr(Settings, name)
        serve.add_argument(
            _FLAGS[name],
            type=float,
            default=default,
            metavar="SECONDS",
            help=f"{what} (default {default:g})",
        )
    serve.add_argument(
        "--client-header-timeout",
        type=float,
        default=Settings.client_header_timeout,
        metavar="SECONDS",
        help="how long a client may take to send a request's head before the connection is "
        "closed without an answer, as nginx's client_header_timeout "
        f"(default {Settings.client_header_timeout:g})",
    )
    serve.add_argument("--quiet", action="store_true", help="no access log")

    again = commands.add_parser(
        "reproduce",
        help="run the scenarios for an error a provider reported, with traces and screenshots",
        description="Match what the provider saw (or a catalogue code) to the error catalogue "
        "and run its scenarios with tracing, screenshots and video on. Exit 0: every scenario "
        "reproduced the error; 1: one did not; 2: nothing matched; 3: cannot run here.",
    )
    again.add_argument(
        "report",
        help='what the provider saw, e.g. "User is not assigned...", or a HAR file of it',
    )
    again.add_argument("--headed", action="store_true", help="show the browser")
    again.add_argument(
        "--output",
        default="reports/reproduce",
        help="where to put traces, screenshots, videos and the run's reports (default "
        "reports/reproduce, which a later pytest run does not empty)",
    )
    again.add_argument(
        "--portal-url",
        default=None,
        help="reproduce against an already running portal (its SPOT URL) instead of a fresh one",
    )
    again.add_argument(
        "--admin-token",
        default=os.environ.get(TOKEN_ENV) or None,
        help=f"that portal's admin token (default ${TOKEN_ENV})",
    )
    again.add_argument(
        "--write-test",
        metavar="PATH",
        default=None,
        help="with a HAR file: write one pytest file that sets the mock up as the diagnosis "
        "implies and walks the capture's steps on it",
    )
    from mock_portal.captures.diagnose import add_parser as add_diagnose

    har.register(commands, extra=(add_diagnose,))  # har sanitize, diagnose (cli/har.py)
    return parser


def _users_lines(state: State, default: bool) -> list[str]:
    """The users a state file gives a ``note``, with their passwords (one line when shared)."""
    users = [
        (str(entry.members["user_id"]), entry.members.get("password"), entry.note)
        for entry in state.of("users")
        if entry.note and "user_id" in entry.members
    ]
    if not users:
        return []
    passwords = {password for _, password, _ in users}
    shared = next(iter(passwords)) if len(passwords) == 1 else None
    title = "Demo users" if default else f"Users from {state.source}"
    lines = [f"{title} (password for all: {shared}):" if shared else f"{title}:"]
    width = max(len(user_id) for user_id, _, _ in users)
    for user_id, password, note in users:
        said = "" if shared or not password else f" (password {password})"
        lines.append(f"  {user_id:<{width}}  {note}{said}")
    return lines


def banner(portal: Server) -> str:
    urls = portal.urls
    settings = portal.settings
    outbox = "<- MFA codes arrive here"
    if settings.outbox_needs_token:
        outbox += " (needs the admin token: any user name, the token as password)"
    lines = [
        "Mock SPOT / IDM portal is running (synthetic data only).",
        "",
        f"  SPOT          {urls.spot}/        <- open this and click 'Log in'",
        f"  IDM           {urls.idm}/",
        f"  Login.gov     {urls.logingov}/  (accounts: POST /__admin/logingov/accounts)",
        f"  Outbox        {urls.spot}/__mail  {outbox}",
        f"  System status {urls.spot}/system-status",
        f"  Control panel {urls.spot}/__admin/  (sign in with the admin token below)",
        f"  Control API   {urls.spot}/__admin/...  (Authorization: Bearer {portal.admin_token})",
        "",
    ]
    if portal.state is not None and (settings.config or settings.demo_users):
        lines += _users_lines(portal.state, default=not settings.config)
        if settings.demo_users and not settings.config and not settings.is_loopback:
            lines.append(
                f"  (--demo-users on {settings.host}: anyone who reaches this address can sign "
                "in as them)"
            )
        lines.append("")
    elif not settings.is_loopback and not settings.config:
        lines.append(
            f"No demo users: bound to {settings.host}, beyond this machine, where anyone who "
            "reaches the port could sign in with a printed password. Pass --demo-users to "
            "create them anyway, or create users through the control API."
        )
        lines.append("")
    # Kept apart from the URL block above, which other features extend.
    lines.append(
        f"Beneficiaries: {portal.settings.population:,} (seed {portal.settings.seed}); "
        f"GET {urls.spot}/__admin/beneficiaries lists people to look up."
    )
    lines.append("")
    cache_traps, weekly = portal.settings.cache_traps, portal.settings.weekly_maintenance
    if settings.config:  # the state file's settings and clock, as the default namespace has them
        world = portal.context.store.world()
        cache_traps, weekly = world.cache_traps, world.weekly_maintenance
        if world.clock.frozen_at is not None:
            lines.append(f"The mock's clock: frozen at {eastern_text(world.clock.now())}.")
    traps = "off" if not cache_traps else "on (clear cache between logins)"
    if weekly:
        lines.append(
            "SPOT's weekly maintenance: Wednesdays 8-10 p.m. ET in the default namespace, by the "
            "mock's clock (--no-weekly-maintenance to keep SPOT up)."
        )
    lines.append(f"Cache traps: {traps}. Press Ctrl+C to stop.")
    return "\n".join(lines)


def _settings(args: argparse.Namespace) -> Settings:
    return Settings(
        host=args.host,
        spot_port=args.spot_port,
        idm_port=args.idm_port,
        logingov_port=args.logingov_port,
        idm_sign_in=args.idm_sign_in,
        seed=args.seed,
        population=args.population,
        admin_token=args.admin_token,
        cache_traps=not args.no_cache_traps,
        # Beyond loopback anyone who reaches the port could sign in with the printed password:
        # only when asked for.
        demo_users=is_loopback(args.host) if args.demo_users is None else args.demo_users,
        public_host=args.public_host,
        access_log=not args.quiet,
        weekly_maintenance=not args.no_weekly_maintenance,
        backend_timeout=args.backend_timeout,
        idm_timeout=args.idm_timeout,
        session_check_interval=args.session_check_interval,
        client_header_timeout=args.client_header_timeout,
        config=args.config,
    )


def serve(args: argparse.Namespace) -> int:
    try:
        settings = _settings(args)
    except ValueError as exc:
        print(f"error: {_as_flags(str(exc))}", file=sys.stderr)
        return 2
    if not settings.is_loopback and not settings.admin_token:
        print(
            f"error: binding {settings.host} exposes the control API beyond this machine; "
            f"pass --admin-token (or set {TOKEN_ENV}) to do that deliberately",
            file=sys.stderr,
        )
        return 2
    # Imported only now: the whole portal (Starlette, Jinja, Faker, joserfc) takes a moment to
    # load, and refusing a bad flag or printing --help should not wait for it.
    from mock_portal.cli.server import PortInUse, Server, run_loop
    from mock_portal.control.state import StateError

    try:
        portal = Server(settings)
    except PortInUse as exc:
        print(f"error: {exc}; choose another with {exc.option}", file=sys.stderr)
        return 2
    except StateError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    logs.configure()
    run_loop(_serve_until_signal(portal), tune_gc=True)  # this process only serves
    return 0


async def _serve_until_signal(portal: Server) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, portal.stop)
    # Only now: whoever reads the banner may press Ctrl+C at once, and must get a clean stop.
    print(banner(portal), flush=True)
    await portal.serve()


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "serve":
        return serve(args)
    if args.command == "reproduce":
        from mock_portal.cli.reproduce import reproduce  # only this command needs it

        return reproduce(args)
    if args.command == "har":
        return har.run(args)
    return 2  # argparse rejects unknown commands before this
