"""A namespace's own waits (``PUT /__admin/settings``: ``backend_timeout``, ``idm_timeout``,
``session_check_interval``): the portal's until set, 0.05-60 s, back to the portal's on reset.
They let a test of a slow back end, a slow IDM or SPOT's inactivity timer wait milliseconds on
the suite's portal; ``tests/backends/test_backend_timeout.py`` and
``tests/sites/spot/test_idm_faults.py`` use the first two."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from mock_portal.sites.spot.inactivity import REMAINING_PATH
from mock_portal.testing.admin_client import AdminError
from mock_portal.world.config import TIMEOUT_MIN

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.http_flow import HttpUser

WAITS = ["backend_timeout", "idm_timeout", "session_check_interval"]


@pytest.mark.parametrize("wait", WAITS)
def test_a_wait_is_the_namespaces_until_reset_and_refused_outside_its_range(
    admin: AdminClient, wait: str
) -> None:
    portals = admin.settings()[wait]
    assert admin.settings(**{wait: TIMEOUT_MIN})[wait] == TIMEOUT_MIN
    for seconds in (0.049, 0, -1, 60.5):
        with pytest.raises(AdminError) as refused:
            admin.settings(**{wait: seconds})
        assert refused.value.status == 400
        assert wait in refused.value.body["reason"]
    assert admin.settings()[wait] == TIMEOUT_MIN  # a refusal changes nothing
    admin.reset()
    assert admin.settings()[wait] == portals


def test_spots_pages_are_told_how_often_to_ask_about_their_session(
    http_user: HttpUser, admin: AdminClient
) -> None:
    assert http_user.get(REMAINING_PATH).json()["check_after"] == 1.0  # each second, as before
    admin.settings(session_check_interval=0.05)
    answer = http_user.get(REMAINING_PATH).json()
    assert answer["check_after"] == 0.05
    assert answer["seconds_left"] > 0  # asking is not activity, and the session is alive
