"""What counts as a secret or PHI in a capture: one recognizer per kind, in one registry.

Arranged as Microsoft Presidio arranges its analyzers (a class per entity with its pattern and a
validation step, all in one registry), not copied from it: Presidio's MBI pattern lets a 0 into
position 1, which CMS's format forbids. Two ways a value is recognized:

- by **where it sits** (:func:`kind_for_key`): a query parameter, form field, JSON key, cookie or
  header whose name says what it holds (``password``, ``code``, ``state``, ``stateToken``,
  ``first_name``, ``dob``...). This is how typed names and dates, OAuth values and Okta's
  transaction handles are found; the names come from OAuth 2.0 / OIDC (RFC 6749, OIDC Core),
  Okta's authn and IDX APIs, and SPOT's eligibility form (``docs/ui-labels.md``).
- by **what it looks like** (:data:`RECOGNIZERS`), wherever it is: JWTs (RFC 7519: three
  base64url parts, the first two JSON objects), MBIs by CMS's position rules (C A AN N A AN N A A
  N N, letters but S L O I B Z, dashed as on the card or not, any case: CMS, "Understanding the
  Medicare Beneficiary Identifier (MBI) Format"), e-mail addresses, US phone numbers, Social
  Security numbers, calendar dates (dates of birth and of service: SPOT's forms take
  MM/DD/YYYY) and opaque credentials by their shape (long runs of letters and digits).

The sanitizer redacts whatever either way finds, and redacts everything else it does not keep on
purpose (``sanitize.py``): recognizers decide the *kind* a placeholder names and what the final
check scans for, not what is kept.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar, Final

from mock_portal.population import mbi as mbi_format

__all__ = [
    "JWT_RE",
    "MBI_RE",
    "RECOGNIZERS",
    "Found",
    "MbiRecognizer",
    "Recognizer",
    "decode_jwt",
    "find_all",
    "kind_for_key",
]


@dataclass(frozen=True)
class Found:
    kind: str
    start: int
    end: int


class Recognizer:
    """One kind of sensitive value: a pattern, and a validation step for its matches."""

    kind: ClassVar[str]
    pattern: ClassVar[re.Pattern[str]]
    # A string every match contains: text without it is skipped at C speed.
    hint: ClassVar[str] = ""
    # What may not stand just before a match (checked here, not by a look-behind in the pattern:
    # a pattern that starts with a look-behind is tried at every position, ten times slower).
    not_after: ClassVar[re.Pattern[str] | None] = None

    def validate(self, match: str) -> bool:
        return True

    # The same, as a pattern that starts with a plain character class (scanned for in C).
    hint_re: ClassVar[re.Pattern[str] | None] = None
    # Every match holds two digits with one of `` ./-`` between them (:data:`DIGIT_PAIR`):
    # find_all looks for that once for all such kinds, and skips them all on text without it.
    digit_pair: ClassVar[bool] = False

    def find(self, text: str) -> Iterator[Found]:
        if self.hint and self.hint not in text:
            return
        if self.hint_re is not None and not self.hint_re.search(text):
            return
        before = self.not_after
        for match in self.pattern.finditer(text):
            start = match.start()
            if start and before is not None and before.match(text, start - 1):
                continue
            if self.validate(match.group()):
                yield Found(self.kind, match.start(), match.end())


def _mbi_pattern() -> str:
    classes = [f"[{alphabet}]" for alphabet in mbi_format.POSITIONS]
    # As printed on the card: 1EG4-TE5-MK73.
    return "".join(classes[:4]) + "-?" + "".join(classes[4:7]) + "-?" + "".join(classes[7:])


# Not inside a longer run of letters and digits: an 11-character window of a hex id is not an MBI.
MBI_RE: Final = re.compile(rf"(?<![A-Za-z0-9]){_mbi_pattern()}(?![A-Za-z0-9])", re.IGNORECASE)
_MBI_FAST: Final = re.compile(rf"{_mbi_pattern()}(?![A-Za-z0-9])", re.IGNORECASE)
_ALNUM: Final = re.compile(r"[A-Za-z0-9]")
# Header and payload are base64url JSON objects, so both start "eyJ" ('{"'); the signature may be
# empty (alg "none").
JWT_RE: Final = re.compile(r"eyJ[A-Za-z0-9_-]{2,}\.eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*")


class MbiRecognizer(Recognizer):
    kind = "mbi"
    pattern = _MBI_FAST
    not_after = _ALNUM


class JwtRecognizer(Recognizer):
    kind = "jwt"
    pattern = JWT_RE
    hint = "eyJ"

    def validate(self, match: str) -> bool:
        return decode_jwt(match) is not None


class EmailRecognizer(Recognizer):
    kind = "email"
    # Starts only where a run of address characters starts: linear on long runs.
    pattern = re.compile(
        r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
    )
    hint = "@"


class PhoneRecognizer(Recognizer):
    """North American numbers: (904) 555-0100, 904-555-0100, 904.555.0100, +1 904 555 0100."""

    kind = "phone"
    pattern = re.compile(r"(?:\+?1[ .-]?)?(?:\(\d{3}\)\s?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\w-])")
    not_after = re.compile(r"[\w.-]")
    hint_re = re.compile(r"\d{3}[ .-]\d{4}")
    digit_pair = True


class SsnRecognizer(Recognizer):
    kind = "ssn"
    hint = "-"
    pattern = re.compile(r"\d{3}-\d{2}-\d{4}(?![\w-])")
    hint_re = re.compile(r"\d-\d\d-\d")
    digit_pair = True
    not_after = re.compile(r"[\w-]")

    def validate(self, match: str) -> bool:
        # The Social Security Administration never issues area 000, 666 or 9xx, group 00 or
        # serial 0000.
        area, group, serial = match.split("-")
        return area not in ("000", "666") and area[0] != "9" and group != "00" and serial != "0000"


class DateRecognizer(Recognizer):
    """Calendar dates as people type them (MM/DD/YYYY, M-D-YY) and as forms send them (ISO).

    Dates of birth and of service are PHI. HAR's own timestamps (``startedDateTime``, cookie
    ``expires``, the ``Date`` header) are kept by field, never passed through this.
    """

    kind = "date"
    not_after = re.compile(r"[\w.-]")
    hint_re = re.compile(r"\d[/.-]\d")
    digit_pair = True
    pattern = re.compile(
        r"(?:"
        r"(?:0?[1-9]|1[0-2])[/.-](?:0?[1-9]|[12]\d|3[01])[/.-](?:\d{4}|\d{2})"
        r"|\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
        r")(?![\w-])"
    )


class SecretTokenRecognizer(Recognizer):
    """An opaque credential by its shape: 20 or more base64url or hex characters mixing letters
    and digits (session ids, API keys, Okta's ``00u...`` ids, cookie values). Found even in what
    is kept in clear, such as a User-Agent or a class attribute."""

    kind = "token"
    pattern = re.compile(r"[A-Za-z0-9_-]{20,}")  # leftmost and greedy: whole runs only
    # Longer texts (a page) are split into runs in C first: the pattern is tried inside every
    # word of a page, and only the few runs that are long enough and validate are looked for.
    SPLIT_FROM: ClassVar[int] = 4096

    def validate(self, match: str) -> bool:
        digits = sum(c.isdigit() for c in match)
        return digits >= 2 and sum(c.isalpha() for c in match) >= 2

    def find(self, text: str) -> Iterator[Found]:
        if len(text) < self.SPLIT_FROM:
            yield from super().find(text)
            return
        runs = text.encode("utf-8", "surrogatepass").translate(_NOT_TOKEN_BYTES).split()
        tokens = {run.decode("ascii") for run in runs if len(run) >= 20}
        hits: list[Found] = []
        for token in filter(self.validate, tokens):
            at = text.find(token)
            while at != -1:  # where it is a whole run, as the pattern finds it
                end = at + len(token)
                if (at == 0 or text[at - 1] not in _TOKEN_CHARS) and (
                    end == len(text) or text[end] not in _TOKEN_CHARS
                ):
                    hits.append(Found(self.kind, at, end))
                at = text.find(token, at + 1)
        yield from sorted(hits, key=lambda hit: hit.start)


_TOKEN_CHARS: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
# Every byte but those of _TOKEN_CHARS, as a blank (UTF-8's bytes of non-ASCII are 0x80 or more).
_NOT_TOKEN_BYTES: Final = bytes(c if chr(c) in _TOKEN_CHARS else ord(" ") for c in range(256))


# The registry: a new kind is one class above and one name here (and its test).
RECOGNIZERS: Final[tuple[Recognizer, ...]] = (
    JwtRecognizer(),
    EmailRecognizer(),
    MbiRecognizer(),
    SsnRecognizer(),
    PhoneRecognizer(),
    DateRecognizer(),
    SecretTokenRecognizer(),
)


# What every phone number (555-0100), Social Security number (-45-) and date (04/17) holds.
DIGIT_PAIR: Final = re.compile(r"\d[ ./-]\d")


def find_all(text: str) -> list[Found]:
    """Every recognized span of ``text``, earliest first, overlaps dropped (first in the
    registry wins a tie)."""
    pair = DIGIT_PAIR.search(text) is not None
    found = sorted(
        (
            hit
            for recognizer in RECOGNIZERS
            if pair or not recognizer.digit_pair
            for hit in recognizer.find(text)
        ),
        key=lambda f: (f.start, -(f.end - f.start)),
    )
    kept: list[Found] = []
    for hit in found:
        if not kept or hit.start >= kept[-1].end:
            kept.append(hit)
    return kept


def _b64json(part: str) -> dict[str, Any] | None:
    try:
        value = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    return value if isinstance(value, dict) else None


def decode_jwt(token: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """A JWT's header and claims (unverified), or None when ``token`` is not one."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    header, claims = _b64json(parts[0]), _b64json(parts[1])
    if header is None or claims is None:
        return None
    return header, claims


# Names of fields, parameters, cookies and keys, and the kind of what they hold. First match wins;
# matched against the name with separators dropped and lower-cased ("first_name" -> "firstname").
_KEY_KINDS: Final[tuple[tuple[re.Pattern[str], str], ...]] = tuple(
    (re.compile(pattern), kind)
    for pattern, kind in (
        # Okta: authn API stateToken/sessionToken, IDX stateHandle/interactionHandle, sign-in
        # widget's fromURI is kept (a URL, sanitized as one).
        (r"statetoken|statehandle|sessiontoken|interactionhandle|sessionid|sid$|idx$", "session"),
        (r"password|passwd|pwd|passphrase|secret|answer", "password"),
        (r"passcode|otp|verificationcode|totp|mfacode|factorcode", "otp"),
        # OAuth 2.0 / OIDC (RFC 6749, RFC 7636, OIDC Core).
        (r"^code$|authorizationcode|codeverifier|devicecode|usercode", "oauth-code"),
        (r"^state$|relaystate", "oauth-state"),
        (r"nonce", "oauth-nonce"),
        (r"token|assertion|apikey|credential|samlresponse|samlrequest", "token"),
        (r"csrf|xsrf|authenticity", "csrf"),
        # SPOT's eligibility form (docs/ui-labels.md: mbi, last_name, first_name,
        # date_of_birth, date_of_service) and what other forms call the same things.
        (r"mbi|medicareid|hicn|beneficiaryid|memberid|subscriberid", "mbi"),
        (r"birth|dob$|^dob", "dob"),
        (r"dateofservice|servicedate|^dos$|fromdate|todate|throughdate", "dos"),
        (
            r"firstname|lastname|givenname|familyname|middlename|fullname|^name$|^fname$|^lname$",
            "name",
        ),
        (r"email|mail$", "email"),
        (r"phone|mobile|^tel$|fax", "phone"),
        (r"ssn|socialsecurity|taxid|^ein$|^tin$|npi|ptan", "identifier"),
        (r"address|street|city|zip|postal", "address"),
        (r"^user|username|userid|login|identifier|^sub$|^uid$|^upn$", "user"),
    )
)


def kind_for_key(name: str) -> str:
    """The kind a field called ``name`` holds; ``"value"`` when its name says nothing."""
    folded = re.sub(r"[^a-z0-9]", "", name.lower())
    for pattern, kind in _KEY_KINDS:
        if pattern.search(folded):
            return kind
    return "value"
