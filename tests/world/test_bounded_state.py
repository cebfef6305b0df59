"""Memory stays bounded: what the store keeps expires by the mock's clock, every table is capped,
and so is the number of namespaces. (``benchmarks/memory.py`` measures it at 100,000 logins.)

The login churns span the same hours of the mock's clock at both depths (``conftest.py``): every
commit logs in every 6 mock minutes, the deep run as often as before the two depths (every 2 or
3), three times the logins for the same lifetimes; the bounds follow from the lifetimes and the
step."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fixtures.fuzzing import DEEP_PROFILE, fuzz_depth
from fixtures.inprocess import InProcessServer
from fixtures.login_churn import LoginChurn, table_sizes
from mock_portal.testing.event_loops import run_apart
from mock_portal.world.clock import Clock
from mock_portal.world.expiring import ExpiringTable
from mock_portal.world.store import DEFAULT_NAMESPACE, Store

START = datetime(2026, 1, 7, 15, 0, tzinfo=UTC)
DEEP = fuzz_depth() == DEEP_PROFILE
# Mock time between two logins of a churn: the whole-journey churn's, and the comparison's.
STEP = timedelta(minutes=2 if DEEP else 6)
COMPARED_STEP = timedelta(minutes=3 if DEEP else 6)
HOUR = timedelta(hours=1)


def _held(lifetime: timedelta) -> int:
    """The most entries living ``lifetime`` a churn at ``STEP`` holds: one a step, and one being
    made."""
    return lifetime // STEP + 1


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


def test_tables_stop_growing_while_logins_go_on_by_the_mock_clock() -> None:
    """Whole OIDC logins two mock minutes apart (a third of them logging off): once the longest
    lifetime (IDM's two-hour session) has passed, every table holds what lives that long and
    no more, however many logins follow."""
    sizes: list[dict[str, int]] = []

    async def log_in_for_hours(churn: LoginChurn, portal: InProcessServer) -> None:
        async with portal.async_client(churn.namespace) as client:
            for checkpoint in (3 * HOUR // STEP, 6 * HOUR // STEP):  # three hours, then three more
                while churn.logins < checkpoint:
                    await churn.login(client, log_off=churn.logins % 3 == 0)
                sizes.append(table_sizes(churn.world))
        await portal.aclose()

    with InProcessServer() as portal:
        churn = LoginChurn(portal, "bounded", users=20, step=STEP)
        run_apart(log_in_for_hours(churn, portal))

    after_three_hours, after_six_hours = sizes
    for table in ("idm.sessions", "idm.access_tokens", "spot.used_states", "spot.sessions"):
        assert abs(after_six_hours[table] - after_three_hours[table]) <= 1, table
    assert after_six_hours["idm.sessions"] <= _held(2 * HOUR)  # 61 at 2-minute steps
    assert after_six_hours["idm.access_tokens"] <= _held(HOUR)  # 31
    assert after_six_hours["spot.used_states"] <= _held(HOUR)  # 31
    assert after_six_hours["spot.sessions"] <= _held(HOUR / 2)  # 16: 30 min idle
    for table in ("idm.transactions", "idm.codes", "spot.logins"):
        assert after_six_hours[table] == 0, table  # spent as each login completes
    assert after_six_hours["journal"] <= 1_000


def _user_marks(churn: LoginChurn) -> list[tuple[str, object, int]]:
    return [
        (key, user.last_spot_login, user.failed_sign_ins) for key, user in churn.world.users.items()
    ]


def _mail(churn: LoginChurn) -> list[tuple[str, str]]:
    """Who got which mail (by User ID: each namespace's users have their own Faker e-mails)."""
    owner = {user.email: key for key, user in churn.world.users.items()}
    return [(owner[m.to], m.subject) for m in churn.world.outbox.messages()]


def test_a_login_in_the_store_leaves_what_a_login_over_http_leaves() -> None:
    """The memory benchmark's shortcut (``login_in_store``) against the whole journey: the same
    users, the same clock and the same log-offs leave the same entries in every table, the same
    journal and the same mail, checkpoint by checkpoint, through expiry."""
    over_http: list[dict[str, int]] = []
    in_store: list[dict[str, int]] = []

    with InProcessServer() as portal:
        http = LoginChurn(portal, "over-http", users=20, step=COMPARED_STEP)
        store = LoginChurn(portal, "in-store", users=20, step=COMPARED_STEP)
        logins, hourly = 6 * HOUR // COMPARED_STEP, HOUR // COMPARED_STEP

        async def log_in_over_http() -> None:
            async with portal.async_client(http.namespace) as client:
                while http.logins < logins:  # six hours: past every table's lifetime
                    await http.login(client, log_off=http.logins % 3 == 0)
                    if http.logins % hourly == 0:
                        over_http.append(table_sizes(http.world))
            await portal.aclose()

        run_apart(log_in_over_http())
        while store.logins < logins:
            store.login_in_store(log_off=store.logins % 3 == 0)
            if store.logins % hourly == 0:
                in_store.append(table_sizes(store.world))

        assert in_store == over_http
        assert [e["kind"] for e in store.world.journal.entries()] == [
            e["kind"] for e in http.world.journal.entries()
        ]
        assert _mail(store) == _mail(http)
        assert _user_marks(store) == _user_marks(http)
    assert over_http[-1]["spot.sessions"] > 0  # the comparison saw live sessions, not none
