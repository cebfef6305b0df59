"""Portal throughput and latency at 50 connections, and cold start, each against the bare
Starlette app measured in the same run."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from benchmarks.load import SECONDS, LoadResult, Request, run_load
from benchmarks.servers import ADMIN_TOKEN, start_bare_app, start_portal
from mock_portal.testing.admin_client import NAMESPACE_HEADER, AdminClient
from mock_portal.testing.beneficiaries import spot_today, us_date
from mock_portal.testing.http_flow import HttpUser

NAMESPACE = "benchmark-load"
BARE = "bare Starlette app (baseline)"
ELIGIBILITY = "authenticated eligibility lookup"
COLD_STARTS = 3


@dataclass(frozen=True)
class Throughput:
    name: str
    result: LoadResult


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


def measure_throughput(seconds: int = SECONDS) -> list[Throughput]:
    """The baseline first, then each portal page, each under the same load for ``seconds``."""
    results: list[Throughput] = []
    with start_bare_app() as bare:
        results.append(Throughput(BARE, run_load(Request(bare.url + "/"), seconds=seconds)))
    with start_portal() as portal:
        assert portal.idm_url is not None
        pages = (
            ("SPOT landing page", Request(portal.url + "/")),
            ("IDM sign-in page", Request(portal.idm_url + "/login/login.htm")),
            (ELIGIBILITY, eligibility_request(portal.url)),
        )
        results += [Throughput(name, run_load(request, seconds=seconds)) for name, request in pages]
    return results


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
