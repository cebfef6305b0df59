"""Rendering and request helpers shared by the IDM and SPOT sites."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.datastructures import UploadFile
from starlette.responses import JSONResponse, RedirectResponse
from starlette.templating import Jinja2Templates

if TYPE_CHECKING:
    from starlette.datastructures import FormData
    from starlette.requests import Request
    from starlette.responses import Response

    from mock_portal.context import PortalContext
    from mock_portal.state import World

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


def portal(request: Request) -> PortalContext:
    context: PortalContext = request.app.state.portal
    return context


def namespace(request: Request) -> str:
    value: str = request.scope["state"]["namespace"]
    return value


def world(request: Request) -> World:
    return portal(request).store.world(namespace(request))


def render(
    request: Request,
    name: str,
    context: dict[str, Any] | None = None,
    *,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    ctx = portal(request)
    base: dict[str, Any] = {
        "errors": [],
        "notice": None,
        "spot_url": ctx.urls.spot,
        "idm_url": ctx.urls.idm,
    }
    return templates.TemplateResponse(
        request, name, {**base, **(context or {})}, status_code=status, headers=headers
    )


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
    form = await request.form()
    for _, value in form.multi_items():
        if isinstance(value, UploadFile):
            await value.close()
    return form


def form_text(form: Any, name: str) -> str:
    """A form field as text: missing fields and uploaded files count as empty."""
    value = form.get(name)
    return value if isinstance(value, str) else ""
