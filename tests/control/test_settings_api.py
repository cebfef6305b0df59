"""``PUT /__admin/settings`` over HTTP: a setting left out or sent as null stays as it is, and a
number that is not finite (``NaN``, ``Infinity``, which Python's JSON parser takes though JSON has
neither) is refused with a reason saying what to send, not compared with the bounds."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from mock_portal.control.models import UNCHANGED, SettingsBody
from mock_portal.control.reference import markdown

if TYPE_CHECKING:
    import httpx

    from mock_portal.testing.admin_client import AdminClient

WAITS = ("backend_timeout", "idm_timeout", "session_check_interval")
NOT_FINITE = ("NaN", "Infinity", "-Infinity")


def test_a_setting_left_out_or_null_stays_as_it_is(api: httpx.Client, admin: AdminClient) -> None:
    chosen = admin.settings(cache_traps=False, idm_sign_in="classic", backend_timeout=0.05)
    nulls = "{" + ", ".join(f'"{name}": null' for name in SettingsBody.model_fields) + "}"
    for body in ("{}", nulls, '{"idm_timeout": 0.5}'):
        answer = api.put("/settings", content=body)
        assert answer.status_code == 200, answer.text
        kept = {name: answer.json()[name] for name in ("cache_traps", "idm_sign_in")}
        assert kept == {"cache_traps": False, "idm_sign_in": "classic"}
        assert answer.json()["backend_timeout"] == chosen["backend_timeout"] == 0.05
    assert admin.settings()["idm_timeout"] == 0.5  # the one given was set


@pytest.mark.parametrize("wait", WAITS)
def test_a_wait_that_is_not_a_finite_number_is_refused_saying_so(
    api: httpx.Client, admin: AdminClient, wait: str
) -> None:
    admin.settings(**{wait: 0.05})
    for number in NOT_FINITE:
        answer = api.put("/settings", content=f'{{"{wait}": {number}}}')
        assert answer.status_code == 400, answer.text
        assert answer.json() == {
            "error": "bad_request",
            "reason": f"{wait} must be a finite number of seconds, not {number}",
        }
    assert admin.settings()[wait] == 0.05  # a refusal changes nothing


def test_every_body_refuses_numbers_that_are_not_finite(
    api: httpx.Client, admin: AdminClient
) -> None:
    """Body-wide: a slow IDM fault's time, and the wait above, are numbers of seconds alike."""
    answer = api.put("/idm/faults/token", content='{"kind": "slow", "seconds": NaN}')
    assert answer.status_code == 400, answer.text
    assert answer.json()["reason"] == "seconds must be a finite number of seconds, not NaN"


def test_the_reference_says_what_null_or_absent_means() -> None:
    section = markdown().split("### `PUT /__admin/settings`")[1].split("### ")[0]
    for name in SettingsBody.model_fields:
        row = next(line for line in section.splitlines() if line.startswith(f"| `{name}` |"))
        assert row.endswith(f"{UNCHANGED} |"), row
    for wait in WAITS:
        assert "a finite number" in next(line for line in section.splitlines() if wait in line)
