"""The serve process runs with the collector tuned (mock_portal/cli/gc_tuning.py): the benchmark's
p99 depends on it, so losing the call would be a silent regression. A portal started inside
another program (the tests' own, in every pytest worker) must leave that program's collector
alone."""

from __future__ import annotations

import functools
import gc

from mock_portal.cli.gc_tuning import YOUNG_THRESHOLD
from mock_portal.cli.server import run_loop
from mock_portal.testing.event_loops import run_apart


def test_the_servers_loop_runs_with_startup_frozen_and_a_larger_young_generation() -> None:
    seen: dict[str, int] = {}

    async def look() -> None:
        seen["threshold"] = gc.get_threshold()[0]
        seen["frozen"] = gc.get_freeze_count()

    before = gc.get_threshold()
    try:
        # In a thread of its own, as the portal's loop runs (mock_portal/testing/event_loops.py).
        run_apart(look(), functools.partial(run_loop, tune_gc=True))
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
    assert seen["threshold"] == YOUNG_THRESHOLD
    assert seen["frozen"] > 1_000  # the modules, templates and Faker built at startup


def test_a_portal_started_in_a_thread_leaves_the_callers_collector_alone() -> None:
    # The tests' own portal runs in each pytest worker: freezing the worker's heap and raising
    # its threshold would change how every later test in that worker collects garbage.
    from mock_portal.cli.server import Server
    from mock_portal.world.config import Settings

    before = gc.get_threshold()
    gc.set_threshold(701, *before[1:])  # a value no tuning would choose
    frozen = gc.get_freeze_count()
    portal = Server(Settings(spot_port=0, idm_port=0, demo_users=False))
    try:
        portal.start_in_thread()
        seen = (gc.get_threshold()[0], gc.get_freeze_count())
    finally:
        portal.close()
        gc.set_threshold(*before)
        if gc.get_freeze_count() != frozen:
            gc.unfreeze()  # leave the worker as it was even when this test fails
    assert seen == (701, frozen)
