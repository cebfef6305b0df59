"""The three things a browser talks to: the SPOT site (``spot/``), the IDM site (``idm/``) and
the front end both sit behind, each on its own port (its own origin) of one process.

- ``build.py`` makes a site from its routes; ``front_end.py`` is the nginx-like middleware (header
  limits, namespaces, origin checks, security headers); ``http_errors.py`` the 4xx/5xx pages;
  ``web.py`` rendering, forms and ``unit_of_work`` (the one way a handler reaches state);
  ``caching.py`` the cache headers; ``security.py`` tokens, hashing, constant-time comparison.
- SPOT and IDM meet only over HTTP, as in production: nothing in ``spot/`` imports ``idm/``.
- A new page: a handler in the site's module for that area, its route in the site's ``app.py``,
  its template under ``mock_portal/templates/<site>/``, errors from :mod:`mock_portal.errors`.
"""
