"""The control API's guard: the token compared in constant time, and ``serve`` exposing it beyond
this machine only when told to, with a token chosen on purpose."""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING

import pytest

from mock_portal.cli import commands as cli
from mock_portal.control import routing
from mock_portal.sites import security
from mock_portal.world.config import Settings

if TYPE_CHECKING:
    from fixtures.inprocess import InProcessServer


def test_the_token_is_compared_with_hmac_compare_digest(
    inprocess: InProcessServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    compared: list[tuple[bytes, bytes]] = []
    compare_digest = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        compared.append((a, b))
        return compare_digest(a, b)

    monkeypatch.setattr("mock_portal.sites.security.hmac.compare_digest", spy)
    token = inprocess.context.admin_token
    with inprocess.client("spot") as spot:
        wrong = spot.get("/__admin/systems", headers={"Authorization": "Bearer " + "x" * 32})
        right = spot.get("/__admin/systems", headers={"Authorization": f"Bearer {token}"})

    assert (wrong.status_code, right.status_code) == (401, 200)
    assert compared == [(b"x" * 32, token.encode()), (token.encode(), token.encode())]


def test_the_guard_compares_through_security_same() -> None:
    # Not ==, which stops at the first character that differs.
    assert vars(routing)["same"] is security.same


def test_serve_binds_loopback_unless_told_otherwise() -> None:
    args = cli.build_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1"
    assert Settings().host == "127.0.0.1"


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1"])
def test_loopback_addresses_need_no_explicit_token(host: str) -> None:
    assert Settings(host=host).is_loopback


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "portal.example"])  # noqa: S104
def test_another_address_is_refused_without_an_explicit_token(
    host: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(cli.TOKEN_ENV, raising=False)
    monkeypatch.setattr("mock_portal.cli.server.Server", _must_not_start)  # serve imports it late

    assert cli.main(["serve", "--host", host]) == 2
    assert "pass --admin-token" in capsys.readouterr().err


def test_with_an_explicit_token_another_address_is_allowed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[Settings] = []

    def record(settings: Settings) -> None:
        started.append(settings)
        raise _Stop

    monkeypatch.setattr("mock_portal.cli.server.Server", record)
    with pytest.raises(_Stop):  # stopped before anything binds
        cli.main(["serve", "--host", "0.0.0.0", "--admin-token", "chosen-on-purpose"])  # noqa: S104
    assert started[0].admin_token == "chosen-on-purpose"


class _Stop(Exception):
    pass


def _must_not_start(settings: Settings) -> None:
    raise AssertionError(f"serve would have bound {settings.host}")
