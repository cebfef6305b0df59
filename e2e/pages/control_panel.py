"""The control panel at ``/__admin/``: what a tester reproducing a report does there.

Every action waits for its section to answer (a ``role="status"`` notice, or the ``role="alert"``
summary when the control API refused), so a scenario can check the portal's state right after.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from e2e.pages.errors import ErrorSummary

PATH = "/__admin/"
TOKEN_KEY = "mock-portal.admin-token"  # static/admin.js


class PanelSection:
    """One section of the panel (a region named by its heading), with its own feedback."""

    def __init__(self, page: Page, name: str) -> None:
        self.page = page
        self.region = page.get_by_role("region", name=name, exact=True)
        self.status = self.region.get_by_role("status")
        self.errors = ErrorSummary(page, within=self.region)

    def wait_for_answer(self) -> None:
        expect(self.status.or_(self.errors.alert).first).to_be_visible()

    def expect_status(self, text: str) -> None:
        self.errors.expect_none()
        expect(self.status).to_contain_text(text)


class Connection(PanelSection):
    def __init__(self, page: Page) -> None:
        super().__init__(page, "Connection")
        self.token = self.region.get_by_label("Admin token")
        self.sign_in_button = self.region.get_by_role("button", name="Sign in")
        self.sign_out_button = self.region.get_by_role("button", name="Sign out")
        self.namespace = self.region.get_by_label("Namespace")
        self.use_namespace_button = self.region.get_by_role("button", name="Use namespace")


class Personas(PanelSection):
    def __init__(self, page: Page) -> None:
        super().__init__(page, "Personas")
        form = self.region.locator("#persona-form")
        self.user_id = form.get_by_label("User ID")
        self.password = form.get_by_label("Password")
        self.spot_access = form.get_by_label("SPOT access")
        self.role = form.get_by_label("Role")
        self.mfa = form.get_by_label("MFA")
        self.factor = form.get_by_label("Verification method")
        self.account_state = form.get_by_label("Account state")
        self.create_button = form.get_by_role("button", name="Create user")
        self.created_rows = self.region.locator("#created-users tbody tr")
        help_desk = self.region.locator("#access-form")
        self.lookup_user_id = help_desk.get_by_label("IDM User ID")
        self.new_access = help_desk.get_by_label("New SPOT access")
        self.set_access_button = help_desk.get_by_role("button", name="Set access")
        login_gov = self.region.locator("#logingov-form")
        self.logingov_email = login_gov.get_by_label("Login.gov e-mail")
        self.logingov_verified = login_gov.get_by_label("Identity verified at Login.gov")
        self.logingov_button = login_gov.get_by_role("button", name="Create Login.gov user")

    def create(
        self,
        *,
        user_id: str = "",
        password: str = "",
        spot_access: str = "Approved",
        role: str = "End User",
        mfa: bool = True,
        factor: str = "Email",
        account_state: str = "Active",
    ) -> None:
        """Fill the form (labels as shown: "Approved", "End User"); empty fields go to Faker."""
        self.user_id.fill(user_id)
        self.password.fill(password)
        self.spot_access.select_option(label=spot_access)
        self.role.select_option(label=role)
        self.mfa.set_checked(mfa)
        self.factor.select_option(label=factor)
        self.account_state.select_option(label=account_state)
        self.create_button.click()
        self.wait_for_answer()

    def quick(self, label: str) -> None:
        self.region.get_by_role("button", name=label, exact=True).click()
        self.wait_for_answer()

    def created(self, user_id: str) -> Locator:
        return self.region.locator(f'#created-users tr[data-user-id="{user_id}"]')

    def newest_user_id(self) -> str:
        return self.created_rows.first.get_attribute("data-user-id") or ""

    def password_shown_for(self, user_id: str) -> str:
        return self.created(user_id).locator("[data-password]").text_content() or ""

    def create_logingov_user(self, email: str = "", *, verified: bool = True) -> None:
        self.logingov_email.fill(email)
        self.logingov_verified.set_checked(verified)
        self.logingov_button.click()
        self.wait_for_answer()

    def set_access(self, user_id: str, access: str) -> None:
        self.lookup_user_id.fill(user_id)
        self.new_access.select_option(label=access)
        self.set_access_button.click()
        self.wait_for_answer()


class Systems(PanelSection):
    def __init__(self, page: Page) -> None:
        super().__init__(page, "Systems")
        form = self.region.locator("#outage-form")
        self.system = form.get_by_label("System", exact=True)
        self.kind = form.get_by_label("Kind of outage")
        self.message = form.get_by_label("Message")
        self.take_down_button = form.get_by_role("button", name="Take down")
        schedule = self.region.locator("#window-form")
        self.window_system = schedule.get_by_label("System", exact=True)
        self.window_start = schedule.get_by_label("From (Eastern time)")
        self.window_end = schedule.get_by_label("Until (Eastern time)")
        self.window_message = schedule.get_by_label("Window message")
        self.schedule_button = schedule.get_by_role("button", name="Schedule")
        self.windows = self.region.locator("#maintenance-windows tbody tr[data-window]")
        self.weekly = self.region.get_by_label("Weekly SPOT maintenance")
        self.save_weekly_button = self.region.get_by_role("button", name="Save weekly maintenance")
        breaking = self.region.locator("#fault-form")
        self.fault_system = breaking.get_by_label("Back end")
        self.fault_kind = breaking.get_by_label("Fault", exact=True)
        self.fault_message = breaking.get_by_label("Fault message")
        self.set_fault_button = breaking.get_by_role("button", name="Set fault")

    def row(self, system: str) -> Locator:
        return self.region.locator(f'table.systems tr[data-system="{system}"]')

    def take_down(self, system: str, kind: str, message: str = "") -> None:
        """``kind`` as shown: "Scheduled maintenance" or "Unscheduled maintenance"."""
        self.system.select_option(value=system)
        self.kind.select_option(label=kind)
        self.message.fill(message)
        self.take_down_button.click()
        self.wait_for_answer()

    def bring_back(self, system: str) -> None:
        self.region.get_by_role("button", name=f"Bring {system} back").click()
        self.wait_for_answer()

    def expect_state(self, system: str, state: str) -> None:
        expect(self.row(system).locator(".system-state")).to_have_text(state)

    def schedule(self, system: str, start: str, end: str, message: str = "") -> None:
        """``start`` and ``end``: Eastern wall times as a datetime-local field takes them."""
        self.window_system.select_option(value=system)
        self.window_start.fill(start)
        self.window_end.fill(end)
        self.window_message.fill(message)
        self.schedule_button.click()
        self.wait_for_answer()

    def window(self, window_id: str) -> Locator:
        return self.region.locator(f'#maintenance-windows tr[data-window="{window_id}"]')

    def cancel_window(self, system: str, window_id: str) -> None:
        self.region.get_by_role("button", name=f"Cancel {system} window {window_id}").click()
        self.wait_for_answer()

    def set_weekly(self, on: bool) -> None:
        self.weekly.set_checked(on)
        self.save_weekly_button.click()
        self.wait_for_answer()

    def break_back_end(self, system: str, fault: str, message: str = "") -> None:
        """``fault``: ``slow``, ``reset`` or ``malformed``."""
        self.fault_system.select_option(value=system)
        self.fault_kind.select_option(value=fault)
        self.fault_message.fill(message)
        self.set_fault_button.click()
        self.wait_for_answer()


class Clock(PanelSection):
    def __init__(self, page: Page) -> None:
        super().__init__(page, "Clock")
        self.now_eastern = self.region.locator("[data-clock-eastern]")
        self.mode = self.region.locator("[data-clock-mode]")
        self.at = self.region.get_by_label("Date and time (Eastern time)")
        self.freeze_button = self.region.get_by_role("button", name="Freeze clock")
        self.minutes = self.region.get_by_label("Minutes")
        self.move_button = self.region.get_by_role("button", name="Move forward")
        self.real_time_button = self.region.get_by_role("button", name="Return to real time")

    def freeze_at(self, eastern: str) -> None:
        """``eastern``: the wall time as a datetime-local field takes it, "2026-01-07T09:30"."""
        self.at.fill(eastern)
        self.freeze_button.click()
        self.wait_for_answer()

    def move_forward(self, minutes: int) -> None:
        self.minutes.fill(str(minutes))
        self.move_button.click()
        self.wait_for_answer()

    def return_to_real_time(self) -> None:
        self.real_time_button.click()
        self.wait_for_answer()


class FilteredLog(PanelSection):
    """What the portal recorded (mail, journal), newest first, filtered by one field."""

    def __init__(self, page: Page, name: str, filter_label: str, rows: str) -> None:
        super().__init__(page, name)
        self.filter = self.region.get_by_label(filter_label, exact=True)
        self.refresh_button = self.region.get_by_role("button", name=f"Refresh {name.lower()}")
        self.rows = self.region.locator(rows)

    def refresh(self, matching: str = "") -> None:
        """Refresh, showing only the records ``matching`` (all with ""): recipient, or kind."""
        self.filter.fill(matching)
        self.refresh_button.click()


class Outbox(FilteredLog):
    def __init__(self, page: Page) -> None:
        super().__init__(page, "Outbox", "To", "tr.mail")


class Journal(FilteredLog):
    def __init__(self, page: Page) -> None:
        super().__init__(page, "Journal", "Kind", "tr.journal-entry")

    def entries_of(self, kind: str) -> Locator:
        return self.region.locator(f'tr.journal-entry[data-kind="{kind}"]')


class Settings(PanelSection):
    def __init__(self, page: Page) -> None:
        super().__init__(page, "Settings")
        self.cache_traps = self.region.get_by_label("Cache traps")
        self.idm_sign_in = self.region.get_by_label("IDM's first page")
        self.save_button = self.region.get_by_role("button", name="Save settings")
        self.release = self.region.locator("[data-release]")
        self.ship_button = self.region.get_by_role("button", name="Ship a SPOT release")

    def set_cache_traps(self, on: bool) -> None:
        self.cache_traps.set_checked(on)
        self.save_button.click()
        self.wait_for_answer()

    def set_idm_sign_in(self, value: str) -> None:
        self.idm_sign_in.select_option(value)
        self.save_button.click()
        self.wait_for_answer()

    def ship_release(self) -> None:
        self.ship_button.click()
        self.wait_for_answer()


class ControlPanel:
    """Usage::

    panel = ControlPanel(page).open()
    panel.use_namespace(namespace)
    panel.sign_in(token)
    panel.systems.take_down("HETS", "Unscheduled maintenance")
    """

    def __init__(self, page: Page) -> None:
        self.page = page
        self.connection = Connection(page)
        self.personas = Personas(page)
        self.systems = Systems(page)
        self.clock = Clock(page)
        self.outbox = Outbox(page)
        self.journal = Journal(page)
        self.settings = Settings(page)

    def open(self) -> ControlPanel:
        self.page.goto(PATH)
        return self

    def use_namespace(self, namespace: str) -> None:
        self.connection.namespace.fill(namespace)
        self.connection.use_namespace_button.click()
        self.connection.wait_for_answer()
        self.wait_until_loaded()

    def wait_until_loaded(self) -> None:
        """Every section has shown the namespace's state (admin.js marks them busy till then)."""
        expect(self.page.locator('[data-section][aria-busy="true"]')).to_have_count(0)

    def sign_in(self, token: str) -> None:
        self.connection.token.fill(token)
        self.connection.sign_in_button.click()
        expect(self.connection.sign_out_button.or_(self.connection.errors.alert)).to_be_visible()
        self.wait_until_loaded()

    def sign_out(self) -> None:
        self.connection.sign_out_button.click()

    def expect_signed_in(self) -> None:
        expect(self.connection.sign_out_button).to_be_visible()
        expect(self.personas.region).to_be_visible()
        expect(self.connection.token).to_be_hidden()

    def expect_signed_out(self) -> None:
        expect(self.connection.token).to_be_visible()
        expect(self.personas.region).to_be_hidden()

    def stored_token(self) -> str | None:
        """What the panel keeps in this tab's sessionStorage."""
        token: str | None = self.page.evaluate("key => sessionStorage.getItem(key)", TOKEN_KEY)
        return token
