"""A bounded journal of recent requests and back-end answers, for QA assertions.

Entries are written already masked (see :mod:`mock_portal.world.pii`): the journal is served by the
control API and must never hold a full MBI, name or date of birth.
"""

from __future__ import annotations

from collections import deque
from datetime import datetime
from typing import Any


class Journal:
    def __init__(self, capacity: int = 1_000) -> None:
        self._entries: deque[dict[str, Any]] = deque(maxlen=capacity)

    def record(self, at: datetime, kind: str, **fields: Any) -> None:
        self._entries.append({"at": at.isoformat(), "kind": kind, **fields})

    def entries(self, kind: str | None = None) -> list[dict[str, Any]]:
        return [e for e in self._entries if kind is None or e["kind"] == kind]
