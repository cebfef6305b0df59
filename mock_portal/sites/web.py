"""Rendering and request helpers shared by the IDM and SPOT sites."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, RedirectResponse
from starlette.templating import Jinja2Templates

from mock_portal.world.store import UnknownNamespace

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

    from mock_portal.world.services import Services
    from mock_portal.world.store import World

URLENCODED = "application/x-www-form-urlencoded"
CONTROL_API_PREFIX = "/__admin/"
MAX_FIELDS = 1_000  # Starlette's limit for a form

templates = Jinja2Templates(
    env=Environment(
        loader=PackageLoader("mock_portal", "templates"),
        # Templates ship with the package and never change under a running portal: without
        # this, every render stats each template file it uses.
        auto_reload=False,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
)


def services(request: Request) -> Services:
    context: Services = request.app.state.portal
    return context


def namespace(request: Request) -> str:
    value: str = request.scope["state"]["namespace"]
    return value


def is_control_api(request: Request) -> bool:
    path: str = request.scope["path"]
    return path.startswith(CONTROL_API_PREFIX)


def _world(request: Request) -> World:
    """The request's namespace. Only the control API creates one (its handlers reach here after
    the token check); for any other request a namespace that does not exist raises
    UnknownNamespace (a 400 saying so, mock_portal/sites/http_errors.py), so anonymous requests
    cannot fill the store and push out the namespaces tests made. Private: handlers get a World
    only from :func:`unit_of_work`, so any function taking one runs inside a unit of work."""
    store = services(request).store
    name = namespace(request)
    if is_control_api(request):
        return store.world(name)
    found = store.find(name)
    if found is None:
        raise UnknownNamespace(name)
    return found


@contextmanager
def unit_of_work(request: Request) -> Iterator[World]:
    """The request's namespace, with the store's lock held for the whole block.

    Usage::

        form = await web.read_form(request)  # every await first
        with web.unit_of_work(request) as world:
            user = world.find_user(web.form_text(form, "username"))

    Every handler reaches state this one way, and every helper that takes a ``World`` is called
    from inside such a block: that is what "the lock is held" means here, rather than a comment.

    The lock is re-entrant because the store guards itself with the same lock: ``find``,
    ``world`` and ``reset`` take it too, and are called while a unit of work holds it.

    It is never held across an ``await``: it is a ``threading.RLock``, owned by the event loop's
    thread, so another request's coroutine on that thread would re-enter it while this one
    waits (it would exclude nothing), and a thread that needs it (the in-process harness, a
    test setting up state) would stall for as long as the await lasts. So a block must not
    await: read the form first, then enter; a handler that waits on a back end (the gateway to
    HETS and FISS, IDM's token endpoint) opens one unit before the await and another after.
    """
    store = services(request).store
    with store.lock:
        yield _world(request)


def render(
    request: Request,
    name: str,
    context: dict[str, Any] | None = None,
    *,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    ctx = services(request)
    base: dict[str, Any] = {
        "errors": [],
        "notice": None,
        "spot_url": ctx.urls.spot,
        "idm_url": ctx.urls.idm,
    }
    return templates.TemplateResponse(
        request, name, {**base, **(context or {})}, status_code=status, headers=headers
    )


def with_query(uri: str, params: list[tuple[str, str]]) -> str:
    """``uri`` with ``params`` appended to its query (``?`` or ``&`` as it needs)."""
    return uri + ("&" if "?" in uri else "?") + urlencode(params)


def redirect(url: str, status: int = 303) -> RedirectResponse:
    return RedirectResponse(url, status_code=status)


def json_error(status: int, error: str, reason: str) -> JSONResponse:
    """Every 4xx/5xx the JSON APIs send: a stable ``error`` word and a sentence for people."""
    return JSONResponse({"error": error, "reason": reason}, status_code=status)


def set_cookie(response: Response, name: str, value: str, *, max_age: int | None = None) -> None:
    response.set_cookie(
        name, value, max_age=max_age, path="/", httponly=True, samesite="lax", secure=False
    )


async def read_form(request: Request) -> FormData:
    """The posted form. No form of the portal takes a file, and Starlette leaves closing uploaded
    ones to the handler: they are closed here at once (their fields read as empty, see
    ``form_text``) rather than left open until the garbage collector finds them."""
    media_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media_type == URLENCODED:
        return parse_urlencoded(await request.body())
    form = await request.form()
    for _, value in form.multi_items():
        if isinstance(value, UploadFile):
            await value.close()
    return form


def parse_urlencoded(body: bytes) -> FormData:
    """What Starlette's parser makes of a urlencoded body (bytes as Latin-1, then %-escapes as
    UTF-8 with replacement, ``+`` as a space, at most 1,000 fields, else 400), by urllib's
    parser: Starlette's feeds python-multipart's byte-by-byte one, 7 % of an eligibility
    lookup's time in the benchmark's profile."""
    try:
        pairs = parse_qsl(body.decode("latin-1"), keep_blank_values=True, max_num_fields=MAX_FIELDS)
    except ValueError as exc:
        too_many = f"Too many fields. Maximum number of fields is {MAX_FIELDS}."
        raise HTTPException(400, too_many) from exc
    fields: list[tuple[str, str | UploadFile]] = list(pairs)
    return FormData(fields)


def form_text(form: Any, name: str) -> str:
    """A form field as text: missing fields and uploaded files count as empty."""
    value = form.get(name)
    return value if isinstance(value, str) else ""
