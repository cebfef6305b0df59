"""The Medicare Beneficiary Identifier: its alphabet, validation, and a bijection with integers.

CMS, "Understanding the Medicare Beneficiary Identifier (MBI) Format": 11 characters, positions
C A AN N A AN N A A N N, where C = 1-9, N = 0-9, A = A-Z except S, L, O, I, B and Z, AN = A or N.
Lower case is accepted and upper-cased; dashes (as printed on the card) are not part of it.

Reading the 11 positions as digits of a mixed-radix number gives every valid MBI exactly one
integer in ``range(SPACE)`` and back, with no table: that is what lets the population be
index-addressable (see :mod:`mock_portal.population.seeded`).
"""

from __future__ import annotations

import math
import re
from typing import Final

DIGITS: Final = "0123456789"
NONZERO_DIGITS: Final = "123456789"
# S, L, O, I, B and Z are never used: they read too much like 5, 1, 0, 1, 8 and 2.
EXCLUDED_LETTERS: Final = "BILOSZ"
LETTERS: Final = "ACDEFGHJKMNPQRTUVWXY"
ALPHANUMERICS: Final = DIGITS + LETTERS

# The alphabet of each position, in CMS's C A AN N A AN N A A N N order.
POSITIONS: Final = (
    NONZERO_DIGITS,
    LETTERS,
    ALPHANUMERICS,
    DIGITS,
    LETTERS,
    ALPHANUMERICS,
    DIGITS,
    LETTERS,
    LETTERS,
    DIGITS,
    DIGITS,
)
LENGTH: Final = len(POSITIONS)
# The same rule as a regular expression (upper case, no dashes), for schemas: what ``is_valid``
# accepts, no more and no less.
PATTERN: Final = "".join(f"[{alphabet}]" for alphabet in POSITIONS)
# Compiled once: a lookup checks an MBI three times (the form, HETS, the population), and a
# regular expression does it several times faster than a loop over the positions.
_VALID: Final = re.compile(PATTERN)
# How many valid MBIs there are: 9 * 20**4 * 30**2 * 10**4, about 1.3e13.
SPACE: Final = math.prod(len(alphabet) for alphabet in POSITIONS)


def normalize(text: str) -> str:
    """What the portal looks up: surrounding blanks dropped, lower case upper-cased."""
    return text.strip().upper()


def is_valid(mbi: str) -> bool:
    """Whether ``mbi`` (already normalized) follows CMS's format, position by position."""
    return _VALID.fullmatch(mbi) is not None


def to_number(mbi: str) -> int:
    """The MBI's place in ``range(SPACE)``; ``mbi`` must be valid."""
    number = 0
    for char, alphabet in zip(mbi, POSITIONS, strict=True):
        number = number * len(alphabet) + alphabet.index(char)
    return number


def from_number(number: int) -> str:
    """The MBI at ``number`` in ``range(SPACE)``: the inverse of :func:`to_number`."""
    if not 0 <= number < SPACE:
        raise ValueError(f"an MBI number is in range({SPACE}), got {number}")
    chars: list[str] = []
    for alphabet in reversed(POSITIONS):
        number, digit = divmod(number, len(alphabet))
        chars.append(alphabet[digit])
    return "".join(reversed(chars))
