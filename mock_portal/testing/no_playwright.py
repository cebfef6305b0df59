"""Stand-ins for the browser fixtures where pytest-playwright is not active: the distribution was
installed without its ``test`` extra, or the run says ``-p no:playwright``.

Tests that need no browser run as usual; a test asking for ``page`` (or ``context``, ...) fails
with this one message instead of pytest's "fixture 'page' not found".
"""

from __future__ import annotations

from typing import NoReturn

import pytest

MISSING = (
    "this test needs a browser, and pytest-playwright is not active: install the mock portal "
    "with its test extra (pip install 'spot-idm-mock-portal[test]', or -e '/path/to/checkout"
    "[test]'), then `python -m mock_portal.testing.browser ensure` for a Chromium; or drop "
    "-p no:playwright"
)


def _missing() -> NoReturn:
    pytest.fail(MISSING, pytrace=False)


@pytest.fixture
def page() -> NoReturn:
    _missing()


@pytest.fixture
def context() -> NoReturn:
    _missing()


@pytest.fixture(scope="session")
def browser() -> NoReturn:
    _missing()
