"""200 users at once over loopback, each in its own namespace: the whole OIDC sign-in (some with
MFA), eligibility lookups, its own HETS outage, log off; no errors and no cross-talk
(fixtures/load.py says what is checked). ``python -m benchmarks.concurrency`` runs more."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fixtures.load import LoadPlan, run_load
from mock_portal.testing.event_loops import run_apart

if TYPE_CHECKING:
    from collections.abc import Callable

    from mock_portal.testing.plugin import PortalHandle

PLAN = LoadPlan(users=200, lookups=3, mfa_every=5, time_limit=240.0)


def test_200_users_at_once_get_their_own_pages_and_nothing_is_lost(
    portal: PortalHandle, summary_note: Callable[[str], None]
) -> None:
    report = run_apart(run_load(portal.spot_url, portal.admin_token, PLAN))

    summary_note(report.summary())
    assert report.problems == [], "\n".join(report.problems)
    assert report.signed_in_at_once == PLAN.users
    assert report.mfa_mails == len(range(0, PLAN.users, PLAN.mfa_every))
