"""The diagnosis rules: one per catalogue code and mechanism, as ruff declares its rules (a
stable id, the code, the evidence matcher, the cause it names, the guide's fix, the public
source, and the hand-made capture in ``fixtures/captures/`` that is its test fixture).

Adding a rule: a matcher in the module of its system (``okta.py`` for IDM's answers,
``frontend.py`` for nginx and the back ends, ``cache.py`` for the browser's cache and cookies,
``pages.py`` for the pages' messages), one row in ``RULES``, a synthetic capture in
``fixtures/captures/`` (``python -m fixtures.captures`` writes them), and a row in
docs/diagnosis.md. A catalogue code with no mechanism rule is listed in ``PAGE_ONLY`` or
``NOT_YET`` with its reason: tests/captures/test_diagnose_rules.py fails on any other.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from mock_portal.captures.rules import cache, frontend, okta, pages
from mock_portal.captures.rules.base import Capture, Hit, Matcher, Rule, Step
from mock_portal.captures.rules.fixes import fix_for
from mock_portal.errors.catalogue import GUIDE, ErrorCode

OKTA_OIDC = (
    "Okta OIDC & OAuth 2.0 API reference and error-code table (okta/okta-developer-docs; "
    "docs/okta-behaviour.md)"
)
IDX = (
    "Okta Identity Engine IDX messages (okta/okta-signin-widget i18nTransformer and mocks; "
    "okta/okta-idx-golang client tests)"
)
AUTHN = "Okta authn API reference (okta/okta-developer-docs, reference/api/authn)"
NGINX = "nginx core module reference, large_client_header_buffers 4 8k (nginx.org)"
HAR_DIALECTS = (
    "HAR cache marks: Chrome _fromCache (ChromeDevTools/devtools-frontend models/har/Log.ts), "
    "Firefox cache.afterRequest (netmonitor har-builder.js), Safari _fetchType "
    "(WebKit HARBuilder.js)"
)


def _rule(
    rule_id: str,
    code: ErrorCode,
    name: str,
    match: Matcher,
    source: str,
    *also: str,
    specific: bool = True,
    inferred: bool = False,
) -> Rule:
    fixture = f"{rule_id.lower()}-{name}.har"
    return Rule(
        rule_id,
        code,
        name,
        match,
        fix_for(code),
        source,
        fixture,
        specific,
        also,
        inferred,
    )


C = ErrorCode
MECHANISMS: tuple[Rule, ...] = (
    _rule(
        "IDM001",
        C.ACCESS_NOT_ASSIGNED,
        "okta-not-assigned",
        okta.not_assigned,
        OKTA_OIDC + "; " + GUIDE,
        "idm001-okta-not-assigned-live-session.har",
    ),
    _rule(
        "IDM002",
        C.SIGN_IN_REQUEST_REFUSED,
        "okta-error-redirect",
        okta.error_redirect,
        OKTA_OIDC + "; RFC 6749 section 4.1.2.1",
    ),
    _rule(
        "IDM003",
        C.SIGN_IN_REQUEST_REFUSED,
        "okta-400-page",
        okta.okta_400_page,
        OKTA_OIDC + " (joshp23/YOURLS-OIDC#5)",
    ),
    _rule(
        "IDM004",
        C.SYSTEM_UNAVAILABLE,
        "okta-temporarily-unavailable",
        okta.temporarily_unavailable,
        "RFC 6749 section 4.1.2.1; " + GUIDE,
    ),
    _rule(
        "IDM005",
        C.SIGN_IN_EXPIRED,
        "idx-session-expired",
        okta.session_expired,
        IDX + "; " + AUTHN + " (E0000011); okta/okta-signin-widget PR #1797",
        "idm005-idx-session-expired-classic.har",
    ),
    _rule(
        "IDM006",
        C.SIGN_IN_EXPIRED,
        "back-forward",
        okta.back_forward,
        "okta/okta-signin-widget PR #1797 (a finished transaction is single-use)",
        inferred=True,
    ),
    _rule(
        "IDM007",
        C.SIGN_IN_FAILED,
        "authn-failed",
        okta.sign_in_failed,
        IDX + "; " + AUTHN + " (E0000004)",
    ),
    _rule(
        "IDM008",
        C.ACCOUNT_LOCKED,
        "locked-out",
        okta.locked_out,
        AUTHN + " (LOCKED_OUT, E0000119, E0000069); "
        "First Coast's SPOT password page (3 attempts, 1 hour)",
    ),
    _rule(
        "IDM009",
        C.MFA_CODE_INVALID,
        "passcode-invalid",
        okta.passcode_invalid,
        IDX + "; " + AUTHN + " (E0000068)",
    ),
    _rule(
        "NGX001",
        C.STALE_SESSION,
        "header-too-large",
        frontend.header_too_large,
        NGINX + "; dotnet/aspnetcore#43041; " + GUIDE,
    ),
    _rule(
        "NGX002",
        C.SIGN_IN_REQUEST_REFUSED,
        "uri-too-large",
        frontend.uri_too_large,
        NGINX + " (414 page; which code is the mock's choice)",
    ),
    _rule(
        "NGX003",
        C.SYSTEM_UNAVAILABLE,
        "no-answer",
        frontend.no_answer,
        "nginx client_header_timeout (ngx_http_request.c: 408 closes without a response); "
        "Chrome HAR _error",
        inferred=True,
    ),
    _rule(
        "SYS001",
        C.SYSTEM_UNAVAILABLE,
        "server-error",
        frontend.server_error,
        GUIDE + " (IDM, HETS, FISS maintenance or technical issues)",
        specific=False,
        inferred=True,
    ),
    _rule(
        "SYS002",
        C.SYSTEM_UNAVAILABLE,
        "system-down-page",
        pages.system_down_page,
        GUIDE + " ('View the system status page')",
    ),
    _rule(
        "CCH001",
        C.STALE_SESSION,
        "replayed-state",
        cache.replayed_state,
        GUIDE + "; RFC 6749 section 10.12; " + HAR_DIALECTS,
        "cch001-replayed-state-firefox.har",
        "cch001-replayed-state-safari.har",
        inferred=True,
    ),
    _rule(
        "CCH002",
        C.STALE_SESSION,
        "cached-then-refused",
        cache.cached_then_refused,
        GUIDE + "; " + HAR_DIALECTS,
        inferred=True,
    ),
    _rule(
        "CCH003",
        C.STALE_SESSION,
        "correlation-failed",
        cache.correlation_failed,
        "dotnet/aspnetcore#24870 ('Correlation failed.'); " + GUIDE,
    ),
)

# Codes whose only evidence is the page's own message: no public capture shows how the real
# SPOT marks them up, so the page rule (its data-error-code, or the catalogue's sentence) is it.
PAGE_ONLY: Mapping[ErrorCode, str] = MappingProxyType(
    {
        C.DATA_MISMATCH: "SPOT's own form answer; HETS's AAA reason never reaches the browser",
        C.DATA_FORMAT: "SPOT's own form validation; nothing but the page says it",
        C.REQUIRED_FIELD: "SPOT's and IDM's own form validation; nothing but the page says it",
        C.NOT_AUTHORIZED: "SPOT's own role check; its page is the only evidence",
        # The account lifecycle (docs/account-lifecycle.md): IDM's and SPOT's own pages; no
        # public capture shows their markup or the IDX calls behind them.
        C.PASSWORD_EXPIRED: "IDM's forced password change page; no public capture of its IDX call",
        C.PASSWORD_NOT_ACCEPTED: "IDM's own password-rule check on its form",
        C.ACCOUNT_SUSPENDED: "IDM's own sign-in answer; no public capture of its wording",
        C.MFA_FACTOR_LOCKED: "IDM's verify page (a 429); its page says it",
        C.SPOT_ACCESS_INACTIVE: "SPOT's own access rule; its page is the only evidence",
        C.SPOT_SESSION_TIMED_OUT: "SPOT's own inactivity log-off page",
        C.SECURITY_ANSWER_INVALID: "IDM's recovery form's own check",
        C.RESET_LINK_EXPIRED: "IDM's recovery page for a spent or expired link",
        C.CLOCK_SKEW: "SPOT's own ID-token time check; its page names the cause",
        # Login.gov (docs/logingov.md): what IDM shows after Login.gov is the mock's choice.
        C.LOGINGOV_CANCELLED: "IDM's page after Login.gov's access_denied (the mock's choice)",
        C.LOGINGOV_EMAIL_AMBIGUOUS: "IDM's own linking refusal (the mock's choice)",
        C.LOGINGOV_NOT_VERIFIED: "IDM's own refusal of an unverified account (the mock's choice)",
    }
)
# Codes other issues add to the catalogue concurrently (DESIGN.md's lifecycle and Login.gov
# codes): named here so that their arrival without a rule is a visible, deliberate gap.
NOT_YET: Mapping[str, str] = MappingProxyType({})

# Every code of the catalogue as a page shows it (generic: a mechanism rule that finds the same
# code names the cause instead).
PAGE_RULES: tuple[Rule, ...] = tuple(
    Rule(
        f"PAGE-{code.value}",
        code,
        f"page-{code.value.lower().replace('_', '-')}",
        pages.page_rule(code),
        fix_for(code),
        f"{GUIDE}; the catalogue's message (mock_portal/errors/catalogue.py)",
        f"page-{code.value.lower().replace('_', '-')}.har",
        specific=False,
    )
    for code in ErrorCode
)

RULES: tuple[Rule, ...] = MECHANISMS + PAGE_RULES

__all__ = ["NOT_YET", "PAGE_ONLY", "RULES", "Capture", "Hit", "Rule", "Step"]
