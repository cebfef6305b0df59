"""200 users at once, each in its own namespace: the whole OIDC sign-in (some with MFA),
eligibility lookups, its own HETS outage, log off; no errors and no cross-talk (fixtures/load.py
says what is checked).

In-process (``fixtures/inprocess.py``): the 200 users' requests go to the sites' ASGI apps, not
through loopback sockets to a server thread. What this test is for is correctness with 200
sessions held at once (isolation, nothing lost), which needs no socket; throughput and latency
over real connections are ``python -m benchmarks`` (wrk at 50 connections) and
``python -m benchmarks.concurrency``, which runs this same load, at any size, against a
``serve`` subprocess over the network.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fixtures.load import LoadPlan, run_load
from mock_portal.testing.event_loops import run_apart

if TYPE_CHECKING:
    from collections.abc import Callable

    from fixtures.inprocess import InProcessServer

PLAN = LoadPlan(users=200, lookups=3, mfa_every=5, time_limit=240.0)


def test_200_users_at_once_get_their_own_pages_and_nothing_is_lost(
    inprocess: InProcessServer, summary_note: Callable[[str], None]
) -> None:
    token = inprocess.context.admin_token
    report = run_apart(run_load(inprocess.urls.spot, token, PLAN, inprocess.transport))

    summary_note(report.summary())
    assert report.problems == [], "\n".join(report.problems)
    assert report.signed_in_at_once == PLAN.users
    assert report.mfa_mails == len(range(0, PLAN.users, PLAN.mfa_every))
