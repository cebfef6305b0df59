"""IDM's password rules, its 60-day inactivity expiry, and setting a new password.

Sources:
- CMS, "IDM Frequently Asked Questions" (cms.gov, CMS Identity Management FAQ, "IDM Password
  Requirements"): 15 to 60 characters; an upper case letter, a lower case letter and a number;
  special characters optional (from IDM's list); no part of the User ID, nor the first or last
  name the account was registered with; "users will be prevented from reusing any of their 6
  previous passwords"; a password can only be changed once a day (also First Coast's SPOT
  password page, medicare.fcso.com/SPOT_instructions/261718.asp: "Users will not be able to
  change the password more than once per day").
- The same FAQ, "Active Accounts in IDM": passwords expire "after 60 days without any login
  activity"; the user is prompted to reset the password at the next log in, and resetting it
  re-enables the account. CMS's 2025 privacy impact assessment for IDM lists "Non-expiry
  password": there is no periodic expiry, but this inactivity rule stays (DESIGN.md, "Facts
  checked").

Which parts of a User ID count as "parts" is not published: the mock refuses a password that
holds the whole User ID, or any run of 4 or more of its letters and digits between separators
(``approved.user`` gives ``approved`` and ``user``), or the first or last name (any case).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from mock_portal.sites.security import hash_password, verify_password

if TYPE_CHECKING:
    from datetime import datetime

    from mock_portal.accounts.models import IdmUser

MIN_LENGTH = 15
MAX_LENGTH = 60
HISTORY = 6
MIN_AGE = timedelta(days=1)
INACTIVITY_LIMIT = timedelta(days=60)
# IDM's list of accepted special characters (the FAQ's list, including its right single quote;
# no space).
SPECIALS = "\"!#$%&'\u2019()*+,-./\\:;<=>?@[]^_`{|}~"
_USER_ID_PART = re.compile(r"[A-Za-z0-9]{4,}")


@dataclass(frozen=True)
class Refusal:
    """One rule a new password breaks, as the form shows it beside the field."""

    rule: str
    message: str


def rule_summary() -> list[str]:
    """The rules as IDM lists them on its password pages."""
    return [
        f"{MIN_LENGTH} to {MAX_LENGTH} characters",
        "at least 1 upper case letter, 1 lower case letter and 1 number",
        "special characters are optional",
        "no part of your User ID, and not your first or last name",
        f"not one of your last {HISTORY} passwords",
        "a password can be changed only once a day",
    ]


def _holds_identity(user: IdmUser, password: str) -> str | None:
    lowered = password.lower()
    if user.user_id.lower() in lowered or any(
        part.lower() in lowered for part in _USER_ID_PART.findall(user.user_id)
    ):
        return "It must not contain your User ID or any part of it."
    for name in (user.first_name, user.last_name):
        if len(name) >= 2 and name.lower() in lowered:
            return "It must not contain your first or last name."
    return None


def check(
    user: IdmUser, password: str, now: datetime, *, enforce_age: bool = True
) -> list[Refusal]:
    """Every rule ``password`` breaks for ``user`` at ``now``; empty when IDM takes it.

    ``enforce_age``: the once-a-day rule applies to a change the user makes, not to a reset by
    the help desk (the control API).
    """
    refusals: list[Refusal] = []
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        refusals.append(
            Refusal("length", f"It must be {MIN_LENGTH} to {MAX_LENGTH} characters long.")
        )
    missing = [
        what
        for what, present in (
            ("an upper case letter", any("A" <= c <= "Z" for c in password)),
            ("a lower case letter", any("a" <= c <= "z" for c in password)),
            ("a number", any("0" <= c <= "9" for c in password)),
        )
        if not present
    ]
    if missing:
        refusals.append(Refusal("characters", "It must contain " + ", ".join(missing) + "."))
    if any(not c.isalnum() and c not in SPECIALS for c in password) or not password.isascii():
        refusals.append(
            Refusal(
                "special",
                "It may only use letters, numbers and IDM's special characters "
                "(\" ! # $ % & ' ( ) * + , - . / \\ : ; < = > ? @ [ ] ^ _ ` { | } ~).",
            )
        )
    identity = _holds_identity(user, password)
    if identity is not None:
        refusals.append(Refusal("identity", identity))
    if any(verify_password(password, old) for old in user.password_history[-HISTORY:]):
        refusals.append(Refusal("history", f"It must not be one of your last {HISTORY} passwords."))
    changed = user.password_changed_at
    if enforce_age and changed is not None and now - changed < MIN_AGE:
        refusals.append(
            Refusal(
                "age",
                "Your password was changed less than a day ago; it can be changed only once a day.",
            )
        )
    return refusals


def set_password(user: IdmUser, password: str, now: datetime) -> None:
    """Make ``password`` the user's, remembering it among the last ``HISTORY``."""
    user.password_hash = hash_password(password)
    user.password_history = [*user.password_history, user.password_hash][-HISTORY:]
    user.password_changed_at = now


def expired(user: IdmUser, now: datetime) -> bool:
    """No IDM log in for more than 60 days: the password has expired (``PASSWORD_EXPIRED``).

    A password set since the last log in is not expired: the forced change is the remedy CMS's
    IDM FAQ gives, so a user who changes it and then leaves before the one-time code is not asked
    again at the next sign-in (and refused by the once-a-day rule). No public source covers that
    abandoned step; this is the mock's choice of what a deployment most plausibly does.
    """
    if user.last_idm_login is None:
        return False
    active = max(user.last_idm_login, user.password_changed_at or user.last_idm_login)
    return now - active > INACTIVITY_LIMIT
