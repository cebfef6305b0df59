"""SPOT, First Coast's provider portal: an OIDC relying party of IDM (``auth.py``,
``oidc_client.py``), its pages (home, Eligibility, Claim Status, Access Requests, System Status)
and what it keeps between requests (``state.py``, ``session.py``).

It knows IDM only by its URLs and published documents (discovery, keys, token endpoint), never
by IDM's modules. A new inquiry page: its form and checks (``*_form.py``), its page around
:mod:`.inquiry`, a route in ``app.py``, and the back end it asks in :mod:`mock_portal.backends`.
"""
