"""The control API: JSON under ``/__admin/`` on the SPOT port, declared once per call.

- :mod:`.table`: the calls, one row each (method, path, models, errors, handler, client
  method); ``routes()`` for the ``/__admin`` mount;
- :mod:`.models`: request and response models, the one place limits, patterns and enums are
  written; :mod:`.validation`: reading a request with them (4xx reasons, never a 500);
- handlers by resource: :mod:`.portal`, :mod:`.users`, :mod:`.systems`, :mod:`.clock`,
  :mod:`.records` (mail, journal, catalogue), :mod:`.beneficiaries`, :mod:`.settings`;
- :mod:`.routing`: the token guard and one Starlette route per path;
- :mod:`.openapi`: the OpenAPI 3.1 document; :mod:`.client`: the table-driven Python client.
"""
