"""Reading a HAR capture: parse, check, and a small typed view of its entries.

The format is HAR 1.2 (Jan Odvarko's spec, softwareishard.com/blog/har-12-spec/, and the W3C Web
Performance WG's draft of it, w3c.github.io/web-performance/specs/HAR/Overview.html). Browsers
write dialects of it, and the reader takes them all: Chrome and Edge (``_fromCache``,
``_initiator``, ``_resourceType``, ``_transferSize``, ``_error``, ``_webSocketMessages``, HTTP/2
pseudo-headers, ``"pages"`` entries titled by URL), Firefox (HAR ``"version": "1.1"``, ``cache``
objects, ``_securityState``), Safari (``_fetchType`` "Memory Cache" / "Disk Cache", entries with
no page), Playwright's ``record_har_path`` (``_frameref``, ``_monotonicTime``). Unknown ``_``
fields are carried through untouched. It is strict only about what the tools need: a top-level
object with ``log.entries``, each entry an object with a ``request`` (``method`` and ``url``
strings) and a ``response`` (an integer ``status``; status 0 is a request that never got an
answer, as browsers record it). Anything else raises :class:`NotAHar`, whose message is one line
saying why; the command line prints it and exits 2, never a traceback.

Why the standard library's ``json`` and not a streaming parser such as ijson: ``har sanitize``
must have seen the whole capture before it writes a byte (a value typed in a form late in the
file is redacted wherever it recurs earlier, and the output is checked as a whole before it is
written), and ``har diagnose`` reasons across entries, so both need every entry at once; an
event stream would only be turned back into the same dicts, at several times the cost (ijson's
C backend builds Python objects per event; ``json``'s C scanner builds them in one pass). The
memory target (peak at most 3x the file) is met by holding one text copy only while it parses,
and by the sanitizer sharing every string it keeps instead of copying it; ``python -m
benchmarks --only captures`` measures both.

Usage::

    har = read_har(Path("failing-login.har"))
    for entry in iter_entries(har):
        print(entry.index, entry.method, entry.status, entry.url)
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

__all__ = ["Entry", "NotAHar", "iter_entries", "page_titles", "parse_har", "read_har"]


class NotAHar(ValueError):
    """The input is not a HAR capture the tools can read; ``str()`` is one line saying why."""


def read_har(path: Path) -> dict[str, Any]:
    """The whole parsed document (``{"log": {...}}``) of the HAR file at ``path``, checked.

    Raises :class:`NotAHar` (one line) when the file cannot be read, is not JSON, or is not HAR.
    """
    try:
        # Text, not bytes: json.loads(bytes) decodes into a second copy before parsing.
        with path.open(encoding="utf-8-sig", errors="strict") as file:
            text = file.read()
    except FileNotFoundError:
        raise NotAHar(f"{path}: no such file") from None
    except IsADirectoryError:
        raise NotAHar(f"{path}: is a directory, not a HAR file") from None
    except UnicodeDecodeError as exc:
        raise NotAHar(f"{path}: not UTF-8 text (byte {exc.start}), so not a HAR file") from None
    except OSError as exc:
        raise NotAHar(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return parse_har(text, name=str(path))


def parse_har(text: str | bytes, name: str = "input") -> dict[str, Any]:
    """The parsed and checked document from HAR text (a file's contents, or stdin's)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotAHar(
            f"{name}: not JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from None
    except (UnicodeDecodeError, RecursionError, ValueError) as exc:
        raise NotAHar(f"{name}: not JSON ({type(exc).__name__})") from None
    _check(document, name)
    return document  # type: ignore[no-any-return]


def _check(document: object, name: str) -> None:
    if not isinstance(document, dict):
        raise NotAHar(f"{name}: JSON but not a HAR file (the top level is not an object)")
    log = document.get("log")
    if not isinstance(log, dict):
        raise NotAHar(f'{name}: JSON but not a HAR file (no "log" object)')
    entries = log.get("entries")
    if not isinstance(entries, list):
        raise NotAHar(f'{name}: not a HAR file ("log" has no "entries" list)')
    pages = log.get("pages", [])
    if not isinstance(pages, list) or not all(isinstance(p, dict) for p in pages):
        raise NotAHar(f'{name}: not a HAR file ("log.pages" is not a list of objects)')
    for index, entry in enumerate(entries):
        where = f"{name}: entry {index}"
        if not isinstance(entry, dict):
            raise NotAHar(f"{where} is not an object")
        request, response = entry.get("request"), entry.get("response")
        if not isinstance(request, dict):
            raise NotAHar(f'{where} has no "request" object')
        if not isinstance(response, dict):
            raise NotAHar(f'{where} has no "response" object')
        for field in ("method", "url"):
            if not isinstance(request.get(field), str):
                raise NotAHar(f'{where}: "request.{field}" is not a string')
        status = response.get("status")
        if not isinstance(status, int) or isinstance(status, bool):
            raise NotAHar(f'{where}: "response.status" is not a number')
        for part, obj in (("request", request), ("response", response)):
            for field in ("headers", "cookies"):
                values = obj.get(field, [])
                if not isinstance(values, list) or not all(isinstance(v, dict) for v in values):
                    raise NotAHar(f'{where}: "{part}.{field}" is not a list of objects')


def _pairs(items: object) -> tuple[tuple[str, str], ...]:
    if not isinstance(items, list):
        return ()
    return tuple(
        (str(item.get("name", "")), str(item.get("value", "")))
        for item in items
        if isinstance(item, dict)
    )


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _dict(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


@dataclass(frozen=True)
class Entry:
    """A read-only view of ``log.entries[index]``: the fields a diagnosis reads, typed.

    Nothing is copied but what a property returns; ``raw`` is the entry itself, for fields the
    view does not name (treat it as read-only).
    """

    index: int
    raw: Mapping[str, Any]

    @property
    def request(self) -> Mapping[str, Any]:
        return _dict(self.raw.get("request"))

    @property
    def response(self) -> Mapping[str, Any]:
        return _dict(self.raw.get("response"))

    @property
    def method(self) -> str:
        return _text(self.request.get("method"))

    @property
    def url(self) -> str:
        return _text(self.request.get("url"))

    @property
    def status(self) -> int:
        status = self.response.get("status")
        return status if isinstance(status, int) else 0

    @property
    def status_text(self) -> str:
        return _text(self.response.get("statusText"))

    @property
    def request_headers(self) -> tuple[tuple[str, str], ...]:
        return _pairs(self.request.get("headers"))

    @property
    def response_headers(self) -> tuple[tuple[str, str], ...]:
        return _pairs(self.response.get("headers"))

    def request_header(self, name: str) -> str | None:
        """The first request header called ``name`` (any case: HTTP/2 sends lower case)."""
        return _header(self.request_headers, name)

    def response_header(self, name: str) -> str | None:
        return _header(self.response_headers, name)

    @property
    def request_cookies(self) -> tuple[tuple[str, str], ...]:
        return _pairs(self.request.get("cookies"))

    @property
    def response_cookies(self) -> tuple[tuple[str, str], ...]:
        return _pairs(self.response.get("cookies"))

    @property
    def query(self) -> tuple[tuple[str, str], ...]:
        return _pairs(self.request.get("queryString"))

    @property
    def post_mime_type(self) -> str:
        return _text(_dict(self.request.get("postData")).get("mimeType"))

    @property
    def post_text(self) -> str:
        return _text(_dict(self.request.get("postData")).get("text"))

    @property
    def post_params(self) -> tuple[tuple[str, str], ...]:
        return _pairs(_dict(self.request.get("postData")).get("params"))

    @property
    def response_mime_type(self) -> str:
        return _text(_dict(self.response.get("content")).get("mimeType"))

    @property
    def response_text(self) -> str:
        """The body as text, decoded from base64 when ``content.encoding`` says so."""
        content = _dict(self.response.get("content"))
        text = _text(content.get("text"))
        if content.get("encoding") == "base64" and text:
            try:
                return base64.b64decode(text).decode("utf-8", errors="replace")
            except (binascii.Error, ValueError):
                return ""
        return text

    @property
    def redirect_url(self) -> str:
        return _text(self.response.get("redirectURL"))

    @property
    def from_cache(self) -> str | None:
        """``"memory"`` or ``"disk"`` when the browser answered from its cache, else None.

        Chrome and Edge write ``_fromCache``; Safari writes ``_fetchType`` ("Memory Cache",
        "Disk Cache", "Network Load"). Firefox writes neither: read ``cache`` and the
        transferred size (``transfer_size`` 0 with a body) instead.
        """
        chrome = self.raw.get("_fromCache")
        if chrome in ("memory", "disk"):
            return str(chrome)
        safari = _text(self.raw.get("_fetchType")).lower()
        if safari.startswith(("memory", "disk")):
            return safari.split()[0]
        return None

    @property
    def cache(self) -> Mapping[str, Any]:
        return _dict(self.raw.get("cache"))

    @property
    def transfer_size(self) -> int | None:
        """Bytes on the wire (Chrome's ``response._transferSize``), None when not recorded."""
        for holder in (self.response, self.raw):
            size = holder.get("_transferSize")
            if isinstance(size, int) and not isinstance(size, bool):
                return size
        return None

    @property
    def started(self) -> datetime | None:
        """``startedDateTime`` (ISO 8601 with its offset), None when absent or unreadable."""
        text = _text(self.raw.get("startedDateTime"))
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None
        except ValueError:
            return None

    @property
    def time_ms(self) -> float:
        time = self.raw.get("time")
        return float(time) if isinstance(time, int | float) and time >= 0 else 0.0

    @property
    def error(self) -> str:
        """Why no answer came: Chrome's ``_error`` (``net::ERR_...``), or "" when none."""
        return _text(self.response.get("_error")) or _text(self.raw.get("_error"))

    @property
    def failed(self) -> bool:
        """No HTTP answer at all: status 0 (blocked, aborted, connection closed) or ``_error``."""
        return self.status == 0 or bool(self.error)

    @property
    def pageref(self) -> str:
        return _text(self.raw.get("pageref"))

    @property
    def resource_type(self) -> str:
        """Chrome's ``_resourceType`` ("document", "xhr", "fetch", ...), "" when absent."""
        return _text(self.raw.get("_resourceType"))


def _header(headers: tuple[tuple[str, str], ...], name: str) -> str | None:
    wanted = name.lower()
    return next((value for key, value in headers if key.lower() == wanted), None)


def _log(har: Mapping[str, Any]) -> Mapping[str, Any]:
    """``har["log"]``; a bare log object is taken as it is."""
    log = har.get("log")
    return log if isinstance(log, dict) else har


def iter_entries(har: Mapping[str, Any]) -> Iterator[Entry]:
    """A read-only :class:`Entry` for each of ``log.entries``, in the file's order."""
    entries = _log(har).get("entries", [])
    for index, raw in enumerate(entries if isinstance(entries, list) else []):
        if isinstance(raw, dict):
            yield Entry(index, raw)


def page_titles(har: Mapping[str, Any]) -> dict[str, str]:
    """Each page's ``id`` to its ``title`` (Chrome titles a page by its URL)."""
    pages = _log(har).get("pages", [])
    return {
        _text(page.get("id")): _text(page.get("title"))
        for page in (pages if isinstance(pages, list) else [])
        if isinstance(page, dict)
    }
