"""A keyed, invertible shuffle of ``range(size)`` that needs no table.

A balanced Feistel network over the smallest even number of bits that holds ``size``, with
cycle-walking back into range (Black and Rogaway, "Ciphers with Arbitrary Finite Domains", 2002):
the format-preserving-encryption construction. Both directions cost a few keyed hashes, the same
for any size, and the expected number of walks is below 2 since the bit range is less than four
times ``size``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

ROUNDS = 6


class KeyedPermutation:
    """Usage: ``p = KeyedPermutation(10**6, b"seed 7"); p.inverse(p.forward(42)) == 42``."""

    def __init__(self, size: int, key: bytes) -> None:
        if size < 1:
            raise ValueError(f"a permutation needs a size of at least 1, got {size}")
        self.size = size
        bits = max(2, (size - 1).bit_length())
        self._half = (bits + 1) // 2
        self._mask = (1 << self._half) - 1
        self._round_keys = tuple(
            hashlib.blake2b(key, digest_size=16, person=b"round%d" % r).digest()
            for r in range(ROUNDS)
        )

    def forward(self, value: int) -> int:
        return self._walk(value, self._encrypt)

    def inverse(self, value: int) -> int:
        return self._walk(value, self._decrypt)

    def _walk(self, value: int, step: Callable[[int], int]) -> int:
        """Apply ``step`` until the value is back in range (cycle walking)."""
        if not 0 <= value < self.size:
            raise ValueError(f"{value} is outside range({self.size})")
        value = step(value)
        while value >= self.size:
            value = step(value)
        return value

    def _mix(self, round_number: int, half: int) -> int:
        digest = hashlib.blake2b(
            half.to_bytes(8, "big"), key=self._round_keys[round_number], digest_size=8
        ).digest()
        return int.from_bytes(digest, "big") & self._mask

    def _encrypt(self, value: int) -> int:
        left, right = value >> self._half, value & self._mask
        for r in range(ROUNDS):
            left, right = right, left ^ self._mix(r, right)
        return (left << self._half) | right

    def _decrypt(self, value: int) -> int:
        left, right = value >> self._half, value & self._mask
        for r in reversed(range(ROUNDS)):
            left, right = right ^ self._mix(r, left), left
        return (left << self._half) | right
