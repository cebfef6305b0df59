"""The test harness any project gets by installing this distribution with its ``test`` extra.

``plugin`` is a pytest plugin, registered through the ``pytest11`` entry point ``mock_portal``
(``pyproject.toml``): with no conftest of its own, a project's tests get ``portal``, ``admin``,
``make_user``, ``namespace``/``portal_namespace``, ``sign_in_over_http``, ``fake`` and
``beneficiaries``, and pytest-playwright's ``page`` and ``context`` pointed at SPOT inside the
test's own namespace (docs/harness.md, "Use it from your own tests"). ``-p no:mock_portal``
turns it off.

Why here and not in the repository's top-level ``fixtures/`` folder, where it was: an installed
distribution owns the top-level import names it ships, and ``fixtures`` is already the name of a
well-known PyPI package (testing-cabal's ``fixtures``, used throughout OpenStack's test
suites). Shipping a ``fixtures`` package would shadow it, or be shadowed by it, in any
environment holding both. So the reusable harness lives in our own namespace, and the wheel ships
no ``fixtures`` package; ``fixtures/`` in the checkout keeps only what this repository's own
suite uses (fuzz targets, load and login churn, CI reports, the flake runner, the error-coverage
gate, retry artifacts, the in-process server), found there because pytest puts the checkout's
root on ``sys.path`` for its root ``conftest.py``.

Modules:

- ``plugin``: the entry point: options and the fixtures that need no browser; it imports only
  pytest and the standard library, so a plain ``pytest`` works where the ``test`` extra (and so
  Playwright) is missing;
- ``playwright_fixtures``: ``base_url`` and the browser set-up, registered by ``plugin`` only
  when pytest-playwright is active (``no_playwright`` stands in otherwise, with one message);
- ``admin_client``: ``AdminClient``, the typed control-API client (``mock_portal.control``);
- ``personas``: ``Persona``, what ``make_user`` returns;
- ``browser``: finding (or installing: ``python -m mock_portal.testing.browser ensure``) a
  Chromium;
- ``remote_browser``: ``--browser-ws`` servers;
- ``http_flow``: the sign-in journey over plain HTTP; ``beneficiaries``: people drawn from the
  portal's population; ``event_loops``, ``shared_tls``: helpers the others use.
"""
