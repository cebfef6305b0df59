"""``har sanitize``: a copy of a capture in which no secret and no PHI survives.

Default-deny and structural (DESIGN.md, "Reported captures", **Contract**). The walk knows HAR
1.2's structure and visits every string of the capture, keys included: URLs (path segments, query,
fragment, user info), headers, cookies, post data (text and params; form, JSON, multipart), response
bodies (base64 too: decoded, sanitized, written back as text), redirect URLs, page titles,
comments, WebSocket frames and every custom ``_`` field. Each layer is decoded (percent-encoding,
form, JSON, multipart, base64, JWT), sanitized and encoded again. What a diagnosis needs stays in
clear, each for a reason given in :data:`KEPT` (``docs/captures.md`` lists the same); every other
value becomes a placeholder ``[redacted:KIND:LENGTH:TAG]``:

- ``KIND`` names what it was (``cookie``, ``jwt``, ``password``, ``mbi``, ``name``, ``text``...:
  ``recognizers.py``), ``LENGTH`` its length in characters, so sizes stay diagnosable (a cookie
  header's overflow is visible in its cookies' lengths);
- ``TAG`` is the first 8 hex digits of an HMAC-SHA256 of the value under a key drawn at random for
  this run, never a bare hash (a bare hash of a date of birth or an MBI is reversed by trying them
  all): equal values within one file get equal placeholders, so a flow stays linkable (the same
  session cookie sent twice, the ``state`` sent and returned), and nothing links two files;
- a JWT keeps its header's ``alg``/``typ`` and the times a diagnosis reads:
  ``[redacted:jwt:812:TAG alg=RS256 typ=JWT iat=1700000000 exp=1700003600]``.

Values typed into forms (names, dates, MBIs, user ids) are redacted where they were sent **and
wherever they recur** (a results page repeats the beneficiary's name): a first pass collects them.
Free text (page text, titles, messages) keeps only the words of :mod:`vocabulary`.

Fail closed: before anything is written, the serialized output is scanned for JWTs, MBI shapes and
every value redacted (four characters or more: shorter ones cannot be told from ordinary text);
a hit found only because a value was learned late is redacted by a second walk, and any hit after
that raises :class:`SanitizeRefused` (the command exits 3). Counts per kind, never a value.

Why each public sanitizer was not enough, which is what the walk answers: Cloudflare's
``har-sanitizer`` runs word lists over the serialized JSON (its issues #27, #34 and #49: JSON and
base64 bodies, lower-case HTTP/2 ``authorization``, cookies off its list); Google's is Python 2.7
with no JWT handling; Chrome 130's export without sensitive data drops only the ``Cookie``,
``Authorization`` and ``Set-Cookie`` headers. In October 2023 session tokens in HAR files taken
from Okta's support system were used against its customers (Okta's security incident report).

Usage::

    result = sanitize(read_har(Path("failing-login.har")))
    Path("failing-login.sanitized.har").write_text(result.text)
    print(result.counts)   # {"cookie": 12, "jwt": 2, ...}
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import functools
import gc
import hashlib
import hmac
import json
import re
import secrets
from collections import Counter
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import quote, unquote, unquote_plus, urlsplit, urlunsplit

from mock_portal.captures.recognizers import (
    JWT_RE,
    MbiRecognizer,
    decode_jwt,
    find_all,
    kind_for_key,
)
from mock_portal.captures.vocabulary import WORD_RE, names, vocabulary, word_set

__all__ = [
    "KEPT",
    "PLACEHOLDER_RE",
    "SanitizeRefused",
    "SanitizeResult",
    "check_output",
    "sanitize",
]

PLACEHOLDER_RE: Final = re.compile(r"\[redacted:([a-z-]+):(\d+):([0-9a-f]{8})(?: [^\]\[]*)?\]")
# Shorter redacted values are not scanned for: "on", "12" or "ab" cannot be told from text.
MIN_SCANNED: Final = 4
# Longer ones are whole bodies: their recurring parts are scanned for on their own.
MAX_SCANNED: Final = 2048


class SanitizeRefused(Exception):
    """The output still held something that must not leave; nothing was written.

    ``survivors`` counts them by kind; the message names kinds and counts, never a value.
    """

    def __init__(self, survivors: Mapping[str, int]) -> None:
        self.survivors = dict(survivors)
        listed = ", ".join(f"{count} {kind}" for kind, count in sorted(self.survivors.items()))
        super().__init__(f"refused: the sanitized copy still held {listed}; nothing was written")


@dataclass(frozen=True)
class SanitizeResult:
    har: dict[str, Any]
    counts: dict[str, int]
    # ``har`` serialized as it is written (UTF-8, two-space indent), already checked.
    text: str


# Field names (query and form parameters, JSON keys, HAR fields) whose values a diagnosis needs,
# how each is kept, and why. Matched on the name lower-cased without separators. "enum": kept when
# every word is in the vocabulary or it is an error code (E0000011, ACCESS_NOT_ASSIGNED); "prose":
# free text, vocabulary words only; "url": sanitized as a URL; "time": numbers and ISO date-times;
# "ident": an identifier of an application or a page, not of a person.
KEPT: Final[Mapping[str, tuple[str, str]]] = {
    "error": ("enum", "OAuth 2.0 error code of an error redirect (RFC 6749 4.1.2.1)"),
    "errordescription": ("prose", "Okta's error_description: names the refusal"),
    "erroruri": ("url", "OAuth error_uri"),
    "errorsummary": ("prose", "Okta authn API error summary (E0000004 ...)"),
    "errorcode": ("enum", "Okta authn API error code (E0000011 expired token ...)"),
    "errorcauses": ("prose", "Okta's error causes"),
    "message": ("prose", "IDX messages shown to the user"),
    "label": ("prose", "IDX form labels: which step the sign-in page showed"),
    "i18n": ("enum", "IDX message keys (errors.E0000004)"),
    "key": ("enum", "IDX message keys (errors.E0000004)"),
    "class": ("enum", "IDX message class (ERROR, INFO)"),
    "status": ("enum", "Okta authn transaction status (LOCKED_OUT, MFA_REQUIRED ...)"),
    "factorresult": ("enum", "Okta factor result (WAITING, TIMEOUT, REJECTED)"),
    "factortype": ("enum", "Okta factor type (email, sms, token:software:totp)"),
    "provider": ("enum", "Okta factor provider"),
    "type": ("enum", "IDX form field and remediation types"),
    "name": ("enum", "IDX remediation names (identify, challenge-authenticator)"),
    "rel": ("enum", "IDX link relations"),
    "method": ("enum", "HTTP method of an IDX remediation"),
    "responsetype": ("enum", "OAuth response_type: which flow"),
    "responsemode": ("enum", "OAuth response_mode"),
    "scope": ("enum", "OAuth scope: an unknown scope is an error redirect"),
    "granttype": ("enum", "OAuth grant_type at /token"),
    "prompt": ("enum", "OIDC prompt (login_required comes from prompt=none)"),
    "display": ("enum", "OIDC display"),
    "codechallengemethod": ("enum", "PKCE method (S256)"),
    "tokentype": ("enum", "OAuth token_type (Bearer)"),
    "intent": ("enum", "IDX intent (LOGIN)"),
    "clientid": ("ident", "which application the sign-in is for (unknown client: Okta's 400)"),
    "redirecturi": ("url", "where IDM sends the browser back: a mismatch is Okta's 400 page"),
    "postlogoutredirecturi": ("url", "where logout returns"),
    "fromuri": ("url", "where Okta's sign-in page returns after sign-in"),
    "href": ("url", "links of IDX and Okta responses"),
    "url": ("url", "URLs wherever a JSON body names one"),
    "uri": ("url", "URLs wherever a JSON body names one"),
    "iat": ("time", "JWT issued-at: token age"),
    "exp": ("time", "JWT expiry: an expired token is a finding"),
    "nbf": ("time", "JWT not-before: clock skew"),
    "authtime": ("time", "OIDC auth_time"),
    "expiresin": ("time", "OAuth expires_in"),
    "expiresat": ("time", "Okta transaction and session expiry (5-minute sessionToken)"),
    "expires": ("time", "cookie and cache expiry"),
    "lastaccess": ("time", "HAR cache entry"),
    "hitcount": ("time", "HAR cache entry"),
    "version": ("ident", "HAR and browser version"),
}

_TIME_VALUE: Final = re.compile(
    r"-?\d{1,13}(?:\.\d+)?|\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?"
)
_IDENT: Final = re.compile(r"[A-Za-z0-9][\w.:/@+-]{0,99}")
_CODE: Final = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|E\d{7}")
_KEY: Final = re.compile(r"[A-Za-z_$@:][\w$@.:\[\]-]{0,79}")
_SAFE_VALUES: Final = frozenset({"true", "false", "on", "off", "yes", "no", "null", "none"})
_NET_ERROR: Final = re.compile(r"net::ERR_[A-Z_]+")
_MBI: Final = MbiRecognizer()
_WORD_SPLIT: Final = re.compile(r"([A-Za-z0-9]+)")
_MAYBE_ATOM: Final = re.compile(r"[0-9@]|eyJ")
_TOKENISH: Final = re.compile(r"[A-Za-z0-9_+/=-]{16,}")
_SEGMENT: Final = re.compile(r"[A-Za-z0-9._~!$&'()*+,;=:@%-]{1,64}")
_REASON: Final = re.compile(r"[A-Za-z][A-Za-z '-]{0,40}")
_WORDS_AND_GAPS: Final = re.compile(r"[A-Za-z0-9]+(?:[ \t]+[A-Za-z0-9]+)*")

# Response bodies walked by type; any other body (scripts, styles, images, fonts, binaries) is
# one placeholder, with content.size kept: nothing in them tells a diagnosis what a page said.
_HTML_TYPES: Final = ("text/html", "application/xhtml")
_JSON_TYPES: Final = ("json",)  # application/json, application/ion+json (Okta IDX), +json
_FORM_TYPE: Final = "application/x-www-form-urlencoded"
_TEXT_TYPES: Final = ("text/plain",)

# Header name -> how its value is handled. Absent: redacted whole (default deny).
_HEADERS: Final[Mapping[str, str]] = {
    **dict.fromkeys(
        names(
            "accept accept-encoding accept-language accept-ranges "
            "access-control-allow-credentials access-control-allow-headers "
            "access-control-allow-methods access-control-expose-headers access-control-max-age "
            "access-control-request-headers access-control-request-method age allow alt-svc "
            "cache-control connection content-encoding content-language content-length "
            "content-type cross-origin-embedder-policy cross-origin-opener-policy "
            "cross-origin-resource-policy date dnt expires host if-modified-since keep-alive "
            "last-modified origin-agent-cluster pragma priority purpose range content-range "
            "referrer-policy retry-after sec-ch-ua sec-ch-ua-mobile sec-ch-ua-platform "
            "sec-fetch-dest sec-fetch-mode sec-fetch-site sec-fetch-user sec-purpose server "
            "strict-transport-security timing-allow-origin transfer-encoding "
            "upgrade-insecure-requests user-agent vary x-content-type-options x-frame-options "
            "x-rate-limit-limit x-rate-limit-remaining x-rate-limit-reset x-requested-with "
            "x-xss-protection :authority :method :scheme :status"
        ),
        "keep",
    ),
    **dict.fromkeys(
        names("location referer origin content-location access-control-allow-origin :path"), "url"
    ),
    "cookie": "cookie",
    "set-cookie": "set-cookie",
    "authorization": "authorization",
    "proxy-authorization": "authorization",
    "www-authenticate": "www-authenticate",
    **dict.fromkeys(("etag", "if-none-match", "if-match"), "etag"),
}
_COOKIE_ATTRIBUTES: Final = names(
    "expires max-age domain path samesite secure httponly priority partitioned"
)


def _fold(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _normal(kind: str, value: str) -> str:
    """What makes two values equal for a placeholder's tag: one MBI dashed or not, any case."""
    if kind == "mbi":
        return value.replace("-", "").upper()
    if kind in {"name", "email", "user", "text", "address"}:
        return value.casefold()
    return value


def _core(value: str) -> str:
    """From the first letter or digit to the last: what the scan looks for."""
    match = re.search(r"[A-Za-z0-9](?:.*[A-Za-z0-9])?", value, re.S)
    return match.group() if match else ""


@functools.cache
def _written_forms() -> frozenset[str]:
    """The vocabulary's words as pages write them (lower, Capitalized, UPPER): set differences
    in C before any word-by-word test."""
    words = vocabulary()
    return frozenset({*words, *(w.capitalize() for w in words), *(w.upper() for w in words)})


_ASCII_ALNUM: Final = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


class _Needles:
    """Values that must not appear in the output, found by their first word (fast on big text)."""

    def __init__(self) -> None:
        self.kinds: dict[str, str] = {}
        self._index: dict[str, list[str]] | None = None
        self._patterns: dict[str, re.Pattern[str]] = {}

    def add(self, value: str, kind: str) -> None:
        core = _core(value).lower()
        if MIN_SCANNED <= len(core) <= MAX_SCANNED and core not in self.kinds:
            words = WORD_RE.findall(core)
            if len(words) == 1 and words[0] in vocabulary():
                return  # an ordinary word: kept in free text on purpose ("welcome")
            if core.isdigit() and len(core) < 6:
                # A year or a count: it would be found in every timestamp, and a year alone is
                # not PHI (HIPAA's Safe Harbor keeps "year" among a date's elements).
                return
            self.kinds[core] = kind
            self._index = None

    def __len__(self) -> int:
        return len(self.kinds)

    def frozen(self) -> _Needles:
        """A copy that later additions do not change (the walk guards with one: its index is
        built once, not after every redaction)."""
        copy = _Needles()
        copy.kinds = dict(self.kinds)
        return copy

    def _by_first_word(self) -> dict[str, list[str]]:
        if self._index is None:
            index: dict[str, list[str]] = {}
            for core in sorted(self.kinds, key=len, reverse=True):
                first = WORD_RE.match(core)
                if first:
                    index.setdefault(first.group(), []).append(core)
            self._index = index
            self._patterns = {}
        return self._index

    def _pattern(self, word: str) -> re.Pattern[str]:
        """The needles that start with ``word``, longest first, each ending where a word does:
        one pattern, whose literal start the engine scans for in C. What may not come before is
        checked by ``find`` (a pattern that starts with a look-behind is tried at every
        position)."""
        pattern = self._patterns.get(word)
        if pattern is None:
            cores = self._by_first_word()[word]
            ends = (
                re.escape(core[len(word) :]) + (r"(?![^\W_])" if core[-1].isalnum() else "")
                for core in cores
            )
            pattern = self._patterns[word] = re.compile(re.escape(word) + f"(?:{'|'.join(ends)})")
        return pattern

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, needle) of each needle in ``text`` at word boundaries."""
        if not self.kinds:
            return []
        lower = text.lower()
        index = self._by_first_word()
        if len(index) <= 64:
            # A few needles: a substring test each, in C, and no word split; the patterns below
            # find where each first word found so stands as a word.
            present: Collection[str] = [word for word in index if word in lower]
        else:
            present = index.keys() & word_set(lower)
        if not present:
            return []
        found: list[tuple[int, int, str]] = []
        for word in present:  # only where a needle's first word stands as a word
            pattern = self._pattern(word)
            at = pattern.search(lower)
            while at is not None:
                start = at.start()
                if not (start and lower[start - 1] in _ASCII_ALNUM):
                    found.append((start, at.end(), at.group()))
                # Every start is tried, as each position of the word was: overlaps are settled
                # below, for all the needles at once.
                at = pattern.search(lower, start + 1)
        hits: list[tuple[int, int, str]] = []
        for hit in sorted(found):  # overlaps: the earliest wins
            if not hits or hit[0] >= hits[-1][1]:
                hits.append(hit)
        return hits


class _Walk:
    """One sanitizing walk over a capture, with its key, its counts and what it redacted."""

    def __init__(self, key: bytes, needles: _Needles) -> None:
        self._key = key
        self.needles = needles
        # Every redaction's kind, in order: counts are made from it, and a cached result replays
        # its own slice of it.
        self.redactions: list[str] = []
        # False while a whole body is walked piece by piece: it is guarded once, at the end.
        self.guarding = True
        self._cache: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {}
        self._word_cache: dict[str, tuple[str, str]] = {}
        self._vocab = vocabulary()
        self._written = _written_forms()
        # The needles known before the walk starts: their recurrences are redacted.
        self._known = needles.frozen()

    # -- placeholders ---------------------------------------------------------------------------

    def redact(self, kind: str, value: str, extra: str = "") -> str:
        if value.startswith("[redacted:") and PLACEHOLDER_RE.fullmatch(value):
            return value  # already one (a page is guarded before it is walked)
        self.redactions.append(kind)
        self.needles.add(value, kind)
        digest = hmac.new(
            self._key, _normal(kind, value).encode("utf-8", "surrogatepass"), hashlib.sha256
        )
        return f"[redacted:{kind}:{len(value)}:{digest.hexdigest()[:8]}{extra}]"

    def jwt(self, token: str) -> str:
        decoded = decode_jwt(token)
        if decoded is None:
            return self.redact("token", token)
        header, claims = decoded
        extra = "".join(
            f" {name}={header[name]}"
            for name in ("alg", "typ")
            if isinstance(header.get(name), str) and _IDENT.fullmatch(header[name])
        )
        extra += "".join(
            f" {name}={claims[name]}"
            for name in ("iat", "nbf", "exp")
            if isinstance(claims.get(name), int | float) and not isinstance(claims[name], bool)
        )
        return self.redact("jwt", token, extra)

    # -- strings kept in clear ------------------------------------------------------------------

    def keep(self, text: str) -> str:
        """A string kept on purpose, with any recognized value or known secret in it redacted."""
        if not text:
            return text
        if _MAYBE_ATOM.search(text):
            found = find_all(text)
            if found:
                parts: list[str] = []
                at = 0
                for hit in found:
                    parts += [
                        self._guard(text[at : hit.start]),
                        self._atom(hit.kind, text[hit.start : hit.end]),
                    ]
                    at = hit.end
                parts.append(self._guard(text[at:]))
                return "".join(parts)
        return self._guard(text)

    @property
    def counts(self) -> dict[str, int]:
        return dict(sorted(Counter(self.redactions).items()))

    def cached(self, how: str, text: str, compute: Callable[[str], str]) -> str:
        """``compute(text)``, remembered for short strings that recur (a page's tags and labels):
        the same output, and the same redactions counted again."""
        if len(text) > 256:
            return compute(text)
        hit = self._cache.get((how, text))
        if hit is not None:
            self.redactions.extend(hit[1])
            return hit[0]
        start = len(self.redactions)
        result = compute(text)
        if len(self._cache) < 200_000:
            self._cache[how, text] = (result, tuple(self.redactions[start:]))
        return result

    def guard(self, text: str) -> str:
        """Redact what the first pass learned wherever it recurs in ``text``."""
        return self._guard(text)

    def _atom(self, kind: str, value: str) -> str:
        return self.jwt(value) if kind == "jwt" else self.redact(kind, value)

    def _guard(self, text: str) -> str:
        if not self.guarding:
            return text
        hits = self._known.find(text)
        if not hits:
            return text
        protected = [m.span() for m in PLACEHOLDER_RE.finditer(text)]
        parts: list[str] = []
        at = 0
        for start, end, core in hits:
            if any(s <= start < e for s, e in protected):
                continue
            parts += [text[at:start], self.redact(self._known.kinds[core], text[start:end])]
            at = end
        parts.append(text[at:])
        return "".join(parts)

    def prose(self, text: str) -> str:
        """Free text: vocabulary words stay, every other run of words becomes a placeholder."""
        if not text:
            return text
        out: list[str] = []
        at = 0
        kept = self.keep(text)
        for placeholder in PLACEHOLDER_RE.finditer(kept):
            out.append(self._words(kept[at : placeholder.start()]))
            out.append(placeholder.group())
            at = placeholder.end()
        out.append(self._words(kept[at:]))
        return "".join(out)

    def words(self, text: str) -> str:
        """Words separated by blanks: each that is not on the vocabulary is redacted."""
        if all(map(self._written.__contains__, text.split())):
            return text
        parts = _WORD_SPLIT.split(text)  # the words at odd indexes
        for index in range(1, len(parts), 2):
            if parts[index] not in self._written:
                parts[index] = self.word(parts[index])
        return "".join(parts)

    def word(self, word: str) -> str:
        """One word of free text: itself when it stays, else its placeholder (remembered, and
        counted again each time, as every redaction is)."""
        hit = self._word_cache.get(word)
        if hit is None:
            hit = (word, "") if self.ok_word(word) else (self.redact("text", word), "text")
            self._word_cache[word] = hit
        elif hit[1]:
            self.redactions.append(hit[1])
        return hit[0]

    @property
    def written(self) -> frozenset[str]:
        """The vocabulary's words as pages write them (lower, Capitalized, UPPER)."""
        return self._written

    def ok_word(self, word: str) -> bool:
        """Whether a word of free text stays: on the vocabulary, or too short to say anything."""
        return word in self._written or self._ok_word(word)

    def _ok_word(self, word: str) -> bool:
        # One letter (an initial) says nothing alone; three digits are a status or a step.
        return (
            len(word) == 1
            or word.lower() in self._vocab
            or (word.isdigit() and len(word) <= 3)
            or _CODE.fullmatch(word) is not None
        )

    def _words(self, text: str) -> str:
        unusual = set(WORD_RE.findall(text)) - self._written
        if not unusual or all(map(self._ok_word, unusual)):
            return text

        def run(match: re.Match[str]) -> str:
            pieces = re.split(r"([ \t]+)", match.group())
            out: list[str] = []
            pending: list[str] = []
            for index, piece in enumerate(pieces):
                is_gap = index % 2 == 1
                if not is_gap and self._ok_word(piece):
                    if pending:
                        gap = pending.pop() if len(pending) % 2 == 0 else ""
                        out += [self.redact("text", "".join(pending)), gap]
                        pending = []
                    out.append(piece)
                elif is_gap and not pending:
                    out.append(piece)
                else:
                    pending.append(piece)
            if pending:
                gap = pending.pop() if len(pending) % 2 == 0 else ""
                out += [self.redact("text", "".join(pending)), gap]
            return "".join(out)

        return _WORDS_AND_GAPS.sub(run, text)

    def safe_token(self, value: str) -> bool:
        """An enumeration value (vocabulary words joined by -_.:/ or an error code), no data."""
        if len(value) > 80:
            return False
        if value.lower() in _SAFE_VALUES or _CODE.fullmatch(value):
            return True
        words = WORD_RE.findall(value)
        return (
            bool(words) and not re.search(r"[^\w.:/ -]", value) and all(map(self._ok_word, words))
        )

    # -- values by field --------------------------------------------------------------------------

    def param(self, key: str, value: str) -> str:
        """The value of a field called ``key`` (query, form, JSON, multipart, HAR)."""
        if not value:
            return value
        how = KEPT.get(_fold(key), ("", ""))[0]
        if how == "url":
            return self.url(value)
        if how == "prose":
            return self.prose(value)
        if how == "enum" and self.safe_token(value):
            return value
        if how == "time" and _TIME_VALUE.fullmatch(value):
            return value
        if how == "ident" and _IDENT.fullmatch(value):
            return self.keep(value)
        kind = kind_for_key(key)
        return self.value(kind, value)

    def value(self, kind: str, value: str) -> str:
        """A value no rule keeps: redacted, after looking inside it for a layer to walk."""
        if not value or (kind == "value" and value.lower() in _SAFE_VALUES):
            return value
        if kind == "value" and value.isdigit() and len(value) <= 3:
            return value
        stripped = value.strip()
        if JWT_RE.fullmatch(stripped):
            return self.jwt(value)
        if kind == "value":
            if stripped.startswith(("http://", "https://")) and " " not in stripped:
                return self.url(value)
            if stripped[:1] in "{[":
                try:
                    parsed = json.loads(stripped)
                except ValueError:
                    parsed = None
                if isinstance(parsed, dict | list):
                    return json.dumps(self.json(parsed), ensure_ascii=False, separators=(",", ":"))
            found = find_all(value)
            if len(found) == 1 and found[0].start == 0 and found[0].end == len(value):
                kind = found[0].kind
        return self.redact(kind, value)

    def key(self, name: str) -> str:
        return self.keep(name) if _KEY.fullmatch(name) else self.redact("key", name)

    # -- URLs -----------------------------------------------------------------------------------

    def url(self, url: str) -> str:
        if not url:
            return url
        if url.startswith(("data:", "blob:", "javascript:", "about:")) or "://" not in url:
            if url.startswith("/") and not url.startswith("//"):
                path, mark, query = url.partition("?")
                path, hash_mark, fragment = path.partition("#")
                return (
                    self.path(path)
                    + (mark + self.query(query) if mark else "")
                    + (hash_mark + self.fragment(fragment) if hash_mark else "")
                )
            if url.startswith("about:") and self.safe_token(url[6:] or "blank"):
                return url
            scheme, colon, _ = url.partition(":")
            return (scheme + colon if colon and _KEY.fullmatch(scheme) else "") + self.redact(
                "url", url
            )
        try:
            parts = urlsplit(url)
        except ValueError:
            return self.redact("url", url)
        netloc = parts.netloc
        if "@" in netloc:
            userinfo, _, host = netloc.rpartition("@")
            netloc = self.redact("password", userinfo) + "@" + self.keep(host)
        else:
            netloc = self.keep(netloc)
        return urlunsplit(
            (
                parts.scheme,
                netloc,
                self.path(parts.path),
                self.query(parts.query),
                self.fragment(parts.fragment),
            )
        )

    def path(self, path: str) -> str:
        # A value that spans segments first (a date typed as 04/17/1951 lands in three).
        hits = find_all(path) if _MAYBE_ATOM.search(path) else []
        if hits:
            at, parts = 0, []
            for hit in hits:
                parts += [
                    path[at : hit.start],
                    quote(self._atom(hit.kind, path[hit.start : hit.end]), safe="[]:"),
                ]
                at = hit.end
            path = "".join([*parts, path[at:]])
        return "/".join(self._segment(segment) for segment in path.split("/"))

    def _segment(self, segment: str) -> str:
        if not segment or PLACEHOLDER_RE.fullmatch(unquote(segment)):
            return segment
        decoded = unquote(segment)
        tokenish = _TOKENISH.fullmatch(decoded) and (
            len(decoded) >= 24 or (re.search(r"\d", decoded) and re.search(r"[A-Za-z]", decoded))
        )
        if _SEGMENT.fullmatch(segment) and not tokenish:
            kept = self.keep(decoded)
            return segment if kept == decoded else quote(kept, safe="[]:")
        return quote(self.redact(kind_for_key("") if tokenish else "path", decoded), safe="[]:")

    def query(self, query: str) -> str:
        if not query:
            return query
        pieces = []
        for piece in query.split("&"):
            raw_key, equals, raw_value = piece.partition("=")
            name, value = unquote_plus(raw_key), unquote_plus(raw_value)
            new_name = self.key(name)
            new_value = self.param(name, value)
            pieces.append(
                (raw_key if new_name == name else quote(new_name, safe="[]:"))
                + equals
                + (raw_value if new_value == value else quote(new_value, safe="[]:/"))
            )
        return "&".join(pieces)

    def fragment(self, fragment: str) -> str:
        if "=" in fragment:
            return self.query(fragment)  # the implicit flow's #id_token=...&state=...
        return self._segment(fragment) if fragment else fragment

    # -- bodies -----------------------------------------------------------------------------------

    def json(self, node: Any, key: str = "") -> Any:
        if isinstance(node, dict):
            return {self.key(str(k)): self.json(v, str(k)) for k, v in node.items()}
        if isinstance(node, list):
            return [self.json(item, key) for item in node]
        if isinstance(node, str):
            return self.param(key, node)
        if node is None or isinstance(node, bool):
            return node
        if isinstance(node, int | float):
            kept = KEPT.get(_fold(key), ("", ""))[0] in ("time", "enum", "ident")
            plain = kind_for_key(key) == "value" and abs(node) <= 99_999
            return node if kept or plain else self.redact(kind_for_key(key), str(node))
        return node

    def form(self, text: str) -> str:
        return self.query(text)

    def multipart(self, text: str, mime_type: str) -> str:
        match = re.search(r'boundary="?([^";]+)', mime_type)
        boundary = match.group(1) if match else ""
        if not boundary or f"--{boundary}" not in text:
            return self.redact("body", text)
        out: list[str] = []
        for index, part in enumerate(text.split(f"--{boundary}")):
            if index == 0 or part.strip() in ("", "--"):
                out.append(
                    part if not part.strip() or part.strip() == "--" else self.redact("body", part)
                )
                continue
            head, sep, body = part.partition("\r\n\r\n")
            if not sep:
                head, sep, body = part.partition("\n\n")
            name_match = re.search(r'\bname="([^"]*)"', head)
            name = name_match.group(1) if name_match else ""
            is_file = re.search(r'\bfilename="', head) is not None
            new_head = re.sub(
                r'\b(filename)="([^"]*)"',
                lambda m: f'{m.group(1)}="{self.redact("filename", m.group(2))}"',
                head,
            )
            new_head = re.sub(
                r'\bname="([^"]*)"', lambda m: f'name="{self.key(m.group(1))}"', new_head
            )
            trail = body[len(body.rstrip("\r\n")) :]
            value = body[: len(body) - len(trail)]
            new_value = self.redact("file", value) if is_file and value else self.param(name, value)
            out.append(new_head + sep + new_value + trail)
        return f"--{boundary}".join(out)

    def body(self, text: str, mime_type: str) -> str:
        """A request's or response's body, walked by its type."""
        if not text:
            return text
        mime = mime_type.lower()
        if any(t in mime for t in _HTML_TYPES):
            from mock_portal.captures.html import sanitize_html  # a cycle at import time

            return sanitize_html(self, text)
        if any(t in mime for t in _JSON_TYPES) or (not mime and text.lstrip()[:1] in "{["):
            try:
                parsed = json.loads(text)
            except ValueError:
                return self.redact("body", text)
            return json.dumps(self.json(parsed), ensure_ascii=False, separators=(",", ":"))
        if _FORM_TYPE in mime:
            return self.form(text)
        if "multipart/" in mime:
            return self.multipart(text, mime_type)
        if any(t in mime for t in _TEXT_TYPES):
            return self.prose(text)
        return self.redact("body", text)

    # -- HAR ------------------------------------------------------------------------------------

    def header(self, name: str, value: str) -> str:
        how = _HEADERS.get(name.lower())
        if how == "keep":
            return self.keep(value)
        if how == "url":
            return self.url(value) if value != "null" else value
        if how == "cookie":
            return "; ".join(self._cookie_pair(pair) for pair in value.split("; "))
        if how == "set-cookie":
            return "\n".join(self._set_cookie(line) for line in value.split("\n"))
        if how == "authorization":
            scheme, space, credentials = value.partition(" ")
            if space and _IDENT.fullmatch(scheme):
                token = credentials.strip()
                return f"{scheme} " + (
                    self.jwt(token)
                    if JWT_RE.fullmatch(token)
                    else self.redact("authorization", credentials)
                )
            return self.redact("authorization", value)
        if how == "www-authenticate":
            return re.sub(r'(\w+)="([^"]*)"', self._challenge_parameter, value)
        if how == "etag":
            return self.redact("etag", value)
        kind = kind_for_key(name)
        return self.value("header" if kind == "value" else kind, value)

    def _challenge_parameter(self, match: re.Match[str]) -> str:
        """``WWW-Authenticate: Bearer error="invalid_token", error_description="..."`` (RFC 6750
        section 3): the error and its description stay, any other parameter is redacted."""
        name, value = match.group(1), match.group(2)
        if name in ("error", "error_description", "realm", "scope"):
            return f'{name}="{self.param(name, value)}"'
        return f'{name}="{self.redact("header", value)}"'

    def _cookie_pair(self, pair: str) -> str:
        name, equals, value = pair.partition("=")
        if not equals:
            return self.redact("cookie", pair)
        return f"{self.key(name.strip())}={self.redact('cookie', value) if value else ''}"

    def _set_cookie(self, line: str) -> str:
        first, *attributes = line.split(";")
        out = [self._cookie_pair(first.strip())]
        for attribute in attributes:
            name, equals, value = attribute.strip().partition("=")
            if name.lower() not in _COOKIE_ATTRIBUTES:
                out.append(
                    self.key(name) + (equals + self.redact("cookie", value) if equals else "")
                )
            elif name.lower() == "path":
                out.append(f"{name}={self.path(value)}")
            else:
                out.append(name + equals + self.keep(value))
        return "; ".join(out)

    def _records(self, items: Any, where: str, field: Callable[[str, Any, Any], Any]) -> Any:
        """A HAR list of records ([{name, value, ...}]): ``field(key, value, record)`` for each
        field of each record; anything not shaped so is walked as an unknown field."""
        if not isinstance(items, list):
            return self.generic(items, where)
        return [
            {key: field(key, value, item) for key, value in item.items()}
            if isinstance(item, dict)
            else self.generic(item, where)
            for item in items
        ]

    def _name(self, value: str) -> str:
        return self.key(value) if value else value

    def headers(self, headers: Any) -> Any:
        def field(key: str, value: Any, header: Any) -> Any:
            name = header.get("name")
            if key == "value" and isinstance(value, str):
                return self.header(name if isinstance(name, str) else "", value)
            if key == "name" and isinstance(value, str):
                return self._name(value)
            return self.generic(value, key)

        return self._records(headers, "headers", field)

    def cookies(self, cookies: Any) -> Any:
        def field(key: str, value: Any, cookie: Any) -> Any:
            if isinstance(value, str):
                if key == "value":
                    return self.redact("cookie", value) if value else value
                if key == "name":
                    return self._name(value)
                if key == "path":
                    return self.path(value)
                if key == "domain":
                    return self.keep(value)
                if key in ("expires", "sameSite"):
                    return self.param("expires" if key == "expires" else "type", value)
            if key in ("httpOnly", "secure", "expires") and not isinstance(value, dict | list):
                return value
            return self.generic(value, key)

        return self._records(cookies, "cookies", field)

    def params(self, params: Any) -> Any:
        """HAR ``queryString`` and ``postData.params``: [{name, value, fileName, contentType}]."""

        def field(key: str, value: Any, param: Any) -> Any:
            if not isinstance(value, str):
                return self.generic(value, key)
            if key == "name":
                return self._name(value)
            if key == "value":
                name = param.get("name")
                return self.param(name if isinstance(name, str) else "", value)
            if key == "fileName":
                return self.redact("filename", value) if value else value
            if key == "contentType":
                return self.keep(value)
            return self.generic(value, key)

        return self._records(params, "params", field)

    def post_data(self, post: Any) -> Any:
        if not isinstance(post, dict):
            return self.generic(post, "postData")
        mime = post.get("mimeType") if isinstance(post.get("mimeType"), str) else ""
        out: dict[str, Any] = {}
        for key, value in post.items():
            if key == "mimeType" and isinstance(value, str):
                out[key] = self.keep(value)
            elif key == "text" and isinstance(value, str):
                out[key] = self.body(value, str(mime)) if value else value
            elif key == "params":
                out[key] = self.params(value)
            else:
                out[key] = self.generic(value, key)
        return out

    def content(self, content: Any) -> Any:
        if not isinstance(content, dict):
            return self.generic(content, "content")
        mime = content.get("mimeType") if isinstance(content.get("mimeType"), str) else ""
        text = content.get("text")
        out: dict[str, Any] = {}
        for key, value in content.items():
            if key == "text" and isinstance(value, str):
                if content.get("encoding") == "base64" and value:
                    out[key] = self._base64_body(value, str(mime))
                else:
                    out[key] = self.body(value, str(mime))
            elif key == "encoding" and isinstance(text, str) and text:
                continue  # the text is no longer base64: a placeholder, or the decoded text walked
            elif key in ("size", "compression") and isinstance(value, int | float):
                out[key] = value
            elif key == "mimeType" and isinstance(value, str):
                out[key] = self.keep(value)
            else:
                out[key] = self.generic(value, key)
        return out

    def _base64_body(self, value: str, mime: str) -> str:
        lower = mime.lower()
        if not any(t in lower for t in (*_HTML_TYPES, *_JSON_TYPES, _FORM_TYPE, *_TEXT_TYPES)):
            return self.redact("body", value)
        try:
            decoded = base64.b64decode(value, validate=True).decode("utf-8")
        except (binascii.Error, ValueError):
            return self.redact("body", value)
        return self.body(decoded, mime)

    def request(self, request: Any) -> Any:
        return self._message(
            request,
            {
                "method": lambda v: (
                    v if isinstance(v, str) and _KEY.fullmatch(v) else self.generic(v, "method")
                ),
                "url": lambda v: self.url(v) if isinstance(v, str) else self.generic(v, "url"),
                "queryString": self.params,
                "postData": self.post_data,
            },
        )

    def response(self, response: Any) -> Any:
        return self._message(
            response,
            {
                "status": lambda v: v if isinstance(v, int) else self.generic(v, "status"),
                "statusText": lambda v: (
                    v
                    if isinstance(v, str) and _REASON.fullmatch(v) and self.safe_token(v)
                    else self.generic(v, "statusText")
                    if not isinstance(v, str)
                    else self.prose(v)
                ),
                "content": self.content,
                "redirectURL": lambda v: (
                    self.url(v) if isinstance(v, str) else self.generic(v, "redirectURL")
                ),
                "_error": lambda v: (
                    v
                    if isinstance(v, str) and _NET_ERROR.fullmatch(v)
                    else self.prose(v)
                    if isinstance(v, str)
                    else self.generic(v, "_error")
                ),
            },
        )

    def _message(self, message: Any, fields: Mapping[str, Callable[[Any], Any]]) -> Any:
        if not isinstance(message, dict):
            return self.generic(message, "")
        common: dict[str, Callable[[Any], Any]] = {
            "headers": self.headers,
            "cookies": self.cookies,
            "httpVersion": lambda v: self.keep(v) if isinstance(v, str) else v,
        }
        return {
            key: {**common, **fields}.get(key, lambda v, k=key: self.generic(v, k))(value)
            for key, value in message.items()
        }

    def entry(self, entry: Any) -> Any:
        if not isinstance(entry, dict):
            return self.generic(entry, "")
        out: dict[str, Any] = {}
        for key, value in entry.items():
            if key == "request":
                out[key] = self.request(value)
            elif key == "response":
                out[key] = self.response(value)
            elif key in (
                "startedDateTime",
                "_fromCache",
                "_resourceType",
                "_priority",
                "_fetchType",
                "_securityState",
                "serverIPAddress",
                "connection",
                "pageref",
                "_frameref",
                "_monotonicTime",
            ) and isinstance(value, str):
                out[key] = (
                    self.keep(value)
                    if _IDENT.fullmatch(value) or _TIME_VALUE.fullmatch(value)
                    else self.generic(value, key)
                )
            elif key == "_webSocketMessages" and isinstance(value, list):
                out[key] = [self._frame(frame) for frame in value]
            else:
                out[key] = self.generic(value, key)
        return out

    def _frame(self, frame: Any) -> Any:
        if not isinstance(frame, dict):
            return self.generic(frame, "_webSocketMessages")
        return {
            key: (
                self.body(value, "") if value.lstrip()[:1] in "{[" else self.redact("body", value)
            )
            if key == "data" and isinstance(value, str) and value
            else self.generic(value, key)
            for key, value in frame.items()
        }

    def page(self, page: Any) -> Any:
        if not isinstance(page, dict):
            return self.generic(page, "pages")
        out: dict[str, Any] = {}
        for key, value in page.items():
            if key == "title" and isinstance(value, str):
                out[key] = self.url(value) if "://" in value else self.prose(value)
            elif key in ("id", "startedDateTime") and isinstance(value, str):
                out[key] = (
                    self.keep(value)
                    if _IDENT.fullmatch(value) or _TIME_VALUE.fullmatch(value)
                    else self.redact("value", value)
                )
            else:
                out[key] = self.generic(value, key)
        return out

    def generic(self, node: Any, key: str) -> Any:
        """A field the walk has no rule for: numbers and booleans stay (timings, sizes, flags),
        every string is a value of a field called ``key``."""
        if isinstance(node, dict):
            return {self.key(str(k)): self.generic(v, str(k)) for k, v in node.items()}
        if isinstance(node, list):
            return [self.generic(item, key) for item in node]
        if isinstance(node, str):
            if key in ("comment", "statusText", "title", "_error"):
                return self.prose(node)
            if (
                key
                in (
                    "mimeType",
                    "httpVersion",
                    "_resourceType",
                    "_priority",
                    "_fetchType",
                    "type",
                    "name",
                )
                and _IDENT.fullmatch(node)
                and self.safe_token(node)
            ):
                return node
            return self.param(key, node)
        return node

    def log(self, log: Any) -> Any:
        if not isinstance(log, dict):
            return self.generic(log, "log")
        out: dict[str, Any] = {}
        for key, value in log.items():
            if key == "entries" and isinstance(value, list):
                out[key] = [self.entry(entry) for entry in value]
            elif key == "pages" and isinstance(value, list):
                out[key] = [self.page(page) for page in value]
            elif key in ("creator", "browser") and isinstance(value, dict):
                out[key] = {
                    k: v
                    if k in ("name", "version")
                    and isinstance(v, str)
                    and re.fullmatch(r"[\w .()/+-]{0,64}", v)
                    else self.generic(v, k)
                    for k, v in value.items()
                }
            elif key == "version" and isinstance(value, str) and _IDENT.fullmatch(value):
                out[key] = value
            else:
                out[key] = self.generic(value, key)
        return out

    def document(self, har: Mapping[str, Any]) -> dict[str, Any]:
        return {
            self.key(str(k)): self.log(v) if k == "log" else self.generic(v, str(k))
            for k, v in har.items()
        }


def _typed_values(har: Mapping[str, Any], walk: _Walk) -> None:
    """First pass: what the browser sent in forms and query strings, so that a name or a date the
    provider typed is redacted wherever a page repeats it."""
    log = har.get("log")
    entries = log.get("entries") if isinstance(log, dict) else None
    for entry in entries if isinstance(entries, list) else []:
        request = entry.get("request") if isinstance(entry, dict) else None
        if not isinstance(request, dict):
            continue
        pairs: list[tuple[str, str]] = []
        for field in ("queryString",):
            for item in request.get(field) or []:
                if isinstance(item, dict):
                    pairs.append((str(item.get("name", "")), str(item.get("value", ""))))
        post = request.get("postData")
        if isinstance(post, dict):
            for item in post.get("params") or []:
                if isinstance(item, dict):
                    pairs.append((str(item.get("name", "")), str(item.get("value", ""))))
            text, mime = post.get("text"), str(post.get("mimeType", ""))
            if isinstance(text, str) and _FORM_TYPE in mime:
                pairs += [
                    (unquote_plus(k), unquote_plus(v))
                    for k, _, v in (p.partition("=") for p in text.split("&"))
                ]
            elif isinstance(text, str) and "json" in mime:
                with contextlib.suppress(ValueError):
                    _json_pairs(json.loads(text), "", pairs)
        for name, value in pairs:
            kind = kind_for_key(name)
            if not value or _fold(name) in KEPT or (kind == "value" and walk.safe_token(value)):
                continue
            walk.needles.add(value, kind)
            if kind in (
                "name",
                "dob",
                "dos",
                "mbi",
                "user",
                "email",
                "address",
                "phone",
                "identifier",
            ):
                for word in WORD_RE.findall(value):
                    walk.needles.add(word, kind)


def _json_pairs(node: Any, key: str, pairs: list[tuple[str, str]]) -> None:
    if isinstance(node, dict):
        for k, v in node.items():
            _json_pairs(v, str(k), pairs)
    elif isinstance(node, list):
        for item in node:
            _json_pairs(item, key, pairs)
    elif isinstance(node, str):
        pairs.append((key, node))


def check_output(text: str, needles: _Needles | None = None) -> Counter[str]:
    """What must not survive, counted by kind, in a sanitized capture's serialized ``text``:
    JWTs, MBI shapes, and the values the walk redacted."""
    survivors: Counter[str] = Counter()
    bare = PLACEHOLDER_RE.sub(" ", text)
    survivors["jwt"] = sum(1 for m in JWT_RE.finditer(bare) if decode_jwt(m.group()) is not None)
    survivors["mbi"] = sum(1 for _ in _MBI.find(bare))
    if needles is not None:
        for _, _, core in needles.find(bare):
            survivors[needles.kinds[core]] += 1
    return +survivors


def _serialize(har: Mapping[str, Any]) -> str:
    return json.dumps(har, ensure_ascii=False, indent=2) + "\n"


def sanitize(har: Mapping[str, Any], *, key: bytes | None = None) -> SanitizeResult:
    """A sanitized copy of ``har`` (a parsed capture), checked; raises :class:`SanitizeRefused`.

    ``key`` is the HMAC key of the placeholders' tags: random per call unless a test fixes it.
    """
    key = key if key is not None else secrets.token_bytes(32)
    # The walk makes no reference cycles, and a collection over a 100 MB capture's objects every
    # few thousand allocations made it half again as slow: the collector waits until the end.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _sanitize(har, key)
    finally:
        if collecting:
            gc.enable()


def _sanitize(har: Mapping[str, Any], key: bytes) -> SanitizeResult:
    needles = _Needles()
    walk = _Walk(key, needles)
    _typed_values(har, walk)
    survivors: Counter[str] = Counter()
    for _attempt in range(2):
        walk = _Walk(key, needles)
        out = walk.document(har)
        text = _serialize(out)
        survivors = check_output(text, needles)
        if not survivors:
            return SanitizeResult(out, walk.counts, text)
        # A value redacted late (a cookie set in entry 40, sent in a kept field of entry 3): a
        # second walk knows it from the start.
    raise SanitizeRefused(survivors)
