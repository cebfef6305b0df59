"""The check ``--record-har`` runs on each scenario's capture (fixtures/har_corpus.py)."""

from __future__ import annotations

import pytest

from fixtures.har_corpus import _problem, stated


@pytest.mark.parametrize(
    ("expected", "cleared", "found", "shown", "ok"),
    [
        ({"STALE_SESSION"}, False, ["STALE_SESSION"], set(), True),
        ({"STALE_SESSION"}, False, [], set(), False),  # 100%: a covered code must be found
        ({"ACCOUNT_LOCKED"}, False, ["SIGN_IN_FAILED", "ACCOUNT_LOCKED"], {"SIGN_IN_FAILED"}, True),
        ({"ACCOUNT_LOCKED"}, False, ["STALE_SESSION", "ACCOUNT_LOCKED"], set(), False),
        ({"STALE_SESSION"}, True, [], set(), True),  # the cleared half need not show it
        ({"STALE_SESSION"}, True, ["SYSTEM_UNAVAILABLE"], set(), False),
        (set(), False, [], set(), True),  # a happy path: nothing
        (set(), False, ["SIGN_IN_FAILED"], {"SIGN_IN_FAILED"}, False),
    ],
)
def test_a_capture_is_held_to_its_scenarios_codes(
    expected: set[str], cleared: bool, found: list[str], shown: set[str], ok: bool
) -> None:
    problem = _problem(expected, cleared, found, shown, covered=bool(expected))
    assert (problem is None) == ok, problem


def test_inferred_rules_do_not_state_a_code() -> None:
    assert stated("PAGE-SIGN_IN_FAILED")
    assert stated("IDM001")
    assert stated("CCH001, PAGE-STALE_SESSION")
    assert not stated("CCH001, CCH002")
    assert not stated("SYS001")
