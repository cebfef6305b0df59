"""``python -m mock_portal serve``: the command line contract, run as a user runs it."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections import Counter
from typing import TYPE_CHECKING

import httpx
import pytest

from mock_portal.population.seeded import Population

if TYPE_CHECKING:
    from collections.abc import Iterator

START_TIMEOUT = 20


def _serve(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(  # noqa: S603 (our own module)
        [sys.executable, "-m", "mock_portal", "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "MOCK_PORTAL_ADMIN_TOKEN": ""},
    )


def _banner(process: subprocess.Popen[str]) -> str:
    """Everything ``serve`` printed up to its last banner line."""
    assert process.stdout is not None
    lines: list[str] = []
    for line in process.stdout:  # ends when the process does; bounded by the test's timeout
        lines.append(line)
        if "Press Ctrl+C" in line:
            break
    return "".join(lines)


@pytest.fixture
def served() -> Iterator[tuple[subprocess.Popen[str], str]]:
    # --quiet: nobody reads the pipe after the banner, so an access log could fill it.
    process = _serve(
        "--spot-port", "0", "--idm-port", "0", "--admin-token", "cli-test-token", "--quiet"
    )
    with process:
        try:
            yield process, _banner(process)
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=START_TIMEOUT)


def test_serve_prints_where_to_go_and_who_to_be(served: tuple[subprocess.Popen[str], str]) -> None:
    _, banner = served
    spot = re.search(r"SPOT\s+(http://127\.0\.0\.1:\d+)/", banner)
    idm = re.search(r"IDM\s+(http://127\.0\.0\.1:\d+)/", banner)
    assert spot, banner
    assert idm, banner
    assert "Bearer cli-test-token" in banner
    for user_id in ("approved.user", "norequest.user", "pending.user", "denied.user"):
        assert user_id in banner
    assert "SPOT's weekly maintenance: Wednesdays 8-10 p.m. ET" in banner
    health = httpx.get(spot.group(1) + "/__admin/health", timeout=10)
    assert health.json()["idm_url"] == idm.group(1)
    demo = httpx.get(
        spot.group(1) + "/__admin/users/approved.user",
        headers={"Authorization": "Bearer cli-test-token"},
    )
    assert demo.json()["spot_access"] == "approved"
    # On loopback the outbox needs no token (tests/test_exposed_serve.py: beyond it, it does).
    assert httpx.get(spot.group(1) + "/__mail", timeout=10).status_code == 200


def test_serve_stops_cleanly_on_ctrl_c(served: tuple[subprocess.Popen[str], str]) -> None:
    process, _ = served
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=START_TIMEOUT) == 0


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--host", "0.0.0.0"], "--admin-token"),  # noqa: S104 (what is being refused)
        (["--spot-port", "8123", "--idm-port", "8123"], "two different ports"),
        (["--spot-port", "70000"], "not a port number"),
        (["--population", "0"], "--population must be"),
        (["--population", "lots"], "invalid int value"),
        (["--backend-timeout", "0"], "--backend-timeout must be 0.05-60 seconds"),
        (["--backend-timeout", "nan"], "--backend-timeout must be 0.05-60 seconds"),
        (["--client-header-timeout", "0"], "--client-header-timeout must be 0.05-3600 seconds"),
    ],
)
def test_serve_refuses_bad_settings_with_a_reason(args: list[str], says: str) -> None:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "mock_portal", "serve", *args],
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT,
        env={**os.environ, "MOCK_PORTAL_ADMIN_TOKEN": ""},
        check=False,
    )
    assert result.returncode == 2
    assert says in result.stderr


def test_a_taken_port_is_a_clear_error(served: tuple[subprocess.Popen[str], str]) -> None:
    _, banner = served
    spot = re.search(r"SPOT\s+http://127\.0\.0\.1:(\d+)/", banner)
    assert spot
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "mock_portal", "serve", "--spot-port", spot.group(1)],
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT,
        check=False,
    )
    assert result.returncode == 2
    assert f"SPOT cannot listen on 127.0.0.1:{spot.group(1)}" in result.stderr
    assert "choose another with --spot-port" in result.stderr


def test_seed_and_population_choose_the_beneficiaries() -> None:
    process = _serve(
        *("--spot-port", "0", "--idm-port", "0", "--admin-token", "cli-test-token", "--quiet"),
        *("--no-demo-users", "--seed", "7", "--population", "1000"),
    )
    with process:
        try:
            banner = _banner(process)
            assert "Beneficiaries: 1,000 (seed 7)" in banner
            spot = re.search(r"SPOT\s+(http://127\.0\.0\.1:\d+)/", banner)
            assert spot, banner
            page = httpx.get(
                spot.group(1) + "/__admin/beneficiaries?offset=998&limit=5",
                headers={"Authorization": "Bearer cli-test-token"},
                timeout=10,
            ).json()
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=START_TIMEOUT)
    assert (page["seed"], page["size"]) == (7, 1000)
    expected = Population(7, 1000)
    assert page["beneficiaries"] == [
        {"index": i, **expected.beneficiary(i).as_json()} for i in (998, 999)
    ]


LOG_LINE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (.*)")


def test_each_log_line_is_printed_once_and_names_its_site() -> None:
    process = _serve(
        *("--spot-port", "0", "--idm-port", "0", "--admin-token", "cli-test-token"),
        "--no-demo-users",
    )
    with process:
        try:
            spot = re.search(r"SPOT\s+(http://127\.0\.0\.1:\d+)/", _banner(process))
            assert spot
            assert httpx.get(spot.group(1) + "/system-status", timeout=10).status_code == 200
            # SPOT asks IDM for its discovery document: one access line on each site.
            assert httpx.get(spot.group(1) + "/__admin/health", timeout=10).status_code == 200
        finally:
            process.send_signal(signal.SIGINT)
        # Not communicate(): it reads the pipe itself, and would miss whatever line reading the
        # banner already buffered in process.stdout (the servers' first lines when they come
        # right after the banner). A few dozen lines: they fit in the pipe until the exit.
        process.wait(timeout=START_TIMEOUT)
        assert process.stdout is not None
        output = process.stdout.read()
    logged = [found.group(1) for found in map(LOG_LINE.match, output.splitlines()) if found]
    twice = [line for line, count in Counter(logged).items() if count > 1]
    assert not twice, output
    for site in ("SPOT", "IDM"):
        assert any(line.startswith(f"{site} ") and "Started server" in line for line in logged)
    (status_page,) = [line for line in logged if "GET /system-status " in line]
    assert status_page.startswith("SPOT uvicorn.access "), status_page
    (discovery,) = [line for line in logged if "/.well-known/openid-configuration" in line]
    assert discovery.startswith("IDM uvicorn.access "), discovery


def test_the_client_header_timeout_is_nginx_s_unless_told() -> None:
    from mock_portal.cli.commands import _settings, build_parser

    def settings(*args: str) -> float:
        return _settings(build_parser().parse_args(["serve", *args])).client_header_timeout

    assert settings() == 60.0  # nginx's default client_header_timeout
    assert settings("--client-header-timeout", "0.5") == 0.5
