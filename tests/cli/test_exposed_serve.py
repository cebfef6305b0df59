"""``serve`` bound beyond loopback: the outbox (every MFA code) needs the admin token, and the
demo users (whose password the banner prints) need ``--demo-users``. On loopback both stay as
they were. No test binds beyond loopback: the choice is made from the flags (``cli._settings``)
and the outbox's guard is switched on for a loopback portal with ``private_outbox``."""

from __future__ import annotations

import base64
from types import SimpleNamespace
from typing import TYPE_CHECKING, cast

import pytest

from fixtures.inprocess import InProcessServer
from mock_portal.accounts.demo import DEMO_PASSWORD
from mock_portal.cli.commands import _settings, banner, build_parser
from mock_portal.control.state import default_state
from mock_portal.world.config import Settings, Urls

if TYPE_CHECKING:
    from collections.abc import Iterator

    from mock_portal.cli.server import Server

TOKEN = "exposed-test-token"
EXPOSED = ["--host", "0.0.0.0", "--admin-token", TOKEN]  # noqa: S104 (parsed, never bound)


def _serve_settings(*args: str) -> Settings:
    return _settings(build_parser().parse_args(["serve", *args]))


@pytest.mark.parametrize(
    ("args", "demo_users", "outbox_needs_token"),
    [
        ([], True, False),
        (["--no-demo-users"], False, False),
        (EXPOSED, False, True),
        ([*EXPOSED, "--demo-users"], True, True),
        ([*EXPOSED, "--no-demo-users"], False, True),
    ],
)
def test_beyond_loopback_demo_users_need_a_flag_and_the_outbox_a_token(
    args: list[str], demo_users: bool, outbox_needs_token: bool
) -> None:
    settings = _serve_settings(*args)
    assert (settings.demo_users, settings.outbox_needs_token) == (demo_users, outbox_needs_token)


def _banner(*args: str) -> str:
    # banner() reads only these attributes of the portal; nothing is bound.
    settings = _serve_settings(*args)
    stand_in = SimpleNamespace(
        settings=settings,
        urls=Urls.for_ports("203.0.113.7", 8000, 8001),
        admin_token=TOKEN,
        state=default_state() if settings.demo_users else None,
    )
    return banner(cast("Server", stand_in))


def test_the_banner_says_what_binding_beyond_loopback_changed() -> None:
    exposed = _banner(*EXPOSED)
    assert DEMO_PASSWORD not in exposed
    assert "No demo users" in exposed
    assert "--demo-users" in exposed
    assert "admin token" in exposed.split("Outbox", 1)[1].splitlines()[0]

    with_demo = _banner(*EXPOSED, "--demo-users")
    assert DEMO_PASSWORD in with_demo
    assert "anyone who reaches" in with_demo

    loopback = _banner()
    assert DEMO_PASSWORD in loopback
    assert "No demo users" not in loopback
    assert "admin token" not in loopback.split("Outbox", 1)[1].splitlines()[0]


@pytest.fixture(scope="module")
def guarded() -> Iterator[InProcessServer]:
    settings = Settings(
        spot_port=0, idm_port=0, demo_users=False, admin_token=TOKEN, private_outbox=True
    )
    with InProcessServer(settings) as portal:
        yield portal


def _outbox(portal: InProcessServer, headers: dict[str, str]) -> tuple[int, str, str]:
    with portal.client("spot") as spot:
        answer = spot.get("/__mail", headers=headers)
    return answer.status_code, answer.headers.get("www-authenticate", ""), answer.text


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def test_a_private_outbox_asks_for_the_token(guarded: InProcessServer) -> None:
    status, challenge, page = _outbox(guarded, {})
    assert status == 401
    assert challenge.startswith("Basic ")  # the browser asks for it
    assert "admin token" in page
    for wrong in ("Bearer nope", _basic("admin", "nope"), "Basic !!!", "Digest x"):
        assert _outbox(guarded, {"Authorization": wrong})[0] == 401, wrong


@pytest.mark.parametrize(
    "authorization", [f"Bearer {TOKEN}", _basic("", TOKEN), _basic("anyone", TOKEN)]
)
def test_a_private_outbox_opens_to_the_token(guarded: InProcessServer, authorization: str) -> None:
    status, _, page = _outbox(guarded, {"Authorization": authorization})
    assert status == 200
    assert "<h1>Outbox</h1>" in page


def test_on_loopback_the_outbox_stays_open() -> None:
    assert not Settings().outbox_needs_token
    with InProcessServer() as portal:
        assert _outbox(portal, {})[0] == 200
