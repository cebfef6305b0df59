"""The control panel's page over plain HTTP: served to anyone, holding no token, built for the CSP.

What it does in a browser is in ``e2e/test_control_panel.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import httpx
import pytest

from mock_portal.accounts.models import Role, SpotAccess
from mock_portal.availability.systems import FaultKind, Maintenance, SystemName
from mock_portal.testing.admin_client import NAMESPACE_HEADER
from mock_portal.testing.shared_tls import tls_context

if TYPE_CHECKING:
    from enum import StrEnum

    from mock_portal.testing.plugin import PortalHandle

FORM_CONTROLS = ("input", "select", "textarea")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""


class PageParts(HTMLParser):
    """Every element of a page with its attributes (and a script's, option's or button's text)."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        if self.elements and self.elements[-1].tag in ("script", "option", "button"):
            self.elements[-1].text += data

    def tagged(self, *tags: str) -> list[Element]:
        return [e for e in self.elements if e.tag in tags]

    def by_id(self, element_id: str) -> Element:
        (found,) = [e for e in self.elements if e.attrs.get("id") == element_id]
        return found

    def option_values(self, select_id: str) -> set[str]:
        start = self.elements.index(self.by_id(select_id))
        values: set[str] = set()
        for element in self.elements[start + 1 :]:
            if element.tag != "option":
                break
            values.add(element.attrs.get("value") or "")
        return values


@pytest.fixture
def panel(portal: PortalHandle) -> httpx.Response:
    return httpx.get(portal.spot_url + "/__admin/", verify=tls_context())


@pytest.fixture
def parts(panel: httpx.Response) -> PageParts:
    parser = PageParts()
    parser.feed(panel.text)
    return parser


def test_the_page_loads_without_a_token(panel: httpx.Response, parts: PageParts) -> None:
    assert panel.status_code == 200
    assert panel.headers["content-type"].startswith("text/html")
    assert parts.by_id("admin-token").attrs["type"] == "password"
    assert any(b.text.strip() == "Sign in" for b in parts.tagged("button"))


def test_the_bare_path_redirects_to_the_page(portal: PortalHandle) -> None:
    answer = httpx.get(portal.spot_url + "/__admin", verify=tls_context())
    assert answer.status_code == 307
    assert answer.headers["location"] == "/__admin/"


def test_the_page_carries_the_portals_security_headers(panel: httpx.Response) -> None:
    csp = panel.headers["content-security-policy"]
    for directive in ("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'"):
        assert directive in csp
    assert panel.headers["x-content-type-options"] == "nosniff"
    assert panel.headers["cache-control"] == "no-store"


def test_the_page_needs_no_inline_script_or_style(parts: PageParts) -> None:
    scripts = parts.tagged("script")
    assert [s.attrs.get("src") for s in scripts] == ["/static/admin.js"]
    assert all(not s.text.strip() for s in scripts)
    assert not [e for e in parts.elements if "style" in e.attrs or e.tag == "style"]
    assert not [e for e in parts.elements if any(name.startswith("on") for name in e.attrs)]


@pytest.mark.parametrize(
    ("path", "media_type"),
    [("/static/admin.js", "text/javascript"), ("/static/admin.css", "text/css")],
)
def test_the_script_and_stylesheet_are_served(
    portal: PortalHandle, path: str, media_type: str
) -> None:
    answer = httpx.get(portal.spot_url + path, verify=tls_context())
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith(media_type)
    assert answer.headers["x-content-type-options"] == "nosniff"


def test_the_page_never_embeds_the_token(portal: PortalHandle, parts: PageParts) -> None:
    headers = {"Authorization": f"Bearer {portal.admin_token}", NAMESPACE_HEADER: "panel-test"}
    for path in ("/__admin/", "/static/admin.js"):
        body = httpx.get(portal.spot_url + path, headers=headers, verify=tls_context()).text
        assert portal.admin_token not in body
    # Nameless, the token field is never submitted into a URL, even if the script is missing.
    assert "name" not in parts.by_id("admin-token").attrs


def test_every_form_control_has_a_label(parts: PageParts) -> None:
    labelled = {label.attrs.get("for") for label in parts.tagged("label")}
    controls = [c for c in parts.tagged(*FORM_CONTROLS) if c.attrs.get("type") != "hidden"]
    assert controls
    assert [c.attrs.get("id") for c in controls if c.attrs.get("id") not in labelled] == []


@pytest.mark.parametrize(
    ("select_id", "choices"),
    [
        ("persona-access", SpotAccess),
        ("persona-role", Role),
        ("access-status", SpotAccess),
        ("outage-system", SystemName),
        ("outage-kind", Maintenance),
        ("window-system", SystemName),
        ("fault-kind", FaultKind),
    ],
)
def test_the_choices_are_the_apis_own(
    parts: PageParts, select_id: str, choices: type[StrEnum]
) -> None:
    assert parts.option_values(select_id) == {choice.value for choice in choices}


def test_faults_are_offered_for_the_back_ends_only(parts: PageParts) -> None:
    assert parts.option_values("fault-system") == {s.value for s in SystemName if s.is_back_end}


def test_quick_personas_ask_for_states_the_api_knows(parts: PageParts) -> None:
    quick = [b for b in parts.tagged("button") if "data-quick-persona" in b.attrs]
    assert {b.text.strip() for b in quick} >= {"Approved end user", "No SPOT request", "Approver"}
    for button in quick:
        SpotAccess(button.attrs["data-spot-access"] or "")
        Role(button.attrs["data-role"] or "")
