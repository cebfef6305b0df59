"""Replay a diagnosed capture on the mock: which scenarios to run, and one pytest file that sets
the mock up as the diagnosis implies (users, access, outages, clock) and walks the capture's
steps in a browser through the mock's own pages.

Not Playwright's ``route_from_har``: it answers from the recorded responses, and a log in never
matches them (every /authorize carries a fresh OIDC ``state``, ``nonce`` and PKCE challenge).
The written test uses only what the installed distribution gives any project (the harness
plugin's ``page``, ``admin``, ``make_user``, ``sign_in_over_http``, ``beneficiaries``; the
labels of DESIGN.md's UI contract), so it passes with plain ``pytest`` wherever the
distribution is installed with its ``test`` extra.

Usage::

    diagnosis = diagnose_file("login.har")
    Path("test_login_har.py").write_text(write_test(diagnosis, "login.har"))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mock_portal.captures.diagnose import Diagnosis, Finding

_HEADER = '''"""Replays {source} on the mock portal: written by `mock-portal reproduce {source}
--write-test`. The capture showed: {codes}.

Each test sets the mock up as the diagnosis implies and walks the capture's steps through the
mock's pages; it passes when the mock shows the same error. Run it with plain `pytest` where
the mock-portal distribution is installed with its test extra.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from playwright.sync_api import Page, expect

# The capture's steps on SPOT and IDM (method, site, path; queries left out):
{steps}


def sign_in(page: Page, user: Any, password: str | None = None) -> None:
    """IDM's sign-in page: past the chooser (Continue under EUA/IDM User ID) when it shows,
    then User ID, Password, the terms, Sign In."""
    chooser = page.get_by_role("region", name="EUA/IDM User ID")
    if chooser.count():
        chooser.get_by_role("button", name="Continue").click()
    page.get_by_label("User ID").fill(user.user_id)
    page.get_by_label("Password").fill(password or user.password)
    page.get_by_label("I agree to the Terms & Conditions").check()
    page.get_by_role("button", name="Sign In").click()


def shows(page: Page, code: str) -> None:
    """The page's error summary shows the catalogue code (DESIGN.md's error contract)."""
    message = page.get_by_role("alert").locator(f'[data-error-code="{{code}}"]').first
    expect(message).to_be_visible()


def us_date(days_ago: int) -> str:
    return (datetime.now(UTC) - timedelta(days=days_ago)).strftime("%m/%d/%Y")
'''

# One walk per code: the setup the diagnosis implies, then the steps, then what the page shows.
_WALKS = {
    "ACCESS_NOT_ASSIGNED": """
def test_access_not_assigned(page: Page, make_user: Any) -> None:
    user = make_user(spot_access="none", mfa=False)  # IDM account, SPOT access not approved
    page.goto("/")
    page.get_by_role("link", name="Log in").click()
    sign_in(page, user)
    shows(page, "ACCESS_NOT_ASSIGNED")
""",
    "STALE_SESSION:cookies": """
def test_stale_session_cookies_pile_up(page: Page, make_user: Any) -> None:
    user = make_user(spot_access="approved", mfa=False)
    for _ in range(16):  # log ins started and left at IDM, each leaving its cookies
        page.goto("/eligibility")
        expect(page.get_by_label("User ID")).to_be_visible()
    page.goto("/eligibility")
    sign_in(page, user)
    expect(page).to_have_title("400 Request Header Or Cookie Too Large")
""",
    "STALE_SESSION": """
def test_stale_session_second_log_in_from_the_cached_page(page: Page, make_user: Any) -> None:
    user = make_user(spot_access="approved", mfa=False)
    page.goto("/")
    page.get_by_role("link", name="Log in").click()
    sign_in(page, user)
    page.get_by_role("button", name="Log off").click()
    page.goto("/")  # from the browser's cache, with the first log in's state
    page.get_by_role("link", name="Log in").click()
    sign_in(page, user)
    shows(page, "STALE_SESSION")
""",
    "SYSTEM_UNAVAILABLE:IDM": """
def test_system_unavailable_idm(page: Page, admin: Any) -> None:
    admin.set_system("IDM", available=False, maintenance="unscheduled")
    page.goto("/login")
    shows(page, "SYSTEM_UNAVAILABLE")
""",
    "SYSTEM_UNAVAILABLE:HETS": """
def test_system_unavailable_hets(
    page: Page, admin: Any, make_user: Any, sign_in_over_http: Any, beneficiaries: Any
) -> None:
    patient = beneficiaries.draw()
    sign_in_over_http(make_user(spot_access="approved", mfa=False))
    admin.set_system("HETS", available=False, maintenance="unscheduled")
    page.goto("/eligibility")
    page.get_by_label("Medicare ID", exact=True).fill(patient.mbi)
    page.get_by_label("Last Name", exact=True).fill(patient.last_name)
    page.get_by_label("First Name", exact=True).fill(patient.first_name)
    page.get_by_label("Date of Birth", exact=True).fill(patient.date_of_birth.strftime("%m/%d/%Y"))
    page.get_by_label("Date of Service", exact=True).fill(us_date(7))
    page.get_by_role("button", name="Submit").click()
    shows(page, "SYSTEM_UNAVAILABLE")
""",
    "SYSTEM_UNAVAILABLE:FISS": """
def test_system_unavailable_fiss(
    page: Page, admin: Any, make_user: Any, sign_in_over_http: Any, beneficiaries: Any
) -> None:
    patient = beneficiaries.draw()
    sign_in_over_http(make_user(spot_access="approved", mfa=False))
    admin.set_system("FISS", available=False, maintenance="unscheduled")
    page.goto("/claim-status")
    page.get_by_label("Medicare ID", exact=True).fill(patient.mbi)
    page.get_by_label("From Date of Service", exact=True).fill(us_date(60))
    page.get_by_label("Through Date of Service", exact=True).fill(us_date(7))
    page.get_by_role("button", name="Submit").click()
    shows(page, "SYSTEM_UNAVAILABLE")
""",
    "SIGN_IN_FAILED": """
def test_sign_in_failed(page: Page, make_user: Any) -> None:
    user = make_user(spot_access="approved", mfa=False)
    page.goto("/login")
    sign_in(page, user, password="Not-" + user.password)
    shows(page, "SIGN_IN_FAILED")
""",
    "ACCOUNT_LOCKED": """
def test_account_locked(page: Page, make_user: Any) -> None:
    user = make_user(spot_access="approved", mfa=False)
    page.goto("/login")
    for _ in range(3):  # three failed sign-ins in a row
        sign_in(page, user, password="Not-" + user.password)
    shows(page, "ACCOUNT_LOCKED")
""",
    "MFA_CODE_INVALID": """
def test_mfa_code_invalid(page: Page, make_user: Any) -> None:
    user = make_user(spot_access="approved", mfa=True)
    page.goto("/login")
    sign_in(page, user)
    page.get_by_label("Verification code").fill("000000")
    page.get_by_role("button", name="Verify").click()
    shows(page, "MFA_CODE_INVALID")
""",
    "SIGN_IN_EXPIRED": """
def test_sign_in_expired(page: Page, admin: Any, make_user: Any) -> None:
    user = make_user(spot_access="approved", mfa=False)
    start = datetime.now(UTC)
    admin.freeze_clock(start)
    page.goto("/login")
    expect(page.get_by_label("User ID")).to_be_visible()
    admin.freeze_clock(start + timedelta(minutes=15, seconds=1))  # the page left open
    sign_in(page, user)
    shows(page, "SIGN_IN_EXPIRED")
""",
    "SIGN_IN_REQUEST_REFUSED": """
def test_sign_in_request_refused(page: Page, portal: Any) -> None:
    def as_in_the_capture(route: Any) -> None:
        route.continue_(url=route.request.url + "{change}")

    page.route(portal.idm_url + "/oauth2/default/v1/authorize?*", as_in_the_capture)
    page.goto("/")
    page.get_by_role("link", name="Log in").click()
    shows(page, "SIGN_IN_REQUEST_REFUSED")
""",
    "REQUIRED_FIELD": """
def test_required_field(page: Page, make_user: Any, sign_in_over_http: Any) -> None:
    sign_in_over_http(make_user(spot_access="approved", mfa=False))
    page.goto("/eligibility")
    page.get_by_role("button", name="Submit").click()
    shows(page, "REQUIRED_FIELD")
""",
    "DATA_FORMAT": """
def test_data_format(page: Page, make_user: Any, sign_in_over_http: Any) -> None:
    sign_in_over_http(make_user(spot_access="approved", mfa=False))
    page.goto("/eligibility")
    page.get_by_label("Medicare ID", exact=True).fill("1EG4-TE5-MK73")  # dashes
    page.get_by_label("Last Name", exact=True).fill("Doe")
    page.get_by_label("First Name", exact=True).fill("Jan")
    page.get_by_label("Date of Birth", exact=True).fill("01/02/1950")
    page.get_by_label("Date of Service", exact=True).fill(us_date(7))
    page.get_by_role("button", name="Submit").click()
    shows(page, "DATA_FORMAT")
""",
    "DATA_MISMATCH": """
def test_data_mismatch(
    page: Page, make_user: Any, sign_in_over_http: Any, beneficiaries: Any
) -> None:
    patient = beneficiaries.draw()
    sign_in_over_http(make_user(spot_access="approved", mfa=False))
    page.goto("/eligibility")
    page.get_by_label("Medicare ID", exact=True).fill(patient.mbi)
    page.get_by_label("Last Name", exact=True).fill(patient.last_name + "x")  # not Medicare's
    page.get_by_label("First Name", exact=True).fill(patient.first_name)
    page.get_by_label("Date of Birth", exact=True).fill(patient.date_of_birth.strftime("%m/%d/%Y"))
    page.get_by_label("Date of Service", exact=True).fill(us_date(7))
    page.get_by_role("button", name="Submit").click()
    shows(page, "DATA_MISMATCH")
""",
    "NOT_AUTHORIZED": """
def test_not_authorized(page: Page, make_user: Any, sign_in_over_http: Any) -> None:
    sign_in_over_http(make_user(spot_access="approved", role="end_user", mfa=False))
    page.goto("/access-requests")
    shows(page, "NOT_AUTHORIZED")
""",
}


@dataclass(frozen=True)
class Walk:
    """A code and the variant of its walk the finding implies."""

    code: str
    key: str


# Codes the mock reproduces by its e2e scenarios (``reproduce`` runs them) but has no written
# walk for yet: the written test says so in a comment, and a test keeps this list honest.
NO_WALK_YET = frozenset(
    {
        "PASSWORD_EXPIRED",
        "PASSWORD_NOT_ACCEPTED",
        "ACCOUNT_SUSPENDED",
        "MFA_FACTOR_LOCKED",
        "SPOT_ACCESS_INACTIVE",
        "SPOT_SESSION_TIMED_OUT",
        "SECURITY_ANSWER_INVALID",
        "RESET_LINK_EXPIRED",
        "CLOCK_SKEW",
        "LOGINGOV_CANCELLED",
        "LOGINGOV_EMAIL_AMBIGUOUS",
        "LOGINGOV_NOT_VERIFIED",
    }
)


def walk_for(finding: Finding) -> Walk | None:
    """Which walk reproduces ``finding`` on the mock (None: the mock has none for its code)."""
    code = finding.code
    if code == "STALE_SESSION" and "Cookie" in finding.cause:
        return Walk(code, "STALE_SESSION:cookies")
    if code == "SYSTEM_UNAVAILABLE":
        said = finding.evidence + " " + finding.cause
        system = next((s for s in ("HETS", "FISS") if s in said), "IDM")
        return Walk(code, f"SYSTEM_UNAVAILABLE:{system}")
    return Walk(code, code) if code in _WALKS else None


def _request_change(finding: Finding) -> str:
    """What to add to SPOT's authorize request so IDM refuses it as the capture shows."""
    error = re.search(r"error=([a-z_]+)", finding.evidence)
    if error and error.group(1) == "invalid_scope":
        return "%20not_a_scope"
    return "&prompt=none"  # login_required, Okta's answer when the browser has no session


def write_test(diagnosis: Diagnosis, source: str) -> str:
    """One pytest module replaying the diagnosed capture (see the module's docstring)."""
    steps = [
        f"#   {s.index:>4}  {s.method:<6} {s.site:<4} {s.path}  -> {s.status}"
        for s in diagnosis.capture.steps
        if s.site is not None and not s.path.endswith((".css", ".js", ".png", ".ico", ".svg"))
    ][:200]
    codes = ", ".join(diagnosis.codes) or "no documented error"
    parts = [_HEADER.format(source=source, codes=codes, steps="\n".join(steps) or "#   (none)")]
    for finding in diagnosis.findings:
        walk = walk_for(finding)
        if walk is None:
            parts.append(f"\n# {finding.code}: the mock has no walk for this code yet.\n")
            continue
        body = _WALKS[walk.key]
        if walk.code == "SIGN_IN_REQUEST_REFUSED":
            body = body.replace("{change}", _request_change(finding))
        parts.append(body)
    return "\n".join(parts)
