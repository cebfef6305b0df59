"""A Python client driven by the table: :meth:`ControlClient.invoke` makes any row's call by its
name, and a subclass must define a method for every row's ``client`` name, or it cannot be
defined (``TypeError`` at import): a call cannot exist in the server and be missing from the
client. ``mock_portal.testing.admin_client.AdminClient`` is the harness's subclass."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from .table import BY_NAME, CALLS

if TYPE_CHECKING:
    from collections.abc import Mapping

    import httpx


class AdminError(RuntimeError):
    """A 4xx/5xx answer: ``status`` and the ``body`` (``{"error", "reason"}`` for the API's
    refusals)."""

    def __init__(self, response: httpx.Response) -> None:
        self.status = response.status_code
        try:
            self.body: Any = response.json()
        except ValueError:
            self.body = response.text
        super().__init__(
            f"{response.request.method} {response.request.url.path} -> {self.status}: {self.body}"
        )


class ControlClient:
    """Calls the control API over ``http`` (an ``httpx.Client`` whose base URL ends in
    ``/__admin``, with the token and namespace headers)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        missing = sorted({c.client for c in CALLS if not callable(getattr(cls, c.client, None))})
        if missing:
            raise TypeError(f"{cls.__name__} lacks a method for control-API call(s): {missing}")

    def __init__(self, http: httpx.Client) -> None:
        self._http = http

    def close(self) -> None:
        self._http.close()

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        """Any request (``path`` below ``/__admin``), even one the table does not declare, for
        tests of refusals; 4xx/5xx raise :class:`AdminError`."""
        response = self._http.request(method, path, **kwargs)
        if response.status_code >= 400:
            raise AdminError(response)
        return response.json()

    def invoke(
        self,
        name: str,
        path: Mapping[str, str] | None = None,
        *,
        query: Mapping[str, Any] | None = None,
        body: Mapping[str, Any] | None = None,
    ) -> Any:
        """The call the table names ``name``, with its path parameters (percent-encoded here),
        query and JSON body (members that are None left out)."""
        declared = BY_NAME[name]
        url = declared.path.format_map({k: quote(v, safe="") for k, v in (path or {}).items()})
        kwargs: dict[str, Any] = {}
        if query:
            kwargs["params"] = {k: v for k, v in query.items() if v is not None}
        if declared.body is not None:
            kwargs["json"] = {k: v for k, v in (body or {}).items() if v is not None}
        elif body:
            raise TypeError(f"{name} takes no body")
        return self.call(declared.method, url, **kwargs)
