"""A table whose entries expire by the mock's clock and whose size is capped.

Sessions, sign-in transactions and authorization codes all live in one of these, so memory stays
bounded however many logins a load test makes: expired entries are evicted as new ones arrive,
and past ``max_entries`` the least recently used entry goes.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from mock_portal.world.clock import Clock

V = TypeVar("V")


class ExpiringTable(Generic[V]):
    """Usage: ``t = ExpiringTable(clock, timedelta(minutes=30)); t.put("k", v); t.get("k")``."""

    def __init__(self, clock: Clock, ttl: timedelta, max_entries: int = 50_000) -> None:
        self._clock = clock
        self._ttl = ttl
        self._max = max_entries
        # Ordered oldest-expiry first: put() and touch() move an entry to the end, and every
        # entry shares one ttl, so eviction only ever inspects the front.
        self._items: OrderedDict[str, tuple[datetime, V]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def put(self, key: str, value: V) -> None:
        self._evict()
        self._items[key] = (self._clock.now() + self._ttl, value)
        self._items.move_to_end(key)
        while len(self._items) > self._max:
            self._items.popitem(last=False)

    def get(self, key: str) -> V | None:
        item = self._items.get(key)
        if item is None:
            return None
        expires, value = item
        if self._clock.now() >= expires:
            del self._items[key]
            return None
        return value

    def touch(self, key: str) -> V | None:
        """Like ``get``, and restarts the entry's lifetime (sliding idle expiry)."""
        value = self.get(key)
        if value is not None:
            self._items[key] = (self._clock.now() + self._ttl, value)
            self._items.move_to_end(key)
        return value

    def expires_at(self, key: str) -> datetime | None:
        """When the entry expires, without touching it (None if it is gone)."""
        return self._items[key][0] if self.get(key) is not None else None

    def pop(self, key: str) -> V | None:
        value = self.get(key)
        self._items.pop(key, None)
        return value

    def values(self) -> list[V]:
        self._evict()
        return [value for _, value in self._items.values()]

    def _evict(self) -> None:
        now = self._clock.now()
        while self._items:
            key, (expires, _) = next(iter(self._items.items()))
            if expires > now:
                return
            del self._items[key]
