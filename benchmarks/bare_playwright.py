"""The same sign-in as ``harness_scenario.py``, in a plain Playwright script: the baseline the
harness's per-scenario overhead is measured against.

Each round does what one harness test does: a namespace and a user through the control API, a
fresh browser context sending the namespace, the UI sign-in, the welcome heading, then closing
the context and dropping the namespace.
"""

from __future__ import annotations

import time

from playwright.sync_api import expect, sync_playwright

from mock_portal.testing.admin_client import NAMESPACE_HEADER, AdminClient
from mock_portal.testing.browser import find_chromium


def sign_in_rounds(spot_url: str, admin_token: str, rounds: int) -> list[float]:
    """Seconds per round, the browser launched once beforehand (as pytest's session does)."""
    times: list[float] = []
    with sync_playwright() as playwright:
        choice = find_chromium(playwright.chromium.executable_path)
        if choice is None:
            raise RuntimeError("no Chromium: run python -m mock_portal.testing.browser ensure")
        browser = playwright.chromium.launch(executable_path=choice.executable)
        try:
            for round_ in range(rounds):
                began = time.perf_counter()
                namespace = f"bare-playwright-{round_}-{time.monotonic_ns()}"
                admin = AdminClient(spot_url, admin_token, namespace)
                user = admin.create_user(spot_access="approved", mfa=False)
                context = browser.new_context(
                    base_url=spot_url, extra_http_headers={NAMESPACE_HEADER: namespace}
                )
                page = context.new_page()
                page.goto("/")
                page.get_by_role("link", name="Log in").click()
                # IDM's chooser first (its default), as the harness's page object goes past it.
                chooser = page.get_by_role("region", name="EUA/IDM User ID")
                chooser.get_by_role("button", name="Continue").click()
                page.get_by_label("User ID").fill(user["user_id"])
                page.get_by_label("Password").fill(user["password"])
                page.get_by_label("I agree to the Terms & Conditions").check()
                page.get_by_role("button", name="Sign In").click()
                welcome = f"Welcome, {user['first_name']} {user['last_name']}"
                expect(page.get_by_role("heading", level=1)).to_have_text(welcome)
                context.close()
                admin.drop_namespace()
                admin.close()
                times.append(time.perf_counter() - began)
        finally:
            browser.close()
    return times
