"""The scenario the harness-overhead benchmark times under pytest: one UI sign-in per test.

Not part of the suite (it is outside ``testpaths``); ``benchmarks/suite.py`` runs it with the
suite's own fixtures and options, and ``benchmarks/bare_playwright.py`` does the very same
steps in a plain Playwright script, against the same running portal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from e2e.pages.journeys import log_in_to_spot

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import MakeUser

ROUNDS = 16


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_sign_in(page: Page, admin: AdminClient, make_user: MakeUser, round_: int) -> None:
    user = make_user(spot_access="approved", mfa=False)
    log_in_to_spot(page, admin, user)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Welcome, {user.display_name}")
