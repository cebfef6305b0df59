"""What SPOT tells a refused user ("User is not assigned to the client application.", the guide's
first error path) for each role and request status, over plain HTTP.

The browser scenarios (e2e/test_access_lifecycle.py) show the page once per kind of advice; the
table of roles and statuses runs here, against the same page and the same error-rendering
contract (DESIGN.md: a ``role="alert"`` summary holding the message with its
``data-error-code``), with the assertions the browser scenarios made for every case.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from e2e.pages.access import HELP_DESK, STATUS_WORDS
from fixtures.html_contract import HtmlPage
from mock_portal.errors.catalogue import NOT_ASSIGNED_TEXT
from mock_portal.testing.http_flow import HttpUser

if TYPE_CHECKING:
    from fixtures.html_contract import Node
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.personas import Persona
    from mock_portal.testing.plugin import MakeUser, PortalHandle

REQUEST_LINK = "Request the SPOT role in IDM"


def _links_named(message: Node, name: str) -> list[str]:
    """The hrefs of the links in ``message`` whose text holds ``name`` (as a browser's
    accessible-name match, which is not exact unless asked)."""
    return [
        link.get("href") or ""
        for link in message.find_all("a")
        if name.lower() in link.text().lower()
    ]


def _refusal(portal: PortalHandle, namespace: str, admin: AdminClient, user: Persona) -> Node:
    """Log ``user`` in to SPOT over HTTP; SPOT's answer must be the one refusal, on SPOT."""
    with HttpUser(portal.spot_url, namespace) as browser:
        page = browser.log_in(
            user.user_id, user.password, code_for=lambda: admin.latest_mfa_code(user.email)
        )
    assert str(page.url).startswith(portal.spot_url), page.url
    assert page.status_code == 403
    html = HtmlPage(page.text)
    html.expect_codes("ACCESS_NOT_ASSIGNED")
    message = html.message("ACCESS_NOT_ASSIGNED")
    assert NOT_ASSIGNED_TEXT in message.text()
    return message


def test_an_idm_account_without_a_request_is_told_to_request_the_role(
    portal: PortalHandle, namespace: str, admin: AdminClient, make_user: MakeUser
) -> None:
    message = _refusal(portal, namespace, admin, make_user(spot_access="none", mfa=False))
    assert "You have not submitted a SPOT access request." in message.text()
    assert _links_named(message, REQUEST_LINK) == [portal.idm_url + "/app/roles/request"]


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
        assert phrase in message.text()
    assert "855-416-4199" not in message.text()  # the Help Desk is for approvers
    assert len(_links_named(message, REQUEST_LINK)) == (1 if status == "denied" else 0)


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
        assert phrase in message.text()
    assert "Ask your organization's approvers" not in message.text()
