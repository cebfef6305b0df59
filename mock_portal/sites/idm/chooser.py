"""IDM's first page: how to sign in ("EUA/IDM User ID" or "Login.gov"), or the one-step page.

IDM released a new sign-in experience for every application it serves: its first page offers
two sections, "EUA/IDM User ID" and "Login.gov", each with a "Continue" button; the self-help
links ("Forgot IDM User ID", "Forgot IDM password") sit on the next page, below the User ID and
password fields; there is no registration button, since new accounts are made through Login.gov
(First Coast, "New PS&R and MCReF sign-in experience",
https://medicare.fcso.com/cost-reporting-audit/new-psr-and-mcref-sign-experience). First Coast's
SPOT instructions (August 2025) still show the one-step page, so the namespace setting
``idm_sign_in`` chooses: ``"chooser"`` (default) or ``"classic"``.

What skips the chooser, as Okta's routing does: a live IDM session and ``prompt=none`` never
reach a page (authorize.py); ``idp=`` sends the browser straight to that identity provider
(Okta's ``/authorize`` reference: "idp", the identity provider to redirect to). ``idp`` naming
Login.gov's IdP goes to Login.gov; any other value goes to the User ID page (Okta would refuse an
unknown IdP id; what it says is not published: the mock's choice, so a tester's ``idp`` typo
still reaches a sign-in page).

The chooser keeps the transaction's key in its forms (``okta_key``), so it is one more page of the
same sign-in transaction: no cookie, several log ins in one browser, 15 idle minutes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_portal.sites import web
from mock_portal.sites.idm.authorize import SIGN_IN_PATH, TRANSACTION_KEY

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

    from mock_portal.sites.idm.state import LoginTransaction
    from mock_portal.world.store import World

CHOOSER = "chooser"
CLASSIC = "classic"
# The query parameter the chooser's "Continue" under EUA/IDM User ID adds: the User ID page.
METHOD = "method"
IDM_METHOD = "idm"
# Login.gov as Okta names an external identity provider: an id (Okta's are 20 characters
# starting 0oa) and its sign-in URL, /sso/idps/{id} (Okta's "IdP login URL").
LOGINGOV_IDP = "0oalogingov000mock00"
IDP_PATH = "/sso/idps/{idp_id}"
# Where the self-help links of the User ID page point. The pages themselves belong to the
# forgot-password work; the paths are stable so both sides agree.
FORGOT_PASSWORD_PATH = "/signin/forgot-password"  # noqa: S105 (a path, not a password)
FORGOT_USER_ID_PATH = "/signin/forgot-user-id"


def idp_url(idp_id: str, transaction: LoginTransaction) -> str:
    return web.with_query(IDP_PATH.format(idp_id=idp_id), [("stateToken", transaction.token)])


def user_id_page_url(transaction: LoginTransaction) -> str:
    """The User ID / Password page of this transaction, past the chooser."""
    return web.with_query(
        SIGN_IN_PATH, [(TRANSACTION_KEY, transaction.token), (METHOD, IDM_METHOD)]
    )


def skip_to(transaction: LoginTransaction) -> str | None:
    """Where ``idp=`` sends the browser instead of IDM's first page, if it was given."""
    idp = transaction.request.idp if transaction.request is not None else None
    if idp is None:
        return None
    if idp == LOGINGOV_IDP:
        return idp_url(LOGINGOV_IDP, transaction)
    return user_id_page_url(transaction)


def shows_chooser(world: World, request: Request) -> bool:
    """Whether IDM's sign-in page is the chooser: the setting, unless Continue was clicked."""
    return world.idm_sign_in == CHOOSER and request.query_params.get(METHOD) != IDM_METHOD


def self_help_links(world: World) -> list[tuple[str, str]]:
    """The links below the fields: IDM's new wording with the chooser, the older page's without
    (DESIGN.md, "The IDM account lifecycle", labels)."""
    if world.idm_sign_in == CHOOSER:
        return [
            ("Forgot IDM User ID", FORGOT_USER_ID_PATH),
            ("Forgot IDM password", FORGOT_PASSWORD_PATH),
        ]
    return [("Forgot Password", FORGOT_PASSWORD_PATH), ("Forgot User ID", FORGOT_USER_ID_PATH)]


def chooser_page(request: Request, transaction: LoginTransaction) -> Response:
    return web.render(
        request,
        "idm/chooser.html",
        {
            "errors": [],
            "transaction_key": transaction.token,
            "logingov_url": IDP_PATH.format(idp_id=LOGINGOV_IDP),
        },
    )
