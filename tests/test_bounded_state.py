"""Memory stays bounded: what the store keeps expires by the mock's clock, every table is capped,
and so is the number of namespaces. (``benchmarks/memory.py`` measures it at 100,000 logins.)"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mock_portal.clock import Clock
from mock_portal.expiring import ExpiringTable
from mock_portal.state import DEFAULT_NAMESPACE, Store

START = datetime(2026, 1, 7, 15, 0, tzinfo=UTC)


def _frozen_clock() -> Clock:
    clock = Clock()
    clock.freeze(START)
    return clock


def test_entries_expire_by_the_mock_clock_and_are_evicted_as_new_ones_arrive() -> None:
    clock = _frozen_clock()
    table: ExpiringTable[int] = ExpiringTable(clock, timedelta(minutes=30))
    for i in range(100):
        table.put(f"old-{i}", i)
    clock.freeze(START + timedelta(minutes=29))
    assert table.get("old-0") == 0
    clock.freeze(START + timedelta(minutes=30))
    assert table.get("old-1") is None

    table.put("new", 1)

    assert len(table) == 1  # the expired hundred went with the first put after their time


def test_touch_restarts_an_entrys_lifetime() -> None:
    clock = _frozen_clock()
    table: ExpiringTable[str] = ExpiringTable(clock, timedelta(minutes=30))
    table.put("session", "alice")
    clock.freeze(START + timedelta(minutes=20))
    assert table.touch("session") == "alice"
    clock.freeze(START + timedelta(minutes=49))
    assert table.get("session") == "alice"
    clock.freeze(START + timedelta(minutes=50))
    assert table.get("session") is None


def test_past_its_cap_a_table_forgets_the_entry_nearest_expiry() -> None:
    clock = _frozen_clock()
    table: ExpiringTable[int] = ExpiringTable(clock, timedelta(hours=1), max_entries=10)
    for i in range(1_000):
        table.put(f"k{i}", i)
        clock.freeze(START + timedelta(seconds=i))
    assert len(table) == 10
    assert table.get("k989") is None
    assert [table.get(f"k{i}") for i in range(990, 1_000)] == list(range(990, 1_000))


def test_namespaces_are_capped_and_the_idlest_is_forgotten_first() -> None:
    store = Store(max_namespaces=3)
    default = store.world(DEFAULT_NAMESPACE)
    store.world("a")
    store.world("b")
    store.world(DEFAULT_NAMESPACE)  # used again: "a" is now the idlest
    store.world("c")

    assert store.namespaces() == ["b", "c", "default"]
    assert store.world(DEFAULT_NAMESPACE) is default


def test_the_default_namespace_is_never_forgotten() -> None:
    store = Store(max_namespaces=2)
    store.world(DEFAULT_NAMESPACE)
    for i in range(50):
        store.world(f"test-{i}")
    assert store.namespaces() == ["default", "test-49"]
