"""``python -m mock_portal serve``: the command line contract, run as a user runs it: one
``serve`` process, shared by the module's tests, answers their requests and stops on Ctrl+C;
the refusals that come before anything is bound run ``main()`` in this process."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass

import httpx
import pytest

from mock_portal.population.seeded import Population
from tests.cli.inprocess import Ran, run_main

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


@dataclass
class Served:
    """One ``serve`` run, as a user runs it, shared by the tests of this module (each start
    costs a Python process and the portal's imports): what it printed, what it answered, and how
    it stopped on Ctrl+C."""

    banner: str
    spot: str
    idm: str
    answers: dict[str, httpx.Response]
    taken_port: Ran
    status: int  # its exit status after SIGINT
    output: str  # everything it printed after the banner, up to its exit


@pytest.fixture(scope="module")
def served() -> Served:
    # Demo users (the default on loopback) and a small seeded population, with the access log
    # on: every test below reads this one run. The outbox needs no token on loopback
    # (tests/cli/test_exposed_serve.py: beyond it, it does).
    process = _serve(
        # No --logingov-port: with IDM on a free port, Login.gov takes a free one too (not 8002).
        *("--spot-port", "0", "--idm-port", "0", "--admin-token", "cli-test-token"),
        *("--seed", "7", "--population", "1000"),
    )
    admin = {"Authorization": "Bearer cli-test-token"}
    with process:
        try:
            banner = _banner(process)
            spot = re.search(r"SPOT\s+(http://127\.0\.0\.1:\d+)/", banner)
            idm = re.search(r"IDM\s+(http://127\.0\.0\.1:\d+)/", banner)
            assert spot, banner
            assert idm, banner
            base = spot.group(1)
            answers = {
                "system-status": httpx.get(base + "/system-status", timeout=10),
                # SPOT asks IDM for its discovery document: one access line on each site.
                "health": httpx.get(base + "/__admin/health", timeout=10),
                "user": httpx.get(base + "/__admin/users/approved.user", headers=admin, timeout=10),
                "outbox": httpx.get(base + "/__mail", timeout=10),
                "beneficiaries": httpx.get(
                    base + "/__admin/beneficiaries?offset=998&limit=5", headers=admin, timeout=10
                ),
            }
            port = base.rsplit(":", 1)[1]
            with pytest.MonkeyPatch.context() as env:
                env.setenv("MOCK_PORTAL_ADMIN_TOKEN", "")
                taken = run_main(
                    "serve", "--spot-port", port, "--idm-port", "0", "--logingov-port", "0"
                )
        finally:
            process.send_signal(signal.SIGINT)
        # Not communicate(): it reads the pipe itself, and would miss whatever line reading the
        # banner already buffered in process.stdout (the servers' first lines when they come
        # right after the banner). A few dozen lines: they fit in the pipe until the exit.
        status = process.wait(timeout=START_TIMEOUT)
        assert process.stdout is not None
        output = process.stdout.read()
    return Served(banner, spot.group(1), idm.group(1), answers, taken, status, output)


def test_serve_prints_where_to_go_and_who_to_be(served: Served) -> None:
    banner = served.banner
    assert "Bearer cli-test-token" in banner
    logingov = re.search(r"Login\.gov\s+http://127\.0\.0\.1:(\d+)/", banner)
    assert logingov, banner
    assert int(logingov.group(1)) not in (0, 8002)
    for user_id in ("approved.user", "norequest.user", "pending.user", "denied.user"):
        assert user_id in banner
    assert "SPOT's weekly maintenance: Wednesdays 8-10 p.m. ET" in banner
    assert served.answers["health"].json()["idm_url"] == served.idm
    assert served.answers["user"].json()["spot_access"] == "approved"
    # On loopback the outbox needs no token (tests/test_exposed_serve.py: beyond it, it does).
    assert served.answers["outbox"].status_code == 200


def test_serve_stops_cleanly_on_ctrl_c(served: Served) -> None:
    assert served.status == 0


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
        (["--idm-timeout", "0.01"], "--idm-timeout must be 0.05-60 seconds, got 0.01"),
        (["--idm-timeout", "inf"], "--idm-timeout must be 0.05-60 seconds, got inf"),
        (["--idm-timeout", "soon"], "invalid float value: 'soon'"),
        (["--session-check-interval", "61"], "--session-check-interval must be 0.05-60 seconds"),
        (["--session-check-interval", "nan"], "--session-check-interval must be 0.05-60 seconds"),
        (["--client-header-timeout", "0"], "--client-header-timeout must be 0.05-3600 seconds"),
    ],
)
def test_serve_refuses_bad_settings_with_a_reason(
    args: list[str], says: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In this process: each is refused before anything is bound or served."""
    monkeypatch.setenv("MOCK_PORTAL_ADMIN_TOKEN", "")
    result = run_main("serve", *args)
    assert result.returncode == 2
    assert says in result.stderr
    if "usage:" not in result.stderr:  # argparse's own refusals come after its usage lines
        assert result.stderr.count("\n") == 1, result.stderr  # one line


def test_serve_waits_flags_become_every_namespaces_defaults(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In this process, up to the point ``serve`` would start serving: the portal it built
    starts each namespace with the waits its flags gave (``GET /__admin/settings`` shows them)."""
    from mock_portal.cli import logs, server
    from mock_portal.world.config import Settings

    built: list[server.Server] = []
    real = server.Server

    def keep(settings: Settings) -> server.Server:
        built.append(real(settings))
        return built[-1]

    monkeypatch.setattr(server, "Server", keep)
    # Serving (and the process-wide log set-up) is not the subject: the coroutine is dropped.
    monkeypatch.setattr(server, "run_loop", lambda main, tune_gc: main.close())
    monkeypatch.setattr(logs, "configure", lambda: None)
    flags = ["--spot-port", "0", "--idm-port", "0", "--no-demo-users", "--quiet"]
    waits = ["--backend-timeout", "0.5", "--idm-timeout", "0.25", "--session-check-interval", "2"]

    result = run_main("serve", *flags, *waits)

    assert result.returncode == 0, result.stderr
    (portal,) = built
    try:
        defaults = portal.context.store.defaults
        assert (defaults.backend_timeout, defaults.idm_timeout) == (0.5, 0.25)
        assert defaults.session_check_interval == 2.0
        assert portal.context.oidc.timeout == 0.25  # IDM's back channel outside any namespace
    finally:
        portal.close()


def test_a_taken_port_is_a_clear_error(served: Served) -> None:
    """A second ``serve`` (in this process) on the port the shared one holds."""
    port = served.spot.rsplit(":", 1)[1]
    assert served.taken_port.returncode == 2
    assert f"SPOT cannot listen on 127.0.0.1:{port}" in served.taken_port.stderr
    assert "choose another with --spot-port" in served.taken_port.stderr


def test_seed_and_population_choose_the_beneficiaries(served: Served) -> None:
    assert "Beneficiaries: 1,000 (seed 7)" in served.banner
    page = served.answers["beneficiaries"].json()
    assert (page["seed"], page["size"]) == (7, 1000)
    expected = Population(7, 1000)
    assert page["beneficiaries"] == [
        {"index": i, **expected.beneficiary(i).as_json()} for i in (998, 999)
    ]


LOG_LINE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (.*)")


def test_each_log_line_is_printed_once_and_names_its_site(served: Served) -> None:
    assert served.answers["system-status"].status_code == 200
    assert served.answers["health"].status_code == 200
    output = served.output
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
