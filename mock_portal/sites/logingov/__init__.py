"""Login.gov, the credential service provider IDM accepts: a mock of its OpenID Connect provider
as developers.login.gov documents it, served as a third origin of the same process.

``oidc.py`` holds the protocol (authorize, token, certificates, logout), ``pages.py`` the pages
a person sees (e-mail and password, the one-time code, Cancel), ``state.py`` what it keeps per
namespace and ``provider.py`` its signing key and the one client registered with it: IDM. IDM's
side of the federation is :mod:`mock_portal.sites.idm.federation`.

Sources: https://developers.login.gov/oidc/authorization/, https://developers.login.gov/oidc/token/,
https://developers.login.gov/oidc/logout/. docs/logingov.md holds the table, row by row, with the
test that pins each row.
"""
