"""Where each catalogue error can appear, and the field rules: the declarations the coverage
rule (docs/coverage.md) is checked against.

- :data:`SURFACES`: for each code, every page on which the portal can show it, each naming the
  module that renders it there. A page is ``"<site>/<path without its leading slash>"`` of the
  URL the browser is on when the error is shown (sites: ``spot``, ``idm``, ``logingov``), e.g.
  ``"spot/eligibility"`` or ``"idm/login/authn"`` (IDM's sign-in form posts there and answers
  with the page). A path with a parameter keeps its route's name for it
  (``"idm/sso/idps/{idp_id}"``).
- :data:`FIELD_RULES`: every ``(code, page, data-field)`` a form checks, one per field message
  the page can show. The format rules come from the catalogue's ``FORMAT_RULES`` (DESIGN.md,
  "Format rules"), so a new format rule is a new field rule here without another edit; the
  required fields are the forms' own lists, which ``tests/harness/test_error_coverage.py``
  compares with the forms' code (``FIELDS`` of the SPOT forms, IDM's role request).
- :data:`NO_BROWSER_SCENARIO_YET`: the pages and field rules that had no browser scenario when
  the rule was written (issue 20); the gate reports them apart and fails once one gets a
  scenario while still listed, so the list only shrinks.

The rule: every ``(code, page)`` here and every field rule keeps at least one browser scenario
(a test under ``e2e/`` marked ``@pytest.mark.covers(code, page=..., fields=...)``); the
exhaustive tables run over HTTP (``tests/sites/``). The pages are the mock's own routes
(``mock_portal/sites/*/app.py``); which page shows which error is the mock's reading of its
sources, cited next to each constructor in ``catalogue.py`` and in docs/errors.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from mock_portal.errors.catalogue import FORMAT_RULES, ErrorCode

SITES = ("spot", "idm", "logingov")


@dataclass(frozen=True, order=True)
class Surface:
    """One page that can show an error, and the module whose handler renders it there."""

    page: str
    renderer: str


@dataclass(frozen=True, order=True)
class FieldRule:
    """One field message a page can show: the code, the page, the message's ``data-field``."""

    code: str
    page: str
    field: str

    def key(self) -> str:
        return f"{self.code} {self.page} {self.field}"


# Pages (one name each, used below and by the e2e markers).
SPOT_HOME = "spot/"
SPOT_LOG_IN = "spot/login"
SPOT_CALLBACK = "spot/authorization-code/callback"
SPOT_LOG_OFF = "spot/logoff"
SPOT_TIMED_OUT = "spot/timed-out"
SPOT_ELIGIBILITY = "spot/eligibility"
SPOT_CLAIM_STATUS = "spot/claim-status"
SPOT_ACCESS_REQUESTS = "spot/access-requests"
IDM_SIGN_IN = "idm/login/authn"
IDM_VERIFY = "idm/signin/verify"
IDM_VERIFY_RESEND = "idm/signin/verify/resend"
IDM_CHOOSE_FACTOR = "idm/signin/verify/select"
IDM_PASSWORD_EXPIRED = "idm/signin/password/expired"  # noqa: S105 (a page)
IDM_FORGOT_PASSWORD = "idm/signin/forgot-password"  # noqa: S105 (a page)
IDM_FORGOT_USER_ID = "idm/signin/forgot-user-id"
IDM_RESET_PASSWORD = "idm/signin/reset-password"  # noqa: S105 (a page)
IDM_ROLE_REQUEST = "idm/app/roles/request"
IDM_PROFILE_PASSWORD = "idm/app/profile/password"  # noqa: S105 (a page)
IDM_SIGN_OUT = "idm/app/signout"
IDM_TO_LOGIN_GOV = "idm/sso/idps/{idp_id}"
IDM_LOGIN_GOV_CALLBACK = "idm/oauth2/v1/authorize/callback"
LOGINGOV_SIGN_IN = "logingov/"
LOGINGOV_OTP = "logingov/login/two_factor/otp"

_SPOT = "mock_portal.sites.spot."
_IDM = "mock_portal.sites.idm."
_LOGINGOV = "mock_portal.sites.logingov."


def _on(*pairs: tuple[str, str]) -> tuple[Surface, ...]:
    return tuple(Surface(page, renderer) for page, renderer in pairs)


_CODE = ErrorCode
SURFACES: Mapping[str, tuple[Surface, ...]] = MappingProxyType(
    {
        _CODE.ACCESS_NOT_ASSIGNED: _on((SPOT_CALLBACK, _SPOT + "access_guidance")),
        _CODE.STALE_SESSION: _on(
            (SPOT_CALLBACK, _SPOT + "auth"),
            (SPOT_LOG_OFF, _SPOT + "release"),
            (SPOT_ELIGIBILITY, _SPOT + "inquiry"),
            (SPOT_CLAIM_STATUS, _SPOT + "inquiry"),
            (SPOT_ACCESS_REQUESTS, _SPOT + "approvals"),
            (IDM_ROLE_REQUEST, _IDM + "selfservice"),
            (IDM_SIGN_OUT, _IDM + "selfservice"),
            (IDM_PROFILE_PASSWORD, _IDM + "password_change"),
        ),
        _CODE.SYSTEM_UNAVAILABLE: _on(
            (SPOT_HOME, _SPOT + "pages"),
            (SPOT_LOG_IN, _SPOT + "auth"),
            (SPOT_CALLBACK, _SPOT + "auth"),
            (SPOT_ELIGIBILITY, "mock_portal.backends.gateway"),
            (SPOT_CLAIM_STATUS, "mock_portal.backends.gateway"),
            (IDM_SIGN_IN, _IDM + "signin"),
            (IDM_LOGIN_GOV_CALLBACK, _IDM + "federation"),
        ),
        _CODE.DATA_MISMATCH: _on(
            (SPOT_ELIGIBILITY, _SPOT + "eligibility"),
            (SPOT_CLAIM_STATUS, _SPOT + "claim_status"),
        ),
        _CODE.DATA_FORMAT: _on(
            (SPOT_ELIGIBILITY, _SPOT + "eligibility_form"),
            (SPOT_CLAIM_STATUS, _SPOT + "claim_status_form"),
            (IDM_ROLE_REQUEST, _IDM + "selfservice"),
        ),
        _CODE.REQUIRED_FIELD: _on(
            (SPOT_ELIGIBILITY, _SPOT + "eligibility_form"),
            (SPOT_CLAIM_STATUS, _SPOT + "claim_status_form"),
            (IDM_SIGN_IN, _IDM + "signin"),
            (IDM_VERIFY, _IDM + "mfa"),
            (IDM_PASSWORD_EXPIRED, _IDM + "password_change"),
            (IDM_PROFILE_PASSWORD, _IDM + "password_change"),
            (IDM_FORGOT_PASSWORD, _IDM + "recovery"),
            (IDM_FORGOT_USER_ID, _IDM + "recovery"),
            (IDM_RESET_PASSWORD, _IDM + "recovery"),
            (IDM_ROLE_REQUEST, _IDM + "selfservice"),
            (LOGINGOV_SIGN_IN, _LOGINGOV + "pages"),
            (LOGINGOV_OTP, _LOGINGOV + "pages"),
        ),
        _CODE.SIGN_IN_FAILED: _on(
            (IDM_SIGN_IN, _IDM + "signin"),
            (LOGINGOV_SIGN_IN, _LOGINGOV + "pages"),
        ),
        _CODE.MFA_CODE_INVALID: _on(
            (IDM_VERIFY, _IDM + "mfa"),
            (LOGINGOV_OTP, _LOGINGOV + "pages"),
        ),
        _CODE.NOT_AUTHORIZED: _on((SPOT_ACCESS_REQUESTS, _SPOT + "approvals")),
        _CODE.ACCOUNT_LOCKED: _on((IDM_SIGN_IN, _IDM + "signin")),
        # Identity Engine's answer for an ended sign-in transaction (signin._ended), wherever
        # a step of the transaction is asked for after it ended.
        _CODE.SIGN_IN_EXPIRED: _on(
            (IDM_SIGN_IN, _IDM + "signin"),
            (IDM_VERIFY, _IDM + "mfa"),
            (IDM_VERIFY_RESEND, _IDM + "mfa"),
            (IDM_CHOOSE_FACTOR, _IDM + "mfa"),
            (IDM_PASSWORD_EXPIRED, _IDM + "password_change"),
            (IDM_TO_LOGIN_GOV, _IDM + "federation"),
            (IDM_LOGIN_GOV_CALLBACK, _IDM + "federation"),
        ),
        _CODE.SIGN_IN_REQUEST_REFUSED: _on((SPOT_CALLBACK, _SPOT + "auth")),
        _CODE.CLOCK_SKEW: _on((SPOT_CALLBACK, _SPOT + "auth")),
        _CODE.PASSWORD_EXPIRED: _on((IDM_PASSWORD_EXPIRED, _IDM + "password_change")),
        _CODE.PASSWORD_NOT_ACCEPTED: _on(
            (IDM_PASSWORD_EXPIRED, _IDM + "password_change"),
            (IDM_PROFILE_PASSWORD, _IDM + "password_change"),
        ),
        _CODE.ACCOUNT_SUSPENDED: _on((IDM_SIGN_IN, _IDM + "signin")),
        _CODE.MFA_FACTOR_LOCKED: _on((IDM_VERIFY, _IDM + "mfa")),
        _CODE.SPOT_ACCESS_INACTIVE: _on((SPOT_CALLBACK, _SPOT + "auth")),
        _CODE.SPOT_SESSION_TIMED_OUT: _on((SPOT_TIMED_OUT, _SPOT + "inactivity")),
        _CODE.SECURITY_ANSWER_INVALID: _on((IDM_RESET_PASSWORD, _IDM + "recovery")),
        _CODE.RESET_LINK_EXPIRED: _on((IDM_RESET_PASSWORD, _IDM + "recovery")),
        _CODE.LOGINGOV_CANCELLED: _on((IDM_LOGIN_GOV_CALLBACK, _IDM + "federation")),
        _CODE.LOGINGOV_EMAIL_AMBIGUOUS: _on((IDM_LOGIN_GOV_CALLBACK, _IDM + "federation")),
        _CODE.LOGINGOV_NOT_VERIFIED: _on((IDM_LOGIN_GOV_CALLBACK, _IDM + "federation")),
    }
)

# The FORMAT_RULES (catalogue.py) each form applies; a rule's data-field is the rule's field
# (Claim Status's range rule is shown on its Through date).
FORMATS_BY_PAGE: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        SPOT_ELIGIBILITY: ("mbi", "date_of_birth", "date_of_service"),
        SPOT_CLAIM_STATUS: ("mbi", "dos_from", "dos_through", "dos_range"),
        IDM_ROLE_REQUEST: ("npi", "ptan", "tin"),
    }
)

# The fields each form names when they are empty (REQUIRED_FIELD), in page order.
REQUIRED_BY_PAGE: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        SPOT_ELIGIBILITY: ("mbi", "last_name", "first_name", "date_of_birth", "date_of_service"),
        SPOT_CLAIM_STATUS: ("mbi", "dos_from", "dos_through"),
        IDM_SIGN_IN: ("username", "password", "terms"),
        IDM_VERIFY: ("code",),
        IDM_PASSWORD_EXPIRED: ("new_password", "confirm_password"),
        IDM_PROFILE_PASSWORD: ("new_password", "confirm_password"),
        IDM_FORGOT_PASSWORD: ("username",),
        IDM_FORGOT_USER_ID: ("email",),
        IDM_RESET_PASSWORD: ("answer",),
        IDM_ROLE_REQUEST: (
            "role",
            "business_name",
            "business_address",
            "npi",
            "ptan",
            "tin",
            "line_of_business",
            "organization_id",
            "reason",
        ),
        LOGINGOV_SIGN_IN: ("email", "password"),
        LOGINGOV_OTP: ("code",),
    }
)

# The other per-field codes: the field each page puts its message on.
_OTHER_FIELDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (_CODE.PASSWORD_NOT_ACCEPTED, IDM_PASSWORD_EXPIRED, ("new_password", "confirm_password")),
    (
        _CODE.PASSWORD_NOT_ACCEPTED,
        IDM_PROFILE_PASSWORD,
        ("current_password", "new_password", "confirm_password"),
    ),
    (_CODE.MFA_CODE_INVALID, IDM_VERIFY, ("code",)),
    (_CODE.MFA_CODE_INVALID, LOGINGOV_OTP, ("code",)),
    (_CODE.SECURITY_ANSWER_INVALID, IDM_RESET_PASSWORD, ("answer",)),
)


def _field_rules() -> tuple[FieldRule, ...]:
    rules = {
        FieldRule(_CODE.DATA_FORMAT, page, FORMAT_RULES[key].field)
        for page, keys in FORMATS_BY_PAGE.items()
        for key in keys
    }
    rules |= {
        FieldRule(_CODE.REQUIRED_FIELD, page, name)
        for page, names in REQUIRED_BY_PAGE.items()
        for name in names
    }
    rules |= {FieldRule(code, page, name) for code, page, names in _OTHER_FIELDS for name in names}
    return tuple(sorted(rules))


FIELD_RULES: tuple[FieldRule, ...] = _field_rules()

# Pages and field rules with no browser scenario yet, as "CODE page" or "CODE page field":
# reported apart, never counted as covered; the gate fails when one of them gets a browser
# scenario while still listed. Empty since issue 20 gave the last 45 their scenarios; a new page
# or field rule listed here is a debt the gate's report keeps showing.
NO_BROWSER_SCENARIO_YET: frozenset[str] = frozenset()


# Both read constant tables, and the coverage gate asks them for every marker of every test.
@cache
def pages_of(code: str) -> tuple[str, ...]:
    return tuple(surface.page for surface in SURFACES.get(code, ()))


@cache
def field_rules_on(code: str, page: str) -> tuple[str, ...]:
    return tuple(rule.field for rule in FIELD_RULES if rule.code == code and rule.page == page)
