"""The advice a finding gives, per catalogue code: the guide's words where it has them (*SPOT UG
12 Troubleshooting*, First Coast, 11/12/2024), else the published IDM/Okta behaviour the
catalogue cites (mock_portal/errors/catalogue.py)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from mock_portal.errors.catalogue import HELP_DESK_EMAIL, HELP_DESK_PHONE, ErrorCode

_HELP_DESK = (
    f"the SPOT Help Desk ({HELP_DESK_PHONE}, press 1 for general assistance, 2 for enrollment; "
    f"or {HELP_DESK_EMAIL}) with the IDM User ID and the request confirmation number"
)

FIXES: Mapping[ErrorCode, str] = MappingProxyType(
    {
        ErrorCode.ACCESS_NOT_ASSIGNED: (
            "The user's SPOT access request is not approved (none submitted, pending or "
            "denied). Organization approvers and backup approvers: contact " + _HELP_DESK + ". "
            "End users: ask your organization's approvers. Someone else's IDM session in this "
            "browser answers the same way: clear the browser's cookies before another user "
            "logs in."
        ),
        ErrorCode.STALE_SESSION: (
            "Clear your internet browser's cache and cookies between logins to IDM or SPOT, "
            "then log in again from SPOT's Log in button (the guide: 'Clear your internet "
            "browser's cache between logins')."
        ),
        ErrorCode.SYSTEM_UNAVAILABLE: (
            "A system SPOT needs (IDM, HETS, FISS or SPOT itself) is down for scheduled or "
            "unscheduled maintenance or a technical issue: view First Coast's system status page "
            "and try again later. SPOT is down every Wednesday 8-10 p.m. ET for maintenance."
        ),
        ErrorCode.DATA_MISMATCH: (
            "The beneficiary data entered does not match Medicare's: check the Medicare ID, "
            "name and date of birth against the beneficiary's card and correct them; no "
            "information is returned until they match."
        ),
        ErrorCode.DATA_FORMAT: (
            "Enter the data in the required format: Medicare ID = the 11-character MBI, letters "
            "and numbers only, no dashes; Date of Birth and Date of Service = MM/DD/YYYY, "
            "numbers and front slashes only; Date of Service today or earlier."
        ),
        ErrorCode.REQUIRED_FIELD: "Fill in (or select) every required field, then submit again.",
        ErrorCode.SIGN_IN_FAILED: (
            "Check the IDM User ID and password (IDM never says which was wrong). Three failed "
            "sign-ins in a row lock the account for one hour: use Forgot Password rather than "
            "guessing."
        ),
        ErrorCode.MFA_CODE_INVALID: (
            "Enter the code from the most recent message (e-mailed codes live 5 minutes), or "
            "send a new code."
        ),
        ErrorCode.NOT_AUTHORIZED: (
            "The page needs a SPOT role the user does not have (for example Access Requests is "
            "for approvers): ask the organization's approvers."
        ),
        ErrorCode.ACCOUNT_LOCKED: (
            "The IDM account is locked after 3 failed sign-ins; it unlocks automatically after "
            "one hour (First Coast's SPOT password page). Contact " + _HELP_DESK + " to be "
            "unlocked sooner, or if the attempts were not the user's."
        ),
        ErrorCode.SIGN_IN_EXPIRED: (
            "IDM's sign-in page was left open more than about 15 minutes, or reused (Back, a "
            "second submit): start again from SPOT's Log in button. This is not the cache: "
            "clearing it does not help."
        ),
        ErrorCode.SIGN_IN_REQUEST_REFUSED: (
            "IDM refused the log in request SPOT sent (not the browser's cache, not the "
            "account): log in again from SPOT's Log in button, not a bookmark of IDM's pages; if "
            "it keeps happening, contact " + _HELP_DESK + "."
        ),
    }
)


def fix_for(code: ErrorCode) -> str:
    """The advice for ``code``; a code added to the catalogue without advice here gets the
    catalogue's own message (the "every code has a rule" test lists such codes)."""
    from mock_portal.errors.catalogue import CATALOGUE

    return FIXES.get(code) or CATALOGUE[code].message
