"""IDM's and Login.gov's signing keys: one ring per issuer for every portal a process builds
(making 2048-bit RSA keys is the costliest part of building one), never one issuer's keys for
the other, and a rotation only in its own namespace."""

from __future__ import annotations

from fixtures.inprocess import InProcessServer
from mock_portal.sites.idm.keys import KeyRing


def test_portals_of_one_process_share_each_issuers_ring_and_never_each_others() -> None:
    with InProcessServer() as first, InProcessServer() as second:
        assert first.context.logingov is not None
        assert second.context.logingov is not None
        idm = first.context.signing_key
        login_gov = first.context.logingov.key

        assert second.context.signing_key is idm
        assert second.context.logingov.key is login_gov
        assert {k["kid"] for k in idm.jwks()["keys"]}.isdisjoint(
            k["kid"] for k in login_gov.jwks()["keys"]
        )
        assert KeyRing().kid != idm.kid  # a ring made alone is a stranger's


def test_a_rotation_leaves_the_process_ring_as_it_was() -> None:
    ring = KeyRing.of_process("idm")
    before = ring.statuses()

    rotated = ring.rotated()

    assert ring.statuses() == before
    assert rotated.statuses()[0]["kid"] == before[1]["kid"]  # the next key signs now
    assert KeyRing.of_process("idm") is ring
