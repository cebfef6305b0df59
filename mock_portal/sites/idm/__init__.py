"""IDM, CMS's Okta-based identity service: an OIDC authorization server (``authorize.py``,
``oauth.py``, ``keys.py``, ``clients.py``), its sign-in and MFA pages (``signin.py``), its
self-service pages (``selfservice.py``) and what it keeps between requests (``state.py``).

Where the mock and recorded Okta behaviour differ, Okta's wins; each behaviour names its source
beside the code. Account rules (lockout and the lifecycle) live in :mod:`mock_portal.accounts`.
"""
