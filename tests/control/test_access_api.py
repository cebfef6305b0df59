"""SPOT access requests through the control API, as the SPOT Help Desk would set them."""

from __future__ import annotations

import pytest

from mock_portal.testing.admin_client import AdminClient, AdminError


def test_help_desk_can_take_a_user_from_no_request_to_approved(admin: AdminClient) -> None:
    user = admin.create_user(spot_access="none")
    assert admin.mail(to=user["email"]) == []

    pending = admin.set_access(user["user_id"], "pending", role="approver")
    assert pending["spot_access"] == "pending"
    assert pending["role"] == "approver"
    assert pending["confirmation_number"].startswith("AR")
    assert admin.mail(to=user["email"]) == []  # nothing is decided yet

    approved = admin.set_access(user["user_id"], "approved")
    assert approved["confirmation_number"] == pending["confirmation_number"]
    mail = admin.mail(to=user["email"])
    assert [m["subject"] for m in mail] == [
        f"SPOT access request {pending['confirmation_number']} approved"
    ]


def test_denial_mail_carries_what_the_help_desk_asks_for(admin: AdminClient) -> None:
    user = admin.create_user(spot_access="pending", role="end_user")
    admin.set_access(user["user_id"], "denied")
    body = admin.mail(to=user["email"])[-1]["body"]
    assert "855-416-4199" in body
    assert "FCSOSpotHelp@fcso.com" in body
    assert user["confirmation_number"] in body


def test_access_can_be_removed(admin: AdminClient) -> None:
    user = admin.create_user(spot_access="approved")
    removed = admin.set_access(user["user_id"], "none")
    assert removed["spot_access"] == "none"
    assert removed["organization"] is None


def test_an_end_user_joins_an_existing_organization(admin: AdminClient) -> None:
    approver = admin.create_user(spot_access="approved", role="approver")
    org_id = approver["organization"]["id"]
    user = admin.create_user()
    joined = admin.set_access(user["user_id"], "pending", organization_id=org_id)
    assert joined["organization"]["id"] == org_id
    listed = {o["id"]: o for o in admin.organizations()}
    assert listed[org_id]["approvers"] == [approver["user_id"]]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({}, 400),
        ({"status": "granted"}, 400),
        ({"status": "pending", "role": "boss"}, 400),
        ({"status": "pending", "organization_id": "org-nowhere"}, 404),
    ],
)
def test_bad_access_changes_get_a_reason(
    admin: AdminClient, body: dict[str, str], status: int
) -> None:
    user = admin.create_user()
    with pytest.raises(AdminError) as refused:
        admin.call("PUT", f"/users/{user['user_id']}/access", json=body)
    assert refused.value.status == status
    assert refused.value.body["reason"]


def test_access_for_an_unknown_user_is_404(admin: AdminClient) -> None:
    with pytest.raises(AdminError) as missing:
        admin.set_access("nobody", "approved")
    assert missing.value.status == 404


@pytest.mark.parametrize("role", [False, 0, "", None])
def test_a_role_that_is_not_a_role_is_refused_not_ignored(admin: AdminClient, role: object) -> None:
    user = admin.create_user()
    path = f"/users/{user['user_id']}/access"
    if role is None:  # null is "no role given", as for every optional member
        assert admin.call("PUT", path, json={"status": "pending", "role": role})["role"]
        return
    with pytest.raises(AdminError) as refused:
        admin.call("PUT", path, json={"status": "pending", "role": role})
    assert refused.value.status == 400
    assert refused.value.body["reason"].startswith("role ")
    assert admin.user(user["user_id"])["spot_access"] == "none"
