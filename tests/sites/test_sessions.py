"""Sessions over HTTP: ids rotated at sign-in (a planted id is never adopted), destroyed at log
off (a replayed cookie is signed out), SPOT's 30-minute idle expiry, IDM's one-hour sign-in
transaction, and the cookies' attributes. All times by the mock's clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import httpx

from mock_portal.testing.admin_client import NAMESPACE_HEADER, AdminClient
from mock_portal.testing.http_flow import HttpUser
from mock_portal.testing.shared_tls import tls_context

if TYPE_CHECKING:
    from mock_portal.testing.plugin import PortalHandle

START = datetime(2026, 3, 4, 14, 0, tzinfo=UTC)
SIGN_IN_PAGE = "/login/login.htm"


def _signed_in(page: httpx.Response) -> bool:
    return page.url.path not in ("/login", SIGN_IN_PAGE) and "Log off" in page.text


def _visit(portal: PortalHandle, namespace: str, path: str, cookies: dict[str, str]) -> str:
    """Where a browser holding only ``cookies`` ends up (a fresh client: no other state)."""
    with HttpUser(portal.spot_url, namespace) as browser:
        header = "; ".join(f"{name}={value}" for name, value in cookies.items())
        url = path if "://" in path else portal.spot_url + path
        answer = browser.follow(browser.client.get(url, headers={"Cookie": header}))
        return answer.url.path


def _spot_session(portal: PortalHandle, namespace: str, admin: AdminClient) -> str:
    """The SPOT session id of a new approved user who has just logged in over HTTP."""
    user = admin.create_user(spot_access="approved", mfa=False)
    with HttpUser(portal.spot_url, namespace) as browser:
        browser.log_in(user["user_id"], user["password"])
        sid: str = browser.client.cookies["spot_sid"]
    return sid


def test_sign_in_never_adopts_a_session_id_the_browser_already_had(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    user = admin.create_user(spot_access="approved", mfa=False)
    host = httpx.URL(portal.spot_url).host  # both sites' cookies live on this host
    with HttpUser(portal.spot_url, namespace) as browser:
        browser.client.cookies.set("spot_sid", "planted-by-an-attacker", domain=host)
        browser.client.cookies.set("idm_sid", "planted-by-an-attacker", domain=host)

        home = browser.log_in(user["user_id"], user["password"])

        assert _signed_in(home)
        assert browser.client.cookies["spot_sid"] != "planted-by-an-attacker"
        assert browser.client.cookies["idm_sid"] != "planted-by-an-attacker"
    planted = {"spot_sid": "planted-by-an-attacker"}
    assert _visit(portal, namespace, "/home", planted) == SIGN_IN_PAGE


def test_signing_in_again_rotates_the_session_and_ends_the_old_one(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    user = admin.create_user(spot_access="approved", mfa=False)
    with HttpUser(portal.spot_url, namespace) as browser:
        browser.log_in(user["user_id"], user["password"])
        first = browser.client.cookies["spot_sid"]

        again = browser.get("/login")  # IDM's session is live: straight back, a new session

        assert _signed_in(again)
        second = browser.client.cookies["spot_sid"]
    assert second != first
    assert _visit(portal, namespace, "/home", {"spot_sid": first}) == SIGN_IN_PAGE
    assert _visit(portal, namespace, "/home", {"spot_sid": second}) == "/home"


def test_a_cookie_replayed_after_log_off_is_signed_out_of_both_sites(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    user = admin.create_user(spot_access="approved", mfa=False)
    with HttpUser(portal.spot_url, namespace) as browser:
        home = browser.log_in(user["user_id"], user["password"])
        spot_sid = browser.client.cookies["spot_sid"]
        idm_sid = browser.client.cookies["idm_sid"]

        off = browser.log_off(home)

        assert off.url.path == "/logged-off"
        assert "spot_sid" not in browser.client.cookies
    both = {"spot_sid": spot_sid, "idm_sid": idm_sid}
    assert _visit(portal, namespace, "/home", both) == SIGN_IN_PAGE
    assert _visit(portal, namespace, portal.idm_url + "/app/UserHome", both) == SIGN_IN_PAGE
    assert [e["kind"] for e in admin.journal() if e["kind"].endswith(("log_off", "sign_out"))] == [
        "spot.log_off",
        "idm.sign_out",
    ]


def test_spot_logs_off_after_30_minutes_without_activity(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    admin.freeze_clock(START)
    spot_only = {"spot_sid": _spot_session(portal, namespace, admin)}

    admin.freeze_clock(START + timedelta(minutes=29))
    assert _visit(portal, namespace, "/home", spot_only) == "/home"  # activity: timer restarts
    admin.freeze_clock(START + timedelta(minutes=29 + 29))
    assert _visit(portal, namespace, "/home", spot_only) == "/home"
    admin.freeze_clock(START + timedelta(minutes=29 + 29 + 30))
    assert _visit(portal, namespace, "/home", spot_only) == SIGN_IN_PAGE


def test_an_idm_sign_in_transaction_slides_and_expires_after_15_idle_minutes(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    """okta-signin-widget PR #1797: the hosted sign-in page fails after ~15 minutes idle; each
    request restarts the count. The answer is Identity Engine's, not a cache message."""
    admin.freeze_clock(START)
    user = admin.create_user(spot_access="approved", mfa=False)
    with HttpUser(portal.spot_url, namespace) as browser:
        sign_in = browser.get("/login")
        assert sign_in.url.path == SIGN_IN_PAGE
        admin.freeze_clock(START + timedelta(minutes=14))
        assert browser.get(str(sign_in.url)).status_code == 200  # a reload: still live
        admin.freeze_clock(START + timedelta(minutes=28))
        still = browser.get(str(sign_in.url))
        assert still.status_code == 200  # 14 idle minutes since the reload

        admin.freeze_clock(START + timedelta(minutes=43, seconds=1))
        late = browser.follow(browser.submit_password(still, user["user_id"], user["password"]))

    assert late.status_code == 401
    assert 'data-error-code="SIGN_IN_EXPIRED"' in late.text
    assert "logged out due to inactivity" in late.text
    assert "clear your browser" not in late.text.lower()


def test_session_cookies_are_http_only_same_site_lax_and_site_wide(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    user = admin.create_user(spot_access="approved", mfa=False)
    set_cookies: list[str] = []

    def keep(response: httpx.Response) -> None:
        set_cookies.extend(response.headers.get_list("set-cookie"))

    with HttpUser(portal.spot_url, namespace) as browser:
        browser.client.event_hooks["response"].append(keep)
        browser.log_in(user["user_id"], user["password"])
    for name in ("spot_sid", "idm_sid"):
        cookie = next(c for c in set_cookies if c.startswith(name + "="))
        attributes = {part.strip().lower() for part in cookie.split(";")[1:]}
        assert {"httponly", "samesite=lax", "path=/"} <= attributes, cookie


def test_the_namespace_header_is_what_isolates_sessions(
    portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    sid = _spot_session(portal, namespace, admin)
    other = AdminClient(portal.spot_url, portal.admin_token, namespace + "-other")
    try:
        other.reset()  # created, as the portal serves pages only in namespaces that exist
        elsewhere = httpx.get(
            portal.spot_url + "/home",
            headers={NAMESPACE_HEADER: other.namespace, "Cookie": f"spot_sid={sid}"},
            verify=tls_context(),
        )
    finally:
        other.drop_namespace()
        other.close()
    assert elsewhere.status_code == 303  # the session exists only in its own namespace
