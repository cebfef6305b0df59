"""The benchmark's own parts: reading wrk, rebuilding CI's shards, and the framework floor
drawing the very page the portal draws (else the lookup's ratio would compare two pages)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx
import pytest

from benchmarks import bare_app
from benchmarks.ci_path import WORKFLOW, ShardPlan, shard_plan, split
from benchmarks.load import parse_wrk
from benchmarks.suite import SuiteRun
from benchmarks.throughput import eligibility_request, floor_request
from mock_portal.testing.event_loops import run_apart

if TYPE_CHECKING:
    from mock_portal.testing.plugin import PortalHandle

# wrk 4.1 on a busy machine: a percentile in seconds, with a blank after it.
WRK_OUTPUT = """Running 2s test @ http://127.0.0.1:45877/eligibility
  1 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   287.77ms  295.05ms   1.73s    88.93%
    Req/Sec   213.79    116.29   454.00     68.42%
  Latency Distribution
     50%  191.12ms
     75%  282.96ms
     90%  676.23ms
     99%    1.50s 
  427 requests in 2.05s, 1.89MB read
  Socket errors: connect 0, read 0, write 0, timeout 3
  Non-2xx or 3xx responses: 2
Requests/sec:    207.98
Transfer/sec:      0.92MB
"""  # noqa: W291 (wrk's own trailing blank is the point)


def test_wrk_percentiles_in_seconds_and_its_errors_are_read() -> None:
    result = parse_wrk(WRK_OUTPUT)

    assert result.requests_per_second == pytest.approx(207.98)
    assert result.p50_ms == pytest.approx(191.12)
    assert result.p99_ms == pytest.approx(1500.0)
    assert result.errors == 5
    assert result.requests == 427


def test_output_without_percentiles_is_refused() -> None:
    with pytest.raises(RuntimeError, match="not what it should be"):
        parse_wrk("Requests/sec: 10\n")


def test_the_shard_plan_is_read_from_the_workflow() -> None:
    assert shard_plan(WORKFLOW.read_text()) == ShardPlan(3, 2, "duration_based_chunks")


def test_a_workflow_without_a_split_test_command_is_refused() -> None:
    with pytest.raises(ValueError, match="--splits"):
        shard_plan("run: bash scripts/test -n 2\n")


def test_shards_are_pytest_splits_and_items_sharing_an_id_share_its_duration() -> None:
    plan = ShardPlan(2, 2, "duration_based_chunks")
    # "fuzz" is one test id collected as three items (as Schemathesis's are), 30 s in all.
    ids = ["a", "fuzz", "fuzz", "fuzz", "b", "new"]
    durations = {"a": 10.0, "fuzz": 30.0, "b": 20.0, "gone": 99.0}

    first, second = split(plan, ids, durations)

    # pytest-split counts each "fuzz" item at 30 s: a, fuzz, fuzz (70 s) make the first shard.
    assert (first.tests, second.tests) == (3, 3)
    assert first.balanced_seconds == pytest.approx(70.0)
    # Its share of the id's 30 s each; "new" counts as the mean of a, fuzz and b (20 s).
    assert first.summed_seconds == pytest.approx(10.0 + 10.0 + 10.0)
    assert second.summed_seconds == pytest.approx(10.0 + 20.0 + 20.0)


def test_the_framework_floor_draws_the_portals_result_page_byte_for_byte(
    portal: PortalHandle, namespace: str
) -> None:
    lookup = eligibility_request(portal.spot_url, portal.admin_token, namespace)
    portals = httpx.post(lookup.url, content=lookup.body.encode(), headers=dict(lookup.headers))
    floor = floor_request("http://floor", lookup)

    async def ask_the_floor() -> httpx.Response:
        transport = httpx.ASGITransport(app=bare_app.app)
        async with httpx.AsyncClient(transport=transport) as client:
            return await client.post(
                floor.url, content=floor.body.encode(), headers=dict(floor.headers)
            )

    floors = run_apart(ask_the_floor())

    assert portals.status_code == floors.status_code == 200
    assert "Eligibility results" in floors.text
    assert floors.text == portals.text


@pytest.mark.parametrize(
    ("seconds", "p95"), [([2.5], 2.5), ([0.371, 2.513], 2.406), ([1.0] * 19 + [9.0], 1.4)]
)
def test_the_scenarios_p95_stays_within_their_times(seconds: list[float], p95: float) -> None:
    run = SuiteRun(
        workers=0, wall_seconds=1.0, tests=len(seconds), failures=0, scenario_seconds=seconds
    )

    assert run.p95 == pytest.approx(p95, abs=0.001)
    assert min(seconds) <= run.p95 <= max(seconds)
