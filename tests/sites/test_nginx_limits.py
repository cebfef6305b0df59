"""The front end's request-head limits as nginx's defaults, over real sockets: exact bytes to a
portal started in a thread, whose own HTTP server parses them.

- ``large_client_header_buffers 4 8k``: a request line over 8 KiB is 414, a header line over
  8 KiB or a head over the buffers 400 ("Request Header Or Cookie Too Large"), each with
  nginx's own page (mock_portal/sites/front_end.py);
- ``client_header_timeout``: a head not complete in time is cut off with no answer at all
  (mock_portal/cli/header_timeout.py); here 0.3 s instead of nginx's 60.

nginx's timer is real time on a real socket, so these tests wait it out: 0.3 s is short enough
that the eight of them cost about 3 s of sleeping in all (7.5 s at the 0.5 s they had), and long
enough that a head sent in 0.1 s has 0.2 s to spare on a busy machine.
"""

from __future__ import annotations

import http.client
import socket
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from mock_portal.cli.server import Server
from mock_portal.sites.front_end import (
    HEADER_TOO_LARGE_PAGE,
    MSIE_PADDING,
    REQUEST_URI_TOO_LARGE_PAGE,
    first_line_nginx_cannot_hold,
)
from mock_portal.world.config import Settings

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

KIB = 1024
TIMEOUT = 0.3  # the portal's client_header_timeout in these tests
TICK = 0.05  # a trickling client's pause between pieces
MARGIN = 0.2  # how much longer than TIMEOUT an idle kept-alive connection is watched
# Any answer comes well within this; a socket read waiting longer means none is coming.
PATIENCE = 10.0
CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
# A static file on each site: 200 with nothing else involved.
PATHS = {"spot": "/static/spot.css", "idm": "/static/idm.css"}


@dataclass(frozen=True)
class Site:
    port: int
    path: str


@pytest.fixture(scope="module")
def ports() -> Iterator[dict[str, int]]:
    portal = Server(
        Settings(
            spot_port=0,
            idm_port=0,
            demo_users=False,
            weekly_maintenance=False,
            client_header_timeout=TIMEOUT,
        )
    )
    portal.start_in_thread()
    try:
        yield {
            "spot": urlsplit(portal.urls.spot).port or 0,
            "idm": urlsplit(portal.urls.idm).port or 0,
        }
    finally:
        portal.close()


@pytest.fixture(params=["spot", "idm"])
def site(request: pytest.FixtureRequest, ports: dict[str, int]) -> Site:
    return Site(ports[request.param], PATHS[request.param])


def header_line(name: str, length: int) -> str:
    """``name: xxx...`` CRLF, ``length`` bytes in all."""
    return f"{name}: " + "x" * (length - len(name) - 4) + "\r\n"


def head(target: str, *lines: str) -> bytes:
    return f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n{''.join(lines)}\r\n".encode()


def connect(site: Site) -> socket.socket:
    return socket.create_connection(("127.0.0.1", site.port), timeout=PATIENCE)


def read_answer(sock: socket.socket) -> tuple[http.client.HTTPResponse, bytes]:
    answer = http.client.HTTPResponse(sock, method="GET")
    answer.begin()
    return answer, answer.read()


def exchange(site: Site, request: bytes) -> tuple[http.client.HTTPResponse, bytes]:
    with connect(site) as sock:
        sock.sendall(request)
        return read_answer(sock)


def assert_nginx_page(
    answer: http.client.HTTPResponse, body: bytes, status: int, page: str
) -> None:
    assert answer.status == status
    assert body == page.encode()
    assert answer.getheader("content-type") == "text/html"
    assert answer.getheader("connection") == "close"


# -- large_client_header_buffers 4 8k ------------------------------------------------------------


def test_a_header_line_of_8_kib_passes_and_one_byte_more_gets_nginx_s_400(site: Site) -> None:
    answer, _ = exchange(site, head(site.path, header_line("Cookie", 8 * KIB)))
    assert answer.status == 200

    answer, body = exchange(site, head(site.path, header_line("Cookie", 8 * KIB + 1)))
    assert_nginx_page(answer, body, 400, HEADER_TOO_LARGE_PAGE)


def test_a_request_line_of_8_kib_passes_and_one_byte_more_gets_nginx_s_414(site: Site) -> None:
    fixed = len(f"GET {site.path}?q= HTTP/1.1\r\n")
    just_fits = f"{site.path}?q={'x' * (8 * KIB - fixed)}"
    answer, _ = exchange(site, head(just_fits))
    assert answer.status == 200

    answer, body = exchange(site, head(just_fits + "x"))
    assert_nginx_page(answer, body, 414, REQUEST_URI_TOO_LARGE_PAGE)


def test_a_head_well_under_the_four_buffers_passes_and_one_well_over_gets_400(site: Site) -> None:
    # 24 KiB and 40 KiB of headers in 4,000-byte lines (two to a buffer): the four 8 KiB
    # buffers and the first 1 KiB one hold about 33 KiB, less when lines do not pack.
    answer, _ = exchange(site, head(site.path, *(header_line(f"X-{i}", 4000) for i in range(6))))
    assert answer.status == 200

    answer, body = exchange(
        site, head(site.path, *(header_line(f"X-{i}", 4000) for i in range(10)))
    )
    assert_nginx_page(answer, body, 400, HEADER_TOO_LARGE_PAGE)


def test_a_megabyte_of_headers_is_refused(site: Site) -> None:
    answer, body = exchange(
        site, head(site.path, *(header_line(f"X-{i}", 1000) for i in range(1000)))
    )
    assert_nginx_page(answer, body, 400, HEADER_TOO_LARGE_PAGE)


@pytest.mark.parametrize(
    ("lines", "padded"),
    [
        ((f"User-Agent: {CHROME}\r\n", header_line("Cookie", 9 * KIB)), True),
        ((f"User-Agent: {FIREFOX}\r\n", header_line("Cookie", 9 * KIB)), False),
        # nginx had not read the User-Agent yet when it refused the Cookie line.
        ((header_line("Cookie", 9 * KIB), f"User-Agent: {CHROME}\r\n"), False),
    ],
)
def test_chrome_gets_nginx_s_padding_after_the_page(
    site: Site, lines: tuple[str, ...], padded: bool
) -> None:
    answer, body = exchange(site, head(site.path, *lines))
    page = HEADER_TOO_LARGE_PAGE + (MSIE_PADDING if padded else "")
    assert_nginx_page(answer, body, 400, page)


@pytest.mark.parametrize(
    ("lines", "refused"),
    [
        # The request line, the header lines and the empty line, with their CRLFs.
        ([8 * KIB, 2], None),
        ([8 * KIB + 1, 2], 0),
        ([30, 8 * KIB, 2], None),
        ([30, 8 * KIB + 1, 2], 1),
        # Four lines of 8,000 bytes (31 KiB) fill the four buffers exactly one each and pass;
        ([30, *[8000] * 4, 2], None),
        # five lines of 4,097 bytes (20 KiB) do not: two never fit in one buffer.
        ([30, *[4097] * 5, 2], 5),
        # Lines of 1,000 bytes, eight to a buffer: 32 pass (31 KiB), a 33rd does not.
        ([30, *[1000] * 32, 2], None),
        ([30, *[1000] * 33, 2], 33),
    ],
)
def test_nginx_s_buffers_have_no_byte_edge_for_the_whole_head(
    lines: Sequence[int], refused: int | None
) -> None:
    assert first_line_nginx_cannot_hold(lines) == refused


# -- client_header_timeout -----------------------------------------------------------------------


@dataclass(frozen=True)
class Trickled:
    sent: int  # pieces sent before the server closed, or all of them
    received: bytes  # whatever the server sent back meanwhile
    closed_after: float | None  # seconds from the first piece to the close; None: still open


def trickle(sock: socket.socket, pieces: Sequence[bytes], interval: float) -> Trickled:
    """Send the pieces ``interval`` apart, watching for the server to close meanwhile.

    The wait between pieces is a read with that timeout: it paces the client and notices the
    close as soon as it happens. Bounded by the number of pieces.
    """
    received = b""
    started = time.monotonic()
    for sent, piece in enumerate(pieces):
        try:
            sock.sendall(piece)
        except (BrokenPipeError, ConnectionResetError):
            return Trickled(sent, received, time.monotonic() - started)
        if sent == len(pieces) - 1:
            break  # the last piece: the caller reads what comes next
        sock.settimeout(interval)
        try:
            chunk = sock.recv(4096)
        except TimeoutError:
            continue
        except ConnectionResetError:
            return Trickled(sent + 1, received, time.monotonic() - started)
        finally:
            sock.settimeout(PATIENCE)
        if not chunk:
            return Trickled(sent + 1, received, time.monotonic() - started)
        received += chunk
    return Trickled(len(pieces), received, None)


def wait_for_close(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes (a socket timeout if it never does)."""
    received = b""
    while chunk := sock.recv(4096):
        received += chunk
    return received


def test_a_client_trickling_its_head_is_cut_off_with_no_answer(site: Site) -> None:
    slow = head(site.path, "X-Slow: " + "x" * 40 + "\r\n")
    one_byte_at_a_time = [slow[i : i + 1] for i in range(len(slow))]  # 5 s at TICK a byte
    with connect(site) as sock:
        trickled = trickle(sock, one_byte_at_a_time, interval=TICK)
    assert trickled.received == b""
    assert trickled.closed_after is not None, "the server waited for the whole head"
    # From the first byte (the connection was made just before): not reset by each byte.
    assert TIMEOUT - 0.1 <= trickled.closed_after <= TIMEOUT + 2.0
    assert trickled.sent < len(slow) // 2


def test_a_connection_that_sends_nothing_is_closed_with_no_answer(site: Site) -> None:
    with connect(site) as sock:
        started = time.monotonic()
        assert wait_for_close(sock) == b""
        assert TIMEOUT - 0.1 <= time.monotonic() - started <= TIMEOUT + 2.0


def test_a_slow_head_sent_in_time_is_answered(site: Site) -> None:
    request = head(site.path, "X-Slow: yes\r\n")
    thirds = [request[:10], request[10:30], request[30:]]  # 0.1 s in all, within 0.3 s
    with connect(site) as sock:
        trickled = trickle(sock, thirds, interval=TICK)
        assert trickled == Trickled(len(thirds), b"", None)
        answer, _ = read_answer(sock)
    assert answer.status == 200


def test_each_request_on_a_kept_alive_connection_gets_its_own_time(site: Site) -> None:
    with connect(site) as sock:
        sock.sendall(head(site.path))
        answer, _ = read_answer(sock)
        assert answer.status == 200

        # Idle between requests is keep-alive time (75 s), not head time: still open after
        # more than the head's timeout.
        sock.settimeout(TIMEOUT + MARGIN)
        with pytest.raises(TimeoutError):
            sock.recv(1)
        sock.settimeout(PATIENCE)

        sock.sendall(head(site.path))
        answer, _ = read_answer(sock)
        assert answer.status == 200

        slow = head(site.path)
        trickled = trickle(sock, [slow[i : i + 1] for i in range(len(slow))], interval=TICK)
    assert trickled.received == b""
    assert trickled.closed_after is not None
    assert TIMEOUT - 0.1 <= trickled.closed_after <= TIMEOUT + 2.0
