"""What SPOT tells a refused user ("User is not assigned to the client application.", the guide's
first error path) for each role and request status, over plain HTTP.

The browser scenarios (e2e/test_access_lifecycle.py) show the page once per kind of advice; the
table of roles and statuses runs here, against the same page and the same error-rendering
contract (DESIGN.md: a ``role="alert"`` summary holding the message with its
``data-error-code``), with the assertions the browser scenarios made for every case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pytest

from e2e.pages.access import HELP_DESK, STATUS_WORDS
from mock_portal.errors.catalogue import NOT_ASSIGNED_TEXT
from mock_portal.testing.http_flow import HttpUser

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.personas import Persona
    from mock_portal.testing.plugin import MakeUser, PortalHandle

REQUEST_LINK = "Request the SPOT role in IDM"


@dataclass
class Message:
    """One ``data-error-code`` item of the page's ``role="alert"`` summary: its words (blanks
    collapsed, as the browser's text matching does) and its links (text -> href)."""

    code: str
    words: list[str] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.words)).strip()

    def links_named(self, name: str) -> list[str]:
        """The hrefs of the links whose text holds ``name`` (as a browser's accessible-name
        match, which is not exact unless asked)."""
        return [href for text, href in self.links.items() if name.lower() in text.lower()]


class _Summary(HTMLParser):
    """The messages inside the page's ``role="alert"`` summary."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[Message] = []
        self._alert_depth = 0  # open tags inside the summary, 0 outside it
        self._link: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if self._alert_depth:
            self._alert_depth += 1
            if named.get("data-error-code"):
                self.messages.append(Message(str(named["data-error-code"])))
            if tag == "a" and self.messages:
                self._link = (str(named.get("href", "")), [])
        elif named.get("role") == "alert":
            self._alert_depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self._alert_depth:
            self._alert_depth -= 1
        if tag == "a" and self._link is not None:
            href, words = self._link
            self.messages[-1].links[re.sub(r"\s+", " ", "".join(words)).strip()] = href
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._alert_depth and self.messages:
            self.messages[-1].words.append(data)
            if self._link is not None:
                self._link[1].append(data)


def _refusal(portal: PortalHandle, namespace: str, admin: AdminClient, user: Persona) -> Message:
    """Log ``user`` in to SPOT over HTTP; SPOT's answer must be the one refusal, on SPOT."""
    with HttpUser(portal.spot_url, namespace) as browser:
        page = browser.log_in(
            user.user_id, user.password, code_for=lambda: admin.latest_mfa_code(user.email)
        )
    assert str(page.url).startswith(portal.spot_url), page.url
    assert page.status_code == 403
    summary = _Summary()
    summary.feed(page.text)
    assert [m.code for m in summary.messages] == ["ACCESS_NOT_ASSIGNED"], page.text
    message = summary.messages[0]
    assert NOT_ASSIGNED_TEXT in message.text
    return message


def test_an_idm_account_without_a_request_is_told_to_request_the_role(
    portal: PortalHandle, namespace: str, admin: AdminClient, make_user: MakeUser
) -> None:
    message = _refusal(portal, namespace, admin, make_user(spot_access="none", mfa=False))
    assert "You have not submitted a SPOT access request." in message.text
    assert message.links_named(REQUEST_LINK) == [portal.idm_url + "/app/roles/request"]


@pytest.mark.parametrize("status", ["pending", "denied"])
def test_an_end_user_is_told_to_ask_their_named_approvers(
    portal: PortalHandle, namespace: str, admin: AdminClient, make_user: MakeUser, status: str
) -> None:
    approver = make_user(spot_access="approved", role="approver", mfa=False)
    assert approver.organization is not None
    organization_id = approver.organization["id"]
    backup = make_user(
        spot_access="approved", role="backup_approver", organization_id=organization_id
    )
    user = make_user(spot_access=status, role="end_user", organization_id=organization_id)

    message = _refusal(portal, namespace, admin, user)

    for phrase in (
        f"Your SPOT access request {user.confirmation_number} {STATUS_WORDS[status]}",
        "Ask your organization's approvers",
        approver.display_name,
        backup.display_name,
    ):
        assert phrase in message.text
    assert "855-416-4199" not in message.text  # the Help Desk is for approvers
    assert len(message.links_named(REQUEST_LINK)) == (1 if status == "denied" else 0)


@pytest.mark.parametrize("role", ["approver", "backup_approver"])
@pytest.mark.parametrize("status", ["pending", "denied"])
def test_an_approver_is_sent_to_the_help_desk_with_their_ids(
    portal: PortalHandle,
    namespace: str,
    admin: AdminClient,
    make_user: MakeUser,
    role: str,
    status: str,
) -> None:
    user = make_user(spot_access=status, role=role)

    message = _refusal(portal, namespace, admin, user)

    assert user.confirmation_number is not None
    for phrase in (
        *HELP_DESK,
        f"IDM User ID ({user.user_id})",
        f"request confirmation number ({user.confirmation_number})",
    ):
        assert phrase in message.text
    assert "Ask your organization's approvers" not in message.text
