"""How HETS compares a name typed by a provider with the name on Medicare's record.

HETS holds names without special characters, so a hyphenated name may be on file with a space or
run together (Palmetto GBA, "why do I receive an error message that the beneficiary ... cannot be
found?"), and a suffix may be on file as part of the last name or apart from it. Both sides are
therefore normalized the way CAQH CORE rule 258 describes for last names: upper case, a suffix
(JR, SR, II, ...) dropped when set off by a space, comma or period, then every character that is
not a letter removed. So "O'Brien-Smith Jr." and "obrien smith" match, "SmithJr" and "Smith" do
not. Accents are dropped too (José = JOSE): X12's basic character set has none.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Suffixes and titles dropped from a last name, after CAQH CORE 258 section 4.2.2 (which lists
# strings such as JR, SR and II; this set is the mock's reading of it, not a copy).
GENERATIONS = frozenset({"JR", "SR", "I", "II", "III", "IV", "V"})
TITLES = frozenset({"ESQ", "RN", "MD", "PHD", "DR", "MR", "MRS", "MS", "REV"})
SUFFIXES = GENERATIONS | TITLES
_SEPARATORS = re.compile(r"[\s,.]+")
# Names normalized lately, both sides of each comparison (a provider looks up the same patients
# again; a beneficiary's record is the same every time): 4 % of an eligibility lookup's CPU
# under load without it (py-spy, issue 20). Bounded, so memory stays flat whatever is typed.
RECENT_NAMES = 4096


def _letters(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.upper())
    return "".join(ch for ch in decomposed if "A" <= ch <= "Z")


@functools.lru_cache(maxsize=RECENT_NAMES)
def normalize_first_name(name: str) -> str:
    return _letters(name)


@functools.lru_cache(maxsize=RECENT_NAMES)
def normalize_last_name(name: str) -> str:
    words = [w for w in _SEPARATORS.split(name.upper()) if w]
    kept = words[:1] + [w for w in words[1:] if w not in SUFFIXES]
    return _letters(" ".join(kept))


def same_name(entered_first: str, entered_last: str, first: str, last: str) -> bool:
    return normalize_first_name(entered_first) == normalize_first_name(first) and (
        normalize_last_name(entered_last) == normalize_last_name(last)
    )
