"""What SPOT keeps between requests: logins in flight and signed-in sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from mock_portal.world.expiring import ExpiringTable

if TYPE_CHECKING:
    from mock_portal.world.clock import Clock

LOGIN_TTL = timedelta(hours=1)
# SPOT logs a user off after 30 minutes without activity (First Coast's published rule).
SESSION_IDLE_TTL = timedelta(minutes=30)


@dataclass(frozen=True)
class PendingLogin:
    """A login SPOT started: the OIDC ``state`` it sent, and what proves the browser began it."""

    state: str
    nonce: str
    code_verifier: str
    # (name, value, max-age) of the correlation cookies this attempt set (spot/auth.py).
    correlation_cookies: tuple[tuple[str, str, int], ...]
    next_path: str
    created_at: datetime


@dataclass(frozen=True)
class SpotSession:
    id: str
    user_key: str
    id_token: str
    csrf: str
    signed_in_at: datetime


class SpotState:
    def __init__(self, clock: Clock) -> None:
        self.logins: ExpiringTable[PendingLogin] = ExpiringTable(clock, LOGIN_TTL)
        self.used_states: ExpiringTable[datetime] = ExpiringTable(clock, LOGIN_TTL)
        self.sessions: ExpiringTable[SpotSession] = ExpiringTable(clock, SESSION_IDLE_TTL)
