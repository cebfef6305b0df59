"""Provider and account identifiers in the shapes CMS and First Coast use."""

from __future__ import annotations

import random
import re
import string

# Okta user ids are "00u" followed by 17 base-62 characters.
_OKTA_ALPHABET = string.ascii_letters + string.digits
# ASCII digits only: str.isdigit() and \d also take other scripts' digits and superscripts, which
# int() refuses or reads as numbers no NPI is written with.
_TEN_DIGITS = re.compile(r"[0-9]{10}")


def okta_user_id(rng: random.Random) -> str:
    return "00u" + "".join(rng.choice(_OKTA_ALPHABET) for _ in range(17))


def luhn_check_digit(digits: str) -> int:
    """The Luhn check digit that makes ``digits + check`` pass the Luhn test."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 0:  # doubled: the rightmost payload digit sits next to the check digit
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return (10 - total % 10) % 10


def npi(rng: random.Random) -> str:
    """A 10-digit NPI whose check digit is valid: Luhn over the prefix 80840 + first 9 digits
    (CMS, "Requirements for NPI check digit")."""
    body = str(rng.choice("12")) + "".join(rng.choice(string.digits) for _ in range(8))
    return body + str(luhn_check_digit("80840" + body))


def is_valid_npi(value: str) -> bool:
    if _TEN_DIGITS.fullmatch(value) is None:
        return False
    return luhn_check_digit("80840" + value[:9]) == int(value[9])


def ptan(rng: random.Random) -> str:
    """A Part A/B PTAN: six alphanumerics, as First Coast issues them."""
    return "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(6))


def tin(rng: random.Random) -> str:
    """An EIN-shaped TIN (nine digits; prefixes 00 and 07-09 are never issued by the IRS)."""
    prefix = rng.choice([p for p in range(10, 100) if p not in (89, 98)])
    return f"{prefix:02d}" + "".join(rng.choice(string.digits) for _ in range(7))


def confirmation_number(rng: random.Random) -> str:
    """A SPOT access request confirmation number: "AR" and ten digits, e.g. ``AR4830192275``."""
    return "AR" + "".join(rng.choice(string.digits) for _ in range(10))
