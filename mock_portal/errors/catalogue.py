"""The error catalogue: the single source of truth for every error the portal can show.

Each documented error has a stable code (**Contract**: add codes, never rename), the systems it
concerns, its user-facing text, and the sentence of the source (the SPOT troubleshooting guide,
or the published IDM/Okta behaviour) it reproduces. Pages never write error text themselves: they
build a :class:`PortalError` with one of the constructors below, and ``templates/_errors.html``
renders it the one way the contract describes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType


class ErrorCode(StrEnum):
    ACCESS_NOT_ASSIGNED = "ACCESS_NOT_ASSIGNED"
    STALE_SESSION = "STALE_SESSION"
    SYSTEM_UNAVAILABLE = "SYSTEM_UNAVAILABLE"
    DATA_MISMATCH = "DATA_MISMATCH"
    DATA_FORMAT = "DATA_FORMAT"
    REQUIRED_FIELD = "REQUIRED_FIELD"
    SIGN_IN_FAILED = "SIGN_IN_FAILED"
    MFA_CODE_INVALID = "MFA_CODE_INVALID"
    NOT_AUTHORIZED = "NOT_AUTHORIZED"
    ACCOUNT_LOCKED = "ACCOUNT_LOCKED"
    SIGN_IN_EXPIRED = "SIGN_IN_EXPIRED"
    SIGN_IN_REQUEST_REFUSED = "SIGN_IN_REQUEST_REFUSED"
    CLOCK_SKEW = "CLOCK_SKEW"
    PASSWORD_EXPIRED = "PASSWORD_EXPIRED"  # noqa: S105 (an error code)
    PASSWORD_NOT_ACCEPTED = "PASSWORD_NOT_ACCEPTED"  # noqa: S105 (an error code)
    ACCOUNT_SUSPENDED = "ACCOUNT_SUSPENDED"
    MFA_FACTOR_LOCKED = "MFA_FACTOR_LOCKED"
    SPOT_ACCESS_INACTIVE = "SPOT_ACCESS_INACTIVE"
    SPOT_SESSION_TIMED_OUT = "SPOT_SESSION_TIMED_OUT"
    SECURITY_ANSWER_INVALID = "SECURITY_ANSWER_INVALID"
    RESET_LINK_EXPIRED = "RESET_LINK_EXPIRED"
    LOGINGOV_CANCELLED = "LOGINGOV_CANCELLED"
    LOGINGOV_EMAIL_AMBIGUOUS = "LOGINGOV_EMAIL_AMBIGUOUS"
    LOGINGOV_NOT_VERIFIED = "LOGINGOV_NOT_VERIFIED"


GUIDE = "SPOT UG 12 Troubleshooting (First Coast, 11/12/2024)"
SYSTEM_STATUS_PATH = "/system-status"
HELP_DESK_PHONE = "855-416-4199"
HELP_DESK_EMAIL = "FCSOSpotHelp@fcso.com"
NOT_ASSIGNED_TEXT = "User is not assigned to the client application."
IDM_FAQ = "CMS, IDM Frequently Asked Questions (cms.gov, CMS Identity Management FAQ)"
FCSO_SPOT_INSTRUCTIONS = (
    "First Coast, SPOT password instructions (medicare.fcso.com/SPOT_instructions/261718.asp, "
    "last modified 8/15/2025)"
)
# Okta's E0000082, for a TOTP code used a second time.
CODE_USED_ONCE = "Each code can only be used once. Please wait for a new code and try again."
# What IDM shows after Login.gov: no public source says (DESIGN.md, "IDM's sign-in page as it is
# today"); each entry below is the mock's choice, documented in docs/logingov.md.
MOCKS_CHOICE_LOGINGOV = (
    "The mock's choice: no public source shows what CMS IDM displays here "
    "(docs/logingov.md, 'Errors with no public source')"
)


@dataclass(frozen=True)
class CatalogueEntry:
    code: ErrorCode
    title: str
    systems: tuple[str, ...]
    message: str
    source: str
    quote: str
    # What providers say when they report it (for `reproduce`); lower case is fine.
    phrases: tuple[str, ...] = ()


_ENTRIES = (
    CatalogueEntry(
        ErrorCode.ACCESS_NOT_ASSIGNED,
        "SPOT access not approved",
        ("IDM", "SPOT"),
        NOT_ASSIGNED_TEXT,
        GUIDE,
        "If you have your IDM account and attempt to log on to SPOT before your SPOT application "
        "access request has been approved (i.e., no request submitted, request in pending status, "
        "or request in denied status), an error message will be returned: User is not assigned to "
        "the client application.",
        (
            "not assigned to the client application",
            "not assigned",
            "access request pending",
            "access request denied",
            "approver did not certify me",
            "annual certification",
            "role certification",
            "my role was removed",
        ),
    ),
    CatalogueEntry(
        ErrorCode.STALE_SESSION,
        "Browser cache not cleared between logins",
        ("IDM", "SPOT"),
        "Your log in could not be completed because your browser used saved pages or cookies "
        "from an earlier log in. Clear your browser's cache and cookies, then log in again.",
        GUIDE,
        "If you have acquired an IDM account and have approved access to the SPOT, you may "
        "encounter an error message if you have not cleared your internet browser's cache between "
        "logins to either the IDM or SPOT websites.",
        (
            "request header or cookie too large",
            "cookie too large",
            "clear your cache",
            "clear the cache",
            "saved pages or cookies",
            "session expired",
        ),
    ),
    CatalogueEntry(
        ErrorCode.SYSTEM_UNAVAILABLE,
        "Feature temporarily unavailable",
        ("IDM", "HETS", "FISS", "SPOT"),
        "This feature is temporarily unavailable. View the system status page for more "
        "information.",
        GUIDE,
        "This type of error message will display if any features are temporarily unavailable due "
        "to technical issues or the unavailability of required CMS systems (e.g., IDM, HETS, FISS) "
        "due to scheduled/unscheduled maintenance.",
        (
            "temporarily unavailable",
            "system is down",
            "under maintenance",
            "scheduled maintenance",
            "unscheduled maintenance",
        ),
    ),
    CatalogueEntry(
        ErrorCode.DATA_MISMATCH,
        "Beneficiary data does not match Medicare",
        ("SPOT", "HETS"),
        "The beneficiary information entered does not match Medicare's records. Check the "
        "Medicare ID, name and date of birth, and try again.",
        GUIDE,
        "This type of error message will automatically display when beneficiary data entered does "
        "not match corresponding data maintained by Medicare.",
        (
            "does not match medicare",
            "does not match",
            "beneficiary not found",
            "no match found",
            # HETS's own words for its rejections, as providers repeat them (docs/hets.md):
            # AAA 72 for an MBI that changed (MLN Connects 2019-11-14), 75, 62.
            "no match",
            "invalid member id",
            "insured not found",
            "not within allowable inquiry period",
        ),
    ),
    CatalogueEntry(
        ErrorCode.DATA_FORMAT,
        "Data not in the required format",
        ("SPOT",),
        "The data entered is not in the required format.",
        GUIDE,
        "This type of error message will automatically display when the data entered is not "
        "entered in the format required by the system (e.g., dates must be entered in the "
        "mm/dd/yyyy format).",
        ("not in the required format", "invalid format", "mm/dd/yyyy", "invalid medicare id"),
    ),
    CatalogueEntry(
        ErrorCode.REQUIRED_FIELD,
        "Required field missing",
        ("SPOT", "IDM"),
        "This field is required.",
        GUIDE,
        "This type of error message will automatically display when the data entered is "
        "incomplete or no data is entered/selected in a required field.",
        ("is required", "required field", "field is empty"),
    ),
    CatalogueEntry(
        ErrorCode.SIGN_IN_FAILED,
        "IDM sign-in refused",
        ("IDM",),
        "Unable to sign in. Check your User ID and password and try again.",
        "CMS IDM (Okta) sign-in",
        "Okta answers a wrong User ID or password with 'Unable to sign in', never saying which.",
        ("unable to sign in", "wrong password", "invalid password"),
    ),
    CatalogueEntry(
        ErrorCode.MFA_CODE_INVALID,
        "Wrong or expired MFA code",
        ("IDM",),
        "The verification code is not valid or has expired. Enter the code from your most "
        "recent e-mail, or send a new code.",
        "CMS IDM (Okta) multi-factor authentication",
        "IDM sends a one-time code to the user's e-mail, phone (SMS or voice) or authenticator "
        "app; a wrong or expired code is refused, and a TOTP code is accepted once (Okta's "
        "E0000082: 'Each code can only be used once.').",
        (
            "verification code is not valid",
            "invalid code",
            "mfa code",
            "code has expired",
            "google authenticator",
            "okta verify",
            "authenticator code",
            "text message code",
            "sms code",
            "code can only be used once",
            "e0000082",
        ),
    ),
    CatalogueEntry(
        ErrorCode.NOT_AUTHORIZED,
        "Page needs a role the user does not have",
        ("SPOT",),
        "Access denied. You are not authorized to access this page.",
        "First Coast SPOT",
        "SPOT refuses pages a user's role does not include (e.g. access requests for end users).",
        ("access denied", "not authorized to access this page"),
    ),
    CatalogueEntry(
        ErrorCode.ACCOUNT_LOCKED,
        "IDM account locked after failed sign-ins",
        ("IDM",),
        "Your account is locked after 3 unsuccessful sign-in attempts.",
        "CMS IDM (Okta) account lockout",
        "Three failed sign-ins lock an IDM account; it unlocks automatically after one hour.",
        ("account is locked", "account locked", "locked out", "too many attempts"),
    ),
    CatalogueEntry(
        ErrorCode.SIGN_IN_EXPIRED,
        "IDM sign-in transaction ended (idle, finished, or unknown)",
        ("IDM",),
        # Okta Identity Engine's words (the sign-in widget's idx.session.expired); CMS IDM runs
        # Identity Engine. Not the cache: a sign-in page left idle, or one already used.
        "You have been logged out due to inactivity. Refresh or return to the sign in screen.",
        "Okta Identity Engine sign-in (okta/okta-signin-widget: idx.session.expired; PR #1797)",
        "Okta's hosted sign-in page fails after about 15 minutes idle; Identity Engine then says "
        "the user was logged out due to inactivity and offers a way back to sign in.",
        (
            "logged out due to inactivity",
            "return to the sign in screen",
            "invalid token provided",  # Okta Classic's E0000011, in older reports
            "e0000011",
        ),
    ),
    CatalogueEntry(
        ErrorCode.SIGN_IN_REQUEST_REFUSED,
        "IDM refused SPOT's log in request",
        ("IDM", "SPOT"),
        "IDM refused SPOT's log in request, so you are not logged in. This is not caused by your "
        "browser's cache or your account. Log in again from SPOT's Log in button; if it keeps "
        "happening, contact the SPOT Help Desk.",
        "OAuth 2.0 error response (RFC 6749 section 4.1.2.1) from CMS IDM (Okta)",
        "An authorization server that refuses a request for any reason but a bad redirect URI "
        "sends the browser back to the client with error and error_description in the query.",
        ("login_required", "invalid_request", "invalid_scope", "unsupported_response_type"),
    ),
    CatalogueEntry(
        ErrorCode.CLOCK_SKEW,
        "IDM's sign-in refused for its time",
        ("IDM", "SPOT"),
        "SPOT could not accept IDM's sign-in because IDM's clock and SPOT's disagree, so you are "
        "not logged in. This is not caused by your browser's cache or your account. Try again "
        "later; if it keeps happening, contact the SPOT Help Desk.",
        "OpenID Connect Core 1.0 section 3.1.3.7 (ID token validation of exp and iat) and RFC 7519 "
        "sections 4.1.4 and 4.1.6; SPOT's tolerance is the mock's (sites/spot/oidc_client.py)",
        "Implementers MAY provide for some small leeway, usually no more than a few minutes, to "
        "account for clock skew.",
        (
            "issued in the future",
            "token was issued in the future",
            "token is expired",
            "lifetime validation failed",  # ASP.NET Core's IDX10223 / IDX10222
            "idx10223",
            "clock skew",
        ),
    ),
    CatalogueEntry(
        ErrorCode.PASSWORD_EXPIRED,
        "IDM password expired after 60 days without an IDM log in",
        ("IDM",),
        "Your password has expired because you have not logged in to IDM for more than 60 days. "
        "Choose a new password to continue.",
        IDM_FAQ + ", Active Accounts in IDM",
        "IDM expires the passwords of accounts after 60 days without any login activity; the "
        "user is prompted to reset the password at the next log in, which re-enables the account.",
        (
            "my password expired",
            "password expired",
            "password has expired",
            "reset my password",
            "60 days",
            "inactive idm account",
            "prompted to change my password",
        ),
    ),
    CatalogueEntry(
        ErrorCode.PASSWORD_NOT_ACCEPTED,
        "New password breaks IDM's password rules",
        ("IDM",),
        "This password does not meet IDM's password requirements.",
        IDM_FAQ + ", IDM Password Requirements; " + FCSO_SPOT_INSTRUCTIONS,
        "IDM passwords are 15 to 60 characters with an upper case letter, a lower case letter and "
        "a number, contain no part of the User ID or the user's names, are not one of the last 6, "
        "and can be changed only once a day.",
        (
            "password requirements",
            "password does not meet",
            "password rules",
            "cannot change my password",
            "password was changed less than a day ago",
            "used that password before",
        ),
    ),
    CatalogueEntry(
        ErrorCode.ACCOUNT_SUSPENDED,
        "IDM account suspended after attempts while locked",
        ("IDM",),
        "Your account is suspended because of repeated sign-in attempts while it was locked. "
        "Contact the help desk to reinstate it.",
        FCSO_SPOT_INSTRUCTIONS,
        "User ID accounts will be locked after three failed attempts ... Additional failed "
        "attempts will result in your account being suspended.",
        ("account suspended", "account is suspended", "suspended"),
    ),
    CatalogueEntry(
        ErrorCode.MFA_FACTOR_LOCKED,
        "MFA authenticator locked after wrong codes",
        ("IDM",),
        # Okta's E0000069 wording (DESIGN.md, "Facts checked": MFA).
        "Your account is locked because of too many authentication attempts.",
        "Okta support, 'OTP Verification Attempts Limitations' (Okta Identity Engine)",
        "On Okta Identity Engine, five consecutive incorrect codes trigger a 429 Too Many "
        "Requests and lock the user's authenticator for 5 minutes.",
        (
            "too many authentication attempts",
            "429",
            "too many requests",
            "e0000069",
            "authenticator locked",
            "wrong code too many times",
        ),
    ),
    CatalogueEntry(
        ErrorCode.SPOT_ACCESS_INACTIVE,
        "SPOT access inactive after 30 days without a SPOT log in",
        ("SPOT", "IDM"),
        "Your SPOT access is inactive because you have not logged in to SPOT for more than 30 "
        "days. To reactivate it, sign in to IDM and reset your password, then log in to SPOT "
        "again.",
        "First Coast's SPOT access rule (DESIGN.md, 'More codes')",
        "SPOT access becomes inactive after 30 days without a SPOT log in, until the user resets "
        "the IDM password.",
        (
            "spot access is inactive",
            "access inactive",
            "spot says my access is inactive",
            "30 days",
            "reactivate my spot access",
        ),
    ),
    CatalogueEntry(
        ErrorCode.SPOT_SESSION_TIMED_OUT,
        "SPOT logged the user off after 30 minutes without activity",
        ("SPOT",),
        "You have been logged off SPOT because you were inactive for 30 minutes. Log in again to "
        "continue.",
        "First Coast SPOT (DESIGN.md, 'Errors': warning at 20 minutes, log-off at 30)",
        "SPOT warns after 20 minutes without activity and logs the user off at 30.",
        (
            "logged off due to inactivity",
            "logged me out",
            "session timed out",
            "timed out",
            "stay signed in",
        ),
    ),
    CatalogueEntry(
        ErrorCode.SECURITY_ANSWER_INVALID,
        "Wrong answer to the security question at Forgot Password",
        ("IDM",),
        "The answer to your security question is not right. Try again, or call the SPOT Help "
        "Desk if you do not know it.",
        FCSO_SPOT_INSTRUCTIONS,
        "A correct answer is required to your security question. If you do not know your "
        "security question answer ... please call the SPOT Help Desk.",
        (
            "security question",
            "forgot password",
            "forgot my password",
            "reset link",
            "forgot user id",
            "password reset",
        ),
    ),
    CatalogueEntry(
        ErrorCode.RESET_LINK_EXPIRED,
        "Forgot Password link expired or already used",
        ("IDM",),
        "This password reset link has expired or was already used. Use Forgot Password on IDM's "
        "sign-in page to get a new one.",
        "Okta self-service password recovery (a recovery link works once, for a limited time)",
        "A password reset link is a one-time recovery token with a lifetime; the mock gives it an "
        "hour, its reading of Okta's default.",
        ("reset link expired", "link has expired", "reset link does not work"),
    ),
    CatalogueEntry(
        ErrorCode.LOGINGOV_CANCELLED,
        "Login.gov sign-in cancelled",
        ("IDM", "Login.gov"),
        "You cancelled signing in with Login.gov, so you are not signed in. Sign in again and "
        "choose Login.gov or your EUA/IDM User ID.",
        MOCKS_CHOICE_LOGINGOV,
        "Login.gov sends the user back to the relying party with error=access_denied when they "
        "cancel (developers.login.gov/oidc/authorization/); what IDM then shows is not published.",
        (
            "cancelled login.gov",
            "canceled login.gov",
            "login.gov cancel",
            "access_denied login.gov",
            "came back from login.gov",
        ),
    ),
    CatalogueEntry(
        ErrorCode.LOGINGOV_EMAIL_AMBIGUOUS,
        "Login.gov e-mail matches more than one IDM account",
        ("IDM", "Login.gov"),
        "Your Login.gov e-mail address belongs to more than one IDM account, so IDM cannot tell "
        "which one is yours. Sign in with your EUA/IDM User ID, or ask your help desk to give "
        "each IDM account its own e-mail address.",
        MOCKS_CHOICE_LOGINGOV,
        "Okta links an identity provider's user automatically only to a single matching user "
        "(Okta, account linking); what IDM shows when two IDM accounts share the e-mail is not "
        "published.",
        (
            "more than one idm account",
            "email matches two accounts",
            "same email two accounts",
            "login.gov wrong account",
            "could not link login.gov",
        ),
    ),
    CatalogueEntry(
        ErrorCode.LOGINGOV_NOT_VERIFIED,
        "Login.gov account without identity verification",
        ("IDM", "Login.gov"),
        "Your Login.gov account has not verified your identity, which IDM needs. Verify your "
        "identity at Login.gov, then sign in again.",
        MOCKS_CHOICE_LOGINGOV,
        "IDM asks Login.gov for urn:acr.login.gov:verified (developers.login.gov/oidc/"
        "authorization/); an account without identity verification cannot give it. Real "
        "Login.gov then starts identity verification; the mock answers access_denied instead.",
        (
            "verify your identity",
            "identity verification",
            "login.gov not verified",
            "unverified login.gov",
            "ial2",
        ),
    ),
)


CATALOGUE: Mapping[ErrorCode, CatalogueEntry] = MappingProxyType({e.code: e for e in _ENTRIES})


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True)
class PortalError:
    """One message as the page shows it; build it with the constructors below."""

    code: ErrorCode
    message: str
    field: str | None = None
    details: tuple[str, ...] = ()
    link: Link | None = None

    @property
    def element_id(self) -> str:
        return f"error-{self.field}" if self.field else f"error-{self.code.lower()}"


def _catalogue_error(
    code: ErrorCode,
    *,
    field: str | None = None,
    details: tuple[str, ...] = (),
    link: Link | None = None,
) -> PortalError:
    return PortalError(code, CATALOGUE[code].message, field=field, details=details, link=link)


def required(field_name: str, label: str) -> PortalError:
    return PortalError(ErrorCode.REQUIRED_FIELD, f"{label} is required.", field=field_name)


def terms_not_accepted() -> PortalError:
    return PortalError(
        ErrorCode.REQUIRED_FIELD,
        "You must agree to the Terms & Conditions to sign in.",
        field="terms",
    )


@dataclass(frozen=True)
class FormatRule:
    field: str
    text: str
    details: tuple[str, ...] = ()


# The guide's format rules, word for word where it gives them (DESIGN.md, "Format rules").
FORMAT_RULES: Mapping[str, FormatRule] = MappingProxyType(
    {
        "mbi": FormatRule(
            "mbi",
            "Medicare ID must be the 11-character Medicare Beneficiary Identifier (MBI): "
            "letters and numbers only, no dashes or other characters.",
            # CMS's MBI format, for entries that have the right length and still fail.
            (
                "Characters 2, 5, 8 and 9 are letters; 1, 4, 7, 10 and 11 are numbers (the first "
                "is never 0); 3 and 6 are either. The letters S, L, O, I, B and Z are never used.",
            ),
        ),
        "date_of_birth": FormatRule(
            "date_of_birth",
            "Date of Birth must be a real date in MM/DD/YYYY format (numbers and front slashes "
            "only).",
        ),
        "npi": FormatRule(
            "npi",
            "NPI must be the 10-digit National Provider Identifier; its last digit is a check "
            "digit, so a mistyped NPI is caught.",
        ),
        "ptan": FormatRule("ptan", "PTAN must be 1 to 10 letters and numbers."),
        "tin": FormatRule("tin", "TIN must be 9 digits (a dash after the second is accepted)."),
        "date_of_service": FormatRule(
            "date_of_service",
            "Date of Service must be a real date in MM/DD/YYYY format (numbers and front slashes "
            "only), today or earlier; future dates may not be used.",
        ),
        # Claim Status searches a range of dates of service.
        "dos_from": FormatRule(
            "dos_from",
            "From Date of Service must be a real date in MM/DD/YYYY format (numbers and front "
            "slashes only), today or earlier.",
        ),
        "dos_through": FormatRule(
            "dos_through",
            "Through Date of Service must be a real date in MM/DD/YYYY format (numbers and front "
            "slashes only), today or earlier.",
        ),
        "dos_range": FormatRule(
            "dos_through",
            "Through Date of Service must be the same as or later than From Date of Service.",
        ),
    }
)


def bad_format(field_name: str) -> PortalError:
    rule = FORMAT_RULES[field_name]
    return PortalError(ErrorCode.DATA_FORMAT, rule.text, field=rule.field, details=rule.details)


def data_mismatch(entered: str | None = None) -> PortalError:
    """``entered`` names what the form asked for when it is not the catalogue's Medicare ID,
    name and date of birth (e.g. "Medicare ID" alone)."""
    if entered is None:
        return _catalogue_error(ErrorCode.DATA_MISMATCH)
    return PortalError(
        ErrorCode.DATA_MISMATCH,
        f"The {entered} entered does not match Medicare's records. Check it and try again.",
    )


def stale_session(detail: str) -> PortalError:
    """``detail`` says what was stale (a sign-in page, a callback), for the person reproducing."""
    return _catalogue_error(ErrorCode.STALE_SESSION, details=(detail,))


def sign_in_expired(detail: str) -> PortalError:
    """``detail`` says which transaction ended and why (idle, finished), for the tester."""
    return _catalogue_error(ErrorCode.SIGN_IN_EXPIRED, details=(detail,))


def sign_in_request_refused(error: str, description: str) -> PortalError:
    """IDM answered SPOT's authorize request with an OAuth error other than access_denied and
    temporarily_unavailable; ``error`` and ``description`` are IDM's, shown as they came."""
    details = [f"IDM answered: {error}" + (f" ({description})" if description else "") + "."]
    if error == "login_required":
        details.append(
            "The request asked IDM not to show its sign-in page (prompt=none), which SPOT never "
            "asks: the request was changed after SPOT made it."
        )
    return _catalogue_error(ErrorCode.SIGN_IN_REQUEST_REFUSED, details=tuple(details))


def clock_skew(cause: str) -> PortalError:
    """SPOT refused IDM's ID token for its time; ``cause``: "issued in the future" or "already
    expired" (by SPOT's clock, past its tolerance)."""
    return PortalError(
        ErrorCode.CLOCK_SKEW,
        f"SPOT could not accept IDM's sign-in: the ID token was {cause} by SPOT's clock, so you "
        "are not logged in.",
        details=(
            "IDM's clock and SPOT's disagree by more than SPOT's 2-minute tolerance. This is not "
            "caused by your browser's cache or your account. Try again later; if it keeps "
            "happening, contact the SPOT Help Desk.",
        ),
    )


def system_unavailable(
    feature: str,
    system: str,
    reason: str,
    until: str | None = None,
    spot_url: str = "",
) -> PortalError:
    """``until``: when a maintenance window ends, as the page shows times (Eastern).
    ``spot_url``: given by a page of another site (IDM's), whose link then goes to SPOT's status
    page by its absolute URL: the status page is First Coast's, and a path alone would name a
    page of that other site, which has none."""
    ending = f" until {until}" if until else ""
    return PortalError(
        ErrorCode.SYSTEM_UNAVAILABLE,
        f"{feature} is temporarily unavailable: {system} is down for {reason}{ending}.",
        details=("No information was returned. Try again later.",),
        link=Link("View the system status page", spot_url + SYSTEM_STATUS_PATH),
    )


def sign_in_failed() -> PortalError:
    return _catalogue_error(ErrorCode.SIGN_IN_FAILED)


def mfa_code_invalid() -> PortalError:
    return _catalogue_error(ErrorCode.MFA_CODE_INVALID, field="code")


def not_assigned(details: tuple[str, ...] = (), link: Link | None = None) -> PortalError:
    return _catalogue_error(ErrorCode.ACCESS_NOT_ASSIGNED, details=details, link=link)


def account_locked(unlocks_at: str) -> PortalError:
    return _catalogue_error(
        ErrorCode.ACCOUNT_LOCKED,
        details=(
            f"It unlocks automatically at {unlocks_at}. If you need access sooner, or did not "
            "make these attempts, contact your help desk.",
        ),
    )


def password_expired() -> PortalError:
    return _catalogue_error(ErrorCode.PASSWORD_EXPIRED)


def password_not_accepted(field_name: str, rule_text: str) -> PortalError:
    """One rule a new password breaks, on its field (``rule_text`` from accounts/passwords.py)."""
    return PortalError(
        ErrorCode.PASSWORD_NOT_ACCEPTED,
        f"{CATALOGUE[ErrorCode.PASSWORD_NOT_ACCEPTED].message} {rule_text}",
        field=field_name,
    )


def account_suspended() -> PortalError:
    return _catalogue_error(
        ErrorCode.ACCOUNT_SUSPENDED,
        details=(
            f"Call the SPOT Help Desk at {HELP_DESK_PHONE} (press 1). Do not create a new User ID.",
        ),
    )


def mfa_code_used() -> PortalError:
    return PortalError(ErrorCode.MFA_CODE_INVALID, CODE_USED_ONCE, field="code")


def mfa_factor_locked(unlocks_at: str) -> PortalError:
    return _catalogue_error(
        ErrorCode.MFA_FACTOR_LOCKED,
        details=(
            f"This verification method is locked after 5 wrong codes; try it again after "
            f"{unlocks_at}, or choose another method.",
        ),
    )


def spot_access_inactive(details: tuple[str, ...] = (), link: Link | None = None) -> PortalError:
    return _catalogue_error(ErrorCode.SPOT_ACCESS_INACTIVE, details=details, link=link)


def spot_session_timed_out() -> PortalError:
    return _catalogue_error(ErrorCode.SPOT_SESSION_TIMED_OUT)


def security_answer_invalid() -> PortalError:
    return _catalogue_error(ErrorCode.SECURITY_ANSWER_INVALID, field="answer")


def reset_link_expired() -> PortalError:
    return _catalogue_error(ErrorCode.RESET_LINK_EXPIRED)


def not_authorized() -> PortalError:
    return _catalogue_error(ErrorCode.NOT_AUTHORIZED)


def logingov_sign_in_failed() -> PortalError:
    """Login.gov's page for a wrong e-mail or password (its words are not captured: the mock's)."""
    return PortalError(ErrorCode.SIGN_IN_FAILED, "The email or password you've entered is wrong.")


def logingov_code_invalid() -> PortalError:
    return PortalError(
        ErrorCode.MFA_CODE_INVALID,
        "That one-time code is invalid or has expired. Try again.",
        field="code",
    )


def logingov_refused(code: ErrorCode) -> PortalError:
    """IDM's answer after Login.gov: LOGINGOV_CANCELLED, _EMAIL_AMBIGUOUS or _NOT_VERIFIED."""
    return _catalogue_error(code)


@dataclass
class FormErrors:
    """Errors collected while validating one form, in the order the page lists them."""

    items: list[PortalError] = field(default_factory=list)

    def add(self, error: PortalError) -> None:
        self.items.append(error)

    def has(self, field_name: str) -> bool:
        return any(e.field == field_name for e in self.items)

    def __bool__(self) -> bool:
        return bool(self.items)
