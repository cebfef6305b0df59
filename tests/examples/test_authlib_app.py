"""examples/authlib_app.py, a relying party built with Authlib, signs a user in through the
mock IDM in Chromium; a user its client is not assigned to gets Okta's refusal there."""

from __future__ import annotations

import socket
import threading
import time
from typing import TYPE_CHECKING

import pytest
import uvicorn
from playwright.sync_api import expect

from e2e.pages import IdmSignIn
from examples.authlib_app import build

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Page

    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.personas import Persona
    from mock_portal.testing.plugin import MakeUser, PortalHandle


@pytest.fixture
def app_url(
    portal: PortalHandle, admin: AdminClient, request: pytest.FixtureRequest
) -> Iterator[str]:
    """The example app, serving on a free port, registered in this test's namespace with the
    users the test's ``assigned`` marker... or everyone."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    assigned = getattr(request, "param", "everyone")
    client = admin.create_client(redirect_uris=[url + "/callback"], assigned_users=assigned)
    app = build(
        portal.idm_url + "/oauth2/default",
        client["client_id"],
        client["client_secret"],
        admin.namespace,
    )
    server = uvicorn.Server(uvicorn.Config(app, log_config=None, lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)  # uvicorn offers no "started" event, only a flag
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(5)
        sock.close()


def sign_in_through_the_app(page: Page, app_url: str, user: Persona) -> None:
    page.goto(app_url + "/")
    page.get_by_role("link", name="Sign in with IDM").click()
    IdmSignIn(page).sign_in(user.user_id, user.password)


def test_the_example_app_signs_a_user_in_through_the_mock_idm(
    page: Page, app_url: str, make_user: MakeUser
) -> None:
    user = make_user(spot_access="none", mfa=False)
    sign_in_through_the_app(page, app_url, user)
    expect(page.get_by_role("heading", name=f"Signed in as {user.user_id}")).to_be_visible()


@pytest.mark.parametrize("app_url", [["someone.else"]], indirect=True)
def test_a_user_the_app_is_not_assigned_to_gets_okta_s_refusal_in_the_app(
    page: Page, app_url: str, make_user: MakeUser
) -> None:
    user = make_user(spot_access="approved", mfa=False)

    page.goto(app_url + "/")
    page.get_by_role("link", name="Sign in with IDM").click()
    IdmSignIn(page).sign_in(user.user_id, user.password)

    expect(page.get_by_role("alert")).to_have_text(
        "User is not assigned to the client application."
    )
