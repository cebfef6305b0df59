"""The portal's listening sockets: none is left open when the portal cannot be built (a taken
port, or any failure after binding), and a taken port is named with its site."""

from __future__ import annotations

import socket
from typing import TYPE_CHECKING

import pytest

from mock_portal.cli import server
from mock_portal.cli.server import PortInUse, Server
from mock_portal.sites.idm.keys import KeyRing
from mock_portal.world.config import Settings

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture
def bound(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[socket.socket]]:
    """Every socket the portal binds, to check afterwards that each was closed."""
    made: list[socket.socket] = []
    real_bind = server.bind

    def recording_bind(host: str, port: int) -> socket.socket:
        sock = real_bind(host, port)
        made.append(sock)
        return sock

    monkeypatch.setattr(server, "bind", recording_bind)
    yield made
    for sock in made:  # a no-op when the portal closed them; no leak when a test fails
        sock.close()


@pytest.fixture
def taken_port() -> Iterator[int]:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen(1)
        yield holder.getsockname()[1]


def test_a_taken_idm_port_closes_the_spot_socket_and_says_which(
    bound: list[socket.socket], taken_port: int
) -> None:
    with pytest.raises(PortInUse) as refused:
        Server(Settings(spot_port=0, idm_port=taken_port, logingov_port=0, demo_users=False))
    assert len(bound) == 1  # SPOT's, bound before IDM's failed
    assert all(sock.fileno() == -1 for sock in bound)  # closed
    assert f"IDM cannot listen on 127.0.0.1:{taken_port}" in str(refused.value)
    assert refused.value.option == "--idm-port"


def test_a_failure_after_binding_closes_both_sockets(
    bound: list[socket.socket], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_key(issuer: str) -> None:
        raise RuntimeError("no key today")

    monkeypatch.setattr(KeyRing, "of_process", staticmethod(broken_key))
    with pytest.raises(RuntimeError, match="no key today"):
        Server(Settings(spot_port=0, idm_port=0, logingov_port=0, demo_users=False))
    assert len(bound) == 3  # SPOT, IDM, Login.gov
    assert all(sock.fileno() == -1 for sock in bound)
