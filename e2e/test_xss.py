"""No script injection: script payloads typed into every field of every form, and stored where
other pages show them, run nothing.

In the browser, one payload per form (an attribute break-out that would make an ``img`` with an
``onerror`` handler) and the control panel, whose script draws what the API returns; every
payload into every server-rendered form, the organization's name as other users see it, and an
outage message on the status page run over HTTP in tests/sites/test_xss_http.py, which checks
the same pages for what a payload would have made (docs/coverage.md).

A watch on each page records what would betray a payload that ran: a dialog (every payload
calls alert), a Content-Security-Policy violation (the portal's CSP forbids inline script, so
a payload that reached the DOM as markup would trip it), a console CSP message, and elements a
payload would have created. Each field then holds the payload as typed, and pages that show a
stored value show it as text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from e2e.pages import EligibilityPage, IdmSignIn, IdmVerify, SpotLanding
from e2e.pages.access import RoleRequest
from e2e.pages.control_panel import ControlPanel
from e2e.pages.journeys import refused_sign_in_over_http
from fixtures.html_contract import SCRIPT_PAYLOADS

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, ConsoleMessage, Dialog

    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import MakeUser, PortalHandle, SignIn

PAYLOADS = SCRIPT_PAYLOADS
# The one payload each form takes in the browser: it breaks out of an attribute into markup.
PAYLOAD = PAYLOADS[1]
# What a payload that ran as markup would have left in the page.
INJECTED = "img[src='x'], svg, script:not([src]), [onerror], [onload]"
WATCH_SCRIPT = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


class ScriptWatch:
    """What would show that something a user typed ran in ``page``."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.dialogs: list[str] = []
        self.console: list[str] = []
        page.on("dialog", self._dialog)
        page.on("console", self._console)
        page.add_init_script(WATCH_SCRIPT)  # through CDP: not subject to the page's CSP

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _console(self, message: ConsoleMessage) -> None:
        self.console.append(message.text)

    def violations(self) -> list[str]:
        found: list[str] = self.page.evaluate("window.__cspViolations ?? ['watch not installed']")
        return found

    def expect_nothing_ran(self) -> None:
        expect(self.page.locator(INJECTED)).to_have_count(0)
        assert self.dialogs == []
        assert self.violations() == []
        assert [m for m in self.console if "Content Security Policy" in m] == []


@pytest.fixture
def watch(page: Page) -> ScriptWatch:
    return ScriptWatch(page)


def test_the_watch_sees_a_script_the_csp_blocks(page: Page, watch: ScriptWatch) -> None:
    """The watch itself works: an inline script put in the page is blocked and reported."""
    SpotLanding(page).open()
    page.evaluate("""() => {
        const s = document.createElement("script");
        s.textContent = "alert('ran')";
        document.body.append(s);
    }""")

    page.wait_for_function("window.__cspViolations.length > 0")
    assert watch.violations() == ["script-src-elem inline"]
    assert watch.dialogs == []  # blocked, so it never ran


@pytest.mark.covers("SIGN_IN_FAILED", page="idm/login/authn")
@pytest.mark.covers("MFA_CODE_INVALID", page="idm/signin/verify", fields=("code",))
def test_idm_sign_in_and_its_verification_code_take_a_payload_as_text(
    page: Page, watch: ScriptWatch, make_user: MakeUser
) -> None:
    """Walks IDM's sign-in through: the payload as User ID and password is refused and kept as
    text; then a real user's password leads to the verification code, where the payload is
    refused as a code; nothing ran on either page."""
    user = make_user(spot_access="approved", mfa=True)
    SpotLanding(page).open().log_in()
    sign_in = IdmSignIn(page)
    sign_in.sign_in(PAYLOAD, PAYLOAD)

    sign_in.errors.expect_error("SIGN_IN_FAILED")
    expect(sign_in.user_id).to_have_value(PAYLOAD)
    watch.expect_nothing_ran()

    sign_in.sign_in(user.user_id, user.password)
    verify = IdmVerify(page)
    verify.verify(PAYLOAD)

    verify.errors.expect_error("MFA_CODE_INVALID", field="code")
    watch.expect_nothing_ran()


@pytest.mark.covers("DATA_FORMAT", page="spot/eligibility", fields=("mbi",))
def test_every_eligibility_field_takes_a_payload_as_text(
    page: Page, watch: ScriptWatch, sign_in_over_http: SignIn, make_user: MakeUser
) -> None:
    sign_in_over_http(make_user(spot_access="approved", mfa=False))
    page.goto("/eligibility")
    form = EligibilityPage(page)
    typed = dict.fromkeys(form.fields, PAYLOAD)
    form.inquire(**typed)

    form.errors.expect_error("DATA_FORMAT", field="mbi")
    form.expect_values(**typed)
    form.expect_no_result()
    watch.expect_nothing_ran()


ROLE_REQUEST_FIELDS = ("Business Name", "Business Address", "NPI", "PTAN", "TIN")


@pytest.mark.covers("DATA_FORMAT", page="idm/app/roles/request", fields=("npi", "ptan", "tin"))
def test_the_role_request_takes_a_payload_and_shows_the_organization_it_names_as_text(
    page: Page, watch: ScriptWatch, admin: AdminClient, make_user: MakeUser, portal: PortalHandle
) -> None:
    """Other users' views of the stored organization (IDM's role request, the mail) are over
    HTTP, with every payload. The user signs in at IDM over HTTP: the sign-in is not the
    subject (its own payload scenario is above)."""
    approver = make_user(spot_access="none", mfa=False)
    refused_sign_in_over_http(page.context, portal, admin, approver)
    form = RoleRequest(page, portal.idm_url).open()
    form.request_approver(
        {**dict.fromkeys(ROLE_REQUEST_FIELDS, PAYLOAD), "Line of Business": "Part A"}, PAYLOAD
    )

    for field in ("npi", "ptan", "tin"):  # each with a format rule of its own
        form.errors.expect_error("DATA_FORMAT", field=field)
    for label in ROLE_REQUEST_FIELDS:
        expect(page.get_by_label(label, exact=True)).to_have_value(PAYLOAD)
    expect(form.reason).to_have_value(PAYLOAD)
    watch.expect_nothing_ran()

    # Stored: the organization's name and address, then shown on the approver's pages.
    name, address = PAYLOADS[1], PAYLOADS[0]
    profile = {"Business Name": name, "Business Address": address, "NPI": "1234567893"}
    form.request_approver(
        {**profile, "PTAN": "A1B2C3", "TIN": "59-1234567", "Line of Business": "Part A"},
        PAYLOADS[5],
    )
    form.confirmation_number()
    expect(page.get_by_text(name)).to_be_visible()
    watch.expect_nothing_ran()
    admin.set_access(approver.user_id, "approved")

    page.goto("/home")
    expect(page.locator(".organization")).to_have_text(name)
    watch.expect_nothing_ran()


@pytest.fixture
def panel_page(browser: Browser, portal: PortalHandle) -> Iterator[Page]:
    """A browser for the control panel, which sends its own namespace header: this context must
    not add the test's (see e2e/test_control_panel.py)."""
    context = browser.new_context(base_url=portal.spot_url)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_the_control_panel_shows_payloads_and_an_outage_message_as_text(
    panel_page: Page, portal: PortalHandle, namespace: str, admin: AdminClient
) -> None:
    """Every payload: the panel's script draws what the control API returns. The status page
    showing an outage message is server-rendered: over HTTP, with every payload."""
    panel_watch = ScriptWatch(panel_page)
    panel = ControlPanel(panel_page).open()
    panel.use_namespace(namespace)
    panel.sign_in(portal.admin_token)
    panel.expect_signed_in()
    for payload in PAYLOADS:
        panel.personas.create(user_id=payload, password=payload)
        panel.personas.errors.expect_error("bad_request", field="persona-user-id")
        panel.outbox.refresh(payload)
        panel.journal.refresh(payload)
        panel_watch.expect_nothing_ran()

    message = PAYLOADS[1]
    panel.systems.take_down("HETS", "Unscheduled maintenance", message)
    expect(panel.systems.row("HETS")).to_contain_text(message)
    panel_watch.expect_nothing_ran()
