"""The applications registered with IDM (only SPOT here), as an Okta org registers them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mock_portal.accounts.models import IdmUser, SpotAccess

SPOT_CLIENT_ID = "0oaspotmock0000000001"  # an Okta app id's shape: "0oa" and 17 more characters


@dataclass(frozen=True)
class Client:
    client_id: str
    client_secret: str
    name: str
    redirect_uris: tuple[str, ...]
    post_logout_redirect_uris: tuple[str, ...]
    initiate_login_uri: str
    # Okta refuses users who are not assigned to the application; SPOT's assignment is an
    # approved SPOT access request.
    is_assigned: Callable[[IdmUser], bool]


def spot_client(
    client_secret: str, redirect_uri: str, post_logout_redirect_uri: str, initiate_login_uri: str
) -> Client:
    """SPOT's registration: the URIs are SPOT's own, given by whoever registers it (as an Okta
    admin types an app's URIs), so IDM knows nothing of SPOT's routes."""
    return Client(
        client_id=SPOT_CLIENT_ID,
        client_secret=client_secret,
        name="SPOT",
        redirect_uris=(redirect_uri,),
        post_logout_redirect_uris=(post_logout_redirect_uri,),
        initiate_login_uri=initiate_login_uri,
        is_assigned=lambda user: user.spot_access is SpotAccess.APPROVED,
    )
