"""The serve process runs with the collector tuned (mock_portal/cli/gc_tuning.py): the benchmark's
p99 depends on it, so losing the call would be a silent regression."""

from __future__ import annotations

import gc

from fixtures.event_loops import run_apart
from mock_portal.cli.gc_tuning import YOUNG_THRESHOLD
from mock_portal.cli.server import run_loop


def test_the_servers_loop_runs_with_startup_frozen_and_a_larger_young_generation() -> None:
    seen: dict[str, int] = {}

    async def look() -> None:
        seen["threshold"] = gc.get_threshold()[0]
        seen["frozen"] = gc.get_freeze_count()

    before = gc.get_threshold()
    try:
        # In a thread of its own, as the portal's loop runs (see fixtures/event_loops.py).
        run_apart(look(), run_loop)
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
    assert seen["threshold"] == YOUNG_THRESHOLD
    assert seen["frozen"] > 1_000  # the modules, templates and Faker built at startup
