"""The outbox: every e-mail, text message and voice call the mock would have sent (MFA codes,
access decisions, password resets)."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str
    sent_at: datetime
    # How it travelled: "email"; "sms"/"voice" for a code sent to the user's phone (then
    # ``to`` is the phone number); "logingov" for Login.gov's one-time codes.
    channel: str = "email"

    def as_json(self) -> dict[str, Any]:
        return {
            "to": self.to,
            "subject": self.subject,
            "body": self.body,
            "sent_at": self.sent_at.isoformat(),
            "channel": self.channel,
        }


class Outbox:
    def __init__(self, capacity: int = 10_000) -> None:
        self._mail: deque[Mail] = deque(maxlen=capacity)

    def send(self, mail: Mail) -> None:
        self._mail.append(mail)

    def messages(self, to: str | None = None) -> list[Mail]:
        """Oldest first; ``to`` matches the address case-insensitively."""
        if to is None:
            return list(self._mail)
        wanted = to.strip().lower()
        return [m for m in self._mail if m.to.lower() == wanted]
