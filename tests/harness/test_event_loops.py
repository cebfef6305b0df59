"""Asyncio work in tests survives Playwright's sync API having marked its loop as running in
this thread, as it does between calls once a browser scenario ran in the same worker."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import pytest

from fixtures.inprocess import InProcessServer
from mock_portal.testing.event_loops import LoopThread, run_apart

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture
def playwright_marked_loop() -> Iterator[None]:
    """What playwright/_impl/_greenlets.py leaves behind between two sync calls."""
    loop = asyncio.new_event_loop()
    asyncio._set_running_loop(loop)
    try:
        yield
    finally:
        asyncio._set_running_loop(None)
        loop.close()


async def _answer() -> int:
    await asyncio.sleep(0)
    return 42


@pytest.mark.usefixtures("playwright_marked_loop")
def test_asyncio_run_here_would_refuse_but_run_apart_answers() -> None:
    refused = _answer()
    with pytest.raises(RuntimeError, match="running event loop"):
        asyncio.run(refused)
    refused.close()
    assert run_apart(_answer()) == 42


@pytest.mark.usefixtures("playwright_marked_loop")
def test_an_in_process_client_works_beside_a_marked_loop() -> None:
    with InProcessServer() as portal, portal.client("spot") as spot:
        assert spot.get("/system-status").status_code == 200


def test_a_loop_thread_runs_coroutines_until_closed() -> None:
    with LoopThread() as loop:
        assert [loop.run(_answer()) for _ in range(3)] == [42, 42, 42]
    assert loop.loop.is_closed()
