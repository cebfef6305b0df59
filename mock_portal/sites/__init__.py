"""What a browser talks to: the SPOT site (``spot/``), the IDM site (``idm/``), Login.gov
(``logingov/``) and the front end they sit behind, each site on its own port (its own origin)
of one process.

- ``build.py`` makes a site from its routes; ``front_end.py`` is the nginx-like middleware (header
  limits, namespaces, origin checks, security headers); ``http_errors.py`` the 4xx/5xx pages;
  ``web.py`` rendering, forms and ``unit_of_work`` (the one way a handler reaches state);
  ``caching.py`` the cache headers; ``security.py`` tokens, hashing, constant-time comparison.
- SPOT and IDM meet only over HTTP, as in production: nothing in ``spot/`` imports ``idm/``.
  IDM reaches Login.gov over HTTP too (its token endpoint); it imports Login.gov's paths and,
  to check ID tokens, its key (one process: no certificate fetch).
- A new page: a handler in the site's module for that area, its route in the site's ``app.py``,
  its template under ``mock_portal/templates/<site>/``, errors from :mod:`mock_portal.errors`.
"""
