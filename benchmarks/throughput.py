"""Portal throughput and latency at 50 connections, and cold start, each against the framework
floor (benchmarks/bare_app.py: bare Starlette + Jinja2 drawing the same result page) measured in
the same run."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

import httpx

from benchmarks.load import SECONDS, LoadResult, Request, run_load, run_paced
from benchmarks.servers import ADMIN_TOKEN, Served, start_bare_app, start_portal
from mock_portal.testing.admin_client import NAMESPACE_HEADER, AdminClient
from mock_portal.testing.beneficiaries import spot_today, us_date
from mock_portal.testing.http_flow import HttpUser

NAMESPACE = "benchmark-load"
BARE = "framework floor: bare Starlette + Jinja2, the same result page"
ELIGIBILITY = "authenticated eligibility lookup"
COLD_STARTS = 3
ROUNDS = 3  # of the floor and the lookup, alternating
# The offered load for the latency target, as a share of the floor's saturated requests/s: the
# throughput target's own figure (the lookup must serve at least 0.5x the floor), so the latency
# is measured at the load the portal promises to carry.
PACED_SHARE = 0.5


def eligibility_request(
    spot_url: str, admin_token: str = ADMIN_TOKEN, namespace: str = NAMESPACE
) -> Request:
    """A signed-in user's eligibility lookup of a real beneficiary, ready to replay.

    The date of service is SPOT's today by the mock's clock (Eastern), never the machine's date.
    Raises RuntimeError when SPOT does not answer the lookup with a match.
    """
    admin = AdminClient(spot_url, admin_token, namespace)
    try:
        user = admin.create_user(spot_access="approved", mfa=False)
        person = admin.beneficiaries(limit=1)["beneficiaries"][0]
        today = spot_today(admin)
    finally:
        admin.close()
    with HttpUser(spot_url, namespace) as browser:
        browser.log_in(user["user_id"], user["password"])
        form = browser.get("/eligibility")
        session = browser.client.cookies["spot_sid"]
        body = urlencode(
            {
                "csrf_token": browser.csrf_token(form),
                "mbi": person["mbi"],
                "last_name": person["last_name"],
                "first_name": person["first_name"],
                "date_of_birth": us_date(date.fromisoformat(person["date_of_birth"])),
                "date_of_service": us_date(today),
            }
        )
        request = Request(
            spot_url + "/eligibility",
            "POST",
            (
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Cookie", f"spot_sid={session}"),
                ("Origin", spot_url),
                (NAMESPACE_HEADER, namespace),
            ),
            body,
        )
        # The lookup must really be a match, or we would be measuring the error page.
        answer = browser.client.post(
            request.url, content=body.encode(), headers=dict(request.headers)
        )
        if answer.status_code != 200 or "Eligibility results" not in answer.text:
            raise RuntimeError(f"the benchmark's lookup did not match ({answer.status_code})")
    return request


@dataclass(frozen=True)
class Measured:
    """A page under load over one or more rounds: the median round's requests/s, p50 and p99,
    the server's CPU time per request over all rounds, and the page's size."""

    name: str
    result: LoadResult
    cpu_ms: float
    page_bytes: int
    # At PACED_SHARE of the floor's requests/s, latency from each request's scheduled time
    # (the floor and the lookup only).
    paced: LoadResult | None = None


def _median_result(rounds: list[LoadResult]) -> LoadResult:
    return LoadResult(
        statistics.median(r.requests_per_second for r in rounds),
        statistics.median(r.p50_ms for r in rounds),
        statistics.median(r.p99_ms for r in rounds),
        sum(r.errors for r in rounds),
        rounds[0].tool,
        sum(r.requests for r in rounds),
    )


def _page_bytes(request: Request) -> int:
    answer = httpx.request(
        request.method, request.url, content=request.body.encode(), headers=dict(request.headers)
    )
    if answer.status_code >= 400:  # wrk counts 2xx and 3xx as answered
        raise RuntimeError(f"{request.url} answered {answer.status_code} before the load")
    return len(answer.content)


class _Load:
    """Rounds of load on one server's page, with the server's CPU time around each round."""

    def __init__(self, name: str, served: Served, request: Request) -> None:
        self.name, self.served, self.request = name, served, request
        self.page_bytes = _page_bytes(request)
        self.rounds: list[LoadResult] = []
        self.paced_rounds: list[LoadResult] = []
        self.cpu = 0.0

    def round(self, seconds: int) -> None:
        before = self.served.cpu_seconds()
        self.rounds.append(run_load(self.request, seconds=seconds))
        self.cpu += self.served.cpu_seconds() - before

    def paced_round(self, rate: float, seconds: int) -> None:
        self.paced_rounds.append(run_paced(self.request, rate, seconds=seconds))

    def measured(self) -> Measured:
        result = _median_result(self.rounds)
        paced = _median_result(self.paced_rounds) if self.paced_rounds else None
        return Measured(
            self.name, result, 1000 * self.cpu / max(result.requests, 1), self.page_bytes, paced
        )

    def saturated_rps(self) -> float:
        return _median_result(self.rounds).requests_per_second


def floor_request(floor_url: str, lookup: Request) -> Request:
    """The portal's lookup, posted to the framework floor (benchmarks/bare_app.py): the same
    form, so the floor draws the same page for the same beneficiary."""
    return Request(floor_url + "/eligibility", "POST", lookup.headers, lookup.body)


def measure_throughput(seconds: int = SECONDS, rounds: int = ROUNDS) -> list[Measured]:
    """The floor and the portal's lookup in alternating rounds (both servers up, one loaded at a
    time), so a machine shared with other work weighs on both alike: saturated (back to back),
    then paced at PACED_SHARE of the floor's requests/s. Then SPOT's landing page and IDM's
    sign-in page, one saturated round each. The floor comes first in the list."""
    with start_bare_app() as bare, start_portal() as portal:
        assert portal.idm_url is not None
        lookup_request = eligibility_request(portal.url)
        floor = _Load(BARE, bare, floor_request(bare.url, lookup_request))
        lookup = _Load(ELIGIBILITY, portal, lookup_request)
        for load in (floor, lookup):  # warm both: first renders compile, first pages cache
            run_load(load.request, seconds=1)
        for _ in range(rounds):
            floor.round(seconds)
            lookup.round(seconds)
        # Then both at the same offered load below saturation, alternating again.
        rate = PACED_SHARE * floor.saturated_rps()
        for _ in range(rounds):
            floor.paced_round(rate, seconds)
            lookup.paced_round(rate, seconds)
        others = [
            _Load("SPOT landing page", portal, Request(portal.url + "/")),
            _Load("IDM sign-in page", portal, Request(portal.idm_url + "/login/login.htm")),
        ]
        for load in others:
            load.round(seconds)
    return [load.measured() for load in (floor, lookup, *others)]


@dataclass(frozen=True)
class ColdStart:
    portal_seconds: float
    bare_seconds: float


def measure_cold_start() -> ColdStart:
    """Median of a few starts: spawning the process until its readiness URL answers."""
    portal, bare = [], []
    for _ in range(COLD_STARTS):
        with start_bare_app() as served:
            bare.append(served.started_in)
        with start_portal() as served:
            portal.append(served.started_in)
    return ColdStart(statistics.median(portal), statistics.median(bare))
