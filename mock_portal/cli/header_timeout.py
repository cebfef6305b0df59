"""nginx's ``client_header_timeout`` for the uvicorn servers the sites run on.

A client gets ``client_header_timeout`` (nginx's default: 60 s) to send a request's whole head
(https://nginx.org/en/docs/http/ngx_http_core_module.html#client_header_timeout). The clock is
not reset by each read: nginx arms its timer once, when it accepts the connection
(``ngx_http_init_connection``) or when a kept-alive connection's next request starts
(``ngx_http_keepalive_handler`` deletes the keep-alive timer and ``ngx_http_read_request_header``
arms this one only ``if (!rev->timer_set)``), and deletes it once the head is read
(``ngx_http_process_request``), all in nginx's src/http/ngx_http_request.c. When it fires,
nginx sends nothing: ``ngx_http_process_request_line`` and ``ngx_http_process_request_headers``
call ``ngx_http_close_request(r, NGX_HTTP_REQUEST_TIME_OUT)``, which closes the connection and
only logs 408 (the directive's documentation says 408 "is returned to the client"; the code
does not send it). So a client trickling its head one byte a second is cut off after 60 s, and
sees the connection closed with no response at all.

Our own code because uvicorn has no such timeout (uvicorn 0.54: its httptools protocol's only
timer is ``timeout_keep_alive``, between requests; a connection that has started a request may
take as long as it likes to finish the head). This subclass of its httptools protocol adds the
deadline and changes nothing else; the servers get it through ``uvicorn.Config(http=...)``.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, ClassVar

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

if TYPE_CHECKING:
    from typing import Any

    from uvicorn.config import Config
    from uvicorn.server import ServerState

logger = logging.getLogger("uvicorn.error")


class HeaderDeadlineProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a deadline for each request head (:func:`with_timeout`
    makes one with a given timeout)."""

    client_header_timeout: ClassVar[float] = 60.0

    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self._head_deadline: asyncio.TimerHandle | None = None
        self._reading_head = False

    def connection_made(  # type: ignore[override]
        self, transport: asyncio.Transport
    ) -> None:
        super().connection_made(transport)
        # From the accept, as nginx: a connection that sends nothing is closed too.
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._reading_head = True
        # self.cycle is still the previous request's here. A request pipelined behind one still
        # being answered gets its clock when that answer is done (on_response_complete), as
        # nginx reads it only then.
        if self.cycle is None or self.cycle.response_complete:
            self._arm()

    def on_headers_complete(self) -> None:
        self._reading_head = False
        self._disarm()
        # IDM's "reset" fault drops the connection with no answer (mock_portal/sites/idm/
        # faults.py): the app gets the means in its scope, as ASGI's extensions allow.
        self.scope["extensions"] = {
            **self.scope.get("extensions", {}),
            "mock_portal.abort": self.transport.abort,  # type: ignore[dict-item]
        }
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self._reading_head:
            self._arm()

    def _arm(self) -> None:
        if self._head_deadline is None and not self.transport.is_closing():
            self._head_deadline = self.loop.call_later(
                self.client_header_timeout, self._head_too_slow
            )

    def _disarm(self) -> None:
        if self._head_deadline is not None:
            self._head_deadline.cancel()
            self._head_deadline = None

    def _head_too_slow(self) -> None:
        self._head_deadline = None
        if self.transport.is_closing():
            return
        client = f"{self.client[0]}:{self.client[1]} - " if self.client else ""
        # nginx's error log says "client timed out", its access log 408; the client gets nothing.
        logger.info("%sclient timed out sending the request head: closed, no response", client)
        self.transport.close()


def with_timeout(seconds: float) -> type[HeaderDeadlineProtocol]:
    """The protocol class for ``uvicorn.Config(http=...)``, with this ``client_header_timeout``."""

    class Protocol(HeaderDeadlineProtocol):
        client_header_timeout = seconds

    return Protocol
