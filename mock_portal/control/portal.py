"""The portal as a whole: ``/health``, ``/reset``, ``/namespace``, ``/oidc-client``,
``/openapi.json``."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from starlette.responses import JSONResponse, Response

from mock_portal.sites import web
from mock_portal.world.store import DEFAULT_NAMESPACE

if TYPE_CHECKING:
    from starlette.requests import Request

    from .call import Given


async def health(request: Request, given: Given) -> Response:
    """200 once IDM answers, 503 (same shape, ``starting``) before."""
    ctx = web.services(request)
    idm_up = await ctx.oidc.ping()
    body = {
        "status": "ok" if idm_up else "starting",
        "spot_url": ctx.urls.spot,
        "idm_url": ctx.urls.idm,
        "logingov_url": ctx.urls.logingov,
    }
    return JSONResponse(body, status_code=200 if idm_up else 503)


async def reset(request: Request, given: Given) -> dict[str, Any]:
    namespace = web.namespace(request)
    web.services(request).reset_world(namespace)
    return {"status": "reset", "namespace": namespace}


async def drop_namespace(request: Request, given: Given) -> dict[str, Any]:
    """Forget a namespace entirely (test teardown); ``default`` is reset instead."""
    ctx = web.services(request)
    namespace = web.namespace(request)
    if namespace == DEFAULT_NAMESPACE:
        ctx.reset_world(namespace)
    else:
        ctx.store.drop(namespace)
    return {"status": "dropped", "namespace": namespace}


async def oidc_client(request: Request, given: Given) -> dict[str, Any]:
    """SPOT's registration at IDM, for QA writing their own protocol-level tests."""
    ctx = web.services(request)
    client = ctx.spot_client
    return {
        "issuer": ctx.issuer,
        "client_id": client.client_id,
        "client_secret": client.client_secret,
        "redirect_uris": list(client.redirect_uris),
        "post_logout_redirect_uris": list(client.post_logout_redirect_uris),
    }


async def openapi_document(request: Request, given: Given) -> Response:
    """This API as an OpenAPI 3.1 document, from the table."""
    return Response(_document_body(web.services(request).urls.spot), media_type="application/json")


@functools.cache
def _document_body(server_url: str) -> bytes:
    """The document as JSON, made once per portal URL: it depends on nothing else (the table is
    fixed at import), and making it (pydantic's JSON schemas of every model) took 0.1 s a call."""
    from .openapi import document  # it describes the table, which names this handler

    return bytes(JSONResponse(document(server_url)).body)
