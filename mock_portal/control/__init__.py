"""The control API (JSON under ``/__admin/`` on the SPOT port), declared once per call, and the
control panel page (:mod:`.panel`).

- :mod:`.table`: the calls, one row each (method, path, models, errors, handler, client
  method); ``routes()`` for the ``/__admin`` mount;
- :mod:`.models`: request and response models, the one place limits, patterns and enums are
  written; :mod:`.validation`: reading a request with them (4xx reasons, never a 500);
- handlers by resource: :mod:`.portal`, :mod:`.users`, :mod:`.systems`, :mod:`.clock`,
  :mod:`.records` (mail, journal, catalogue), :mod:`.beneficiaries`, :mod:`.settings`;
- :mod:`.routing`: the token guard and one Starlette route per path;
- :mod:`.openapi`: the OpenAPI 3.1 document; :mod:`.client`: the table-driven Python client;
- :mod:`.state`: state files (``serve --config``), each section a list of one call's bodies,
  and ``GET /state``, which writes a namespace as one (docs/state-files.md).

A new call: its models in :mod:`.models`, its handler in the module for its resource, one row in
:mod:`.table`, and a method of the same name on
``mock_portal.testing.admin_client.AdminClient`` (the client refuses to be defined without it).
The OpenAPI document and ``docs/control-api.md``'s reference follow from the table. A call
that sets state up can be a state-file section too: one line in :data:`.state.SECTIONS`.
"""
