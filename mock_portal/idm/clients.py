"""The applications registered with IDM (only SPOT here), as an Okta org registers them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mock_portal.accounts import IdmUser, SpotAccess

SPOT_CALLBACK_PATH = "/authorization-code/callback"
SPOT_LOGGED_OFF_PATH = "/logged-off"


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


def spot_client(spot_url: str, client_secret: str) -> Client:
    return Client(
        client_id="0oaspotmock0000000001",
        client_secret=client_secret,
        name="SPOT",
        redirect_uris=(spot_url + SPOT_CALLBACK_PATH,),
        post_logout_redirect_uris=(spot_url + SPOT_LOGGED_OFF_PATH,),
        initiate_login_uri=spot_url + "/login",
        is_assigned=lambda user: user.spot_access is SpotAccess.APPROVED,
    )
