"""Fixtures the HTTP-level tests share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

from mock_portal.testing.beneficiaries import Beneficiaries
from mock_portal.testing.http_flow import HttpUser
from mock_portal.testing.plugin import made_namespace, new_namespace

if TYPE_CHECKING:
    from collections.abc import Iterator

    from faker import Faker

    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import PortalHandle


@pytest.fixture
def http_user(portal: PortalHandle, namespace: str, admin: AdminClient) -> Iterator[HttpUser]:
    """An approved end user, logged in to SPOT over plain HTTP (no browser)."""
    user = admin.create_user(spot_access="approved", mfa=False)
    with HttpUser(portal.spot_url, namespace) as browser:
        assert browser.log_in(user["user_id"], user["password"]).url.path == "/home"
        yield browser


@dataclass(frozen=True)
class Reader:
    """A module's shared namespace (its control API) and the user signed in to SPOT there."""

    admin: AdminClient
    user: HttpUser


@pytest.fixture(scope="module")
def reader(portal: PortalHandle) -> Iterator[Reader]:
    """An approved end user signed in to SPOT over plain HTTP, in a namespace this module's
    tests share (made once: a namespace, a user and an 8-hop sign-in cost a test about 36 ms of
    CPU, more than a refused form does; issue 20).

    ONLY READ: for the exhaustive tables of forms SPOT refuses before asking any back end
    (an empty field, a malformed MBI or date). A test using it must not move the clock,
    change a setting, a system or a user, nor make SPOT journal anything; a test that does
    takes ``http_user`` and ``admin`` (a namespace of its own). Checked after the module:
    the namespace's journal is still what the sign-in left there."""
    with made_namespace(portal, new_namespace()) as admin:
        person = admin.create_user(spot_access="approved", mfa=False)
        with HttpUser(portal.spot_url, admin.namespace) as user:
            home = user.log_in(person["user_id"], person["password"])
            assert home.url.path == "/home"
            signed_in = admin.journal()
            yield Reader(admin, user)
            assert admin.journal() == signed_in, "a test given `reader` changed its namespace"


@pytest.fixture
def reader_beneficiaries(reader: Reader, fake: Faker) -> Beneficiaries:
    """People from the population for a ``reader`` test (drawn as ``beneficiaries`` draws)."""
    return Beneficiaries(reader.admin, fake)
