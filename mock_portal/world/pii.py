"""Masking of beneficiary and account PII before it reaches a log line or the journal.

MBIs keep their last four characters (as CMS's own correspondence shows them); names keep their
initial; dates of birth keep nothing.
"""

from __future__ import annotations


def mask_mbi(mbi: str) -> str:
    value = mbi.strip()
    if len(value) <= 4:
        return "*" * len(value)
    return "*" * (len(value) - 4) + value[-4:]


def mask_name(name: str) -> str:
    value = name.strip()
    return value[:1] + "***" if value else ""


def mask_date(_: object) -> str:
    return "**/**/****"


def mask_email(email: str) -> str:
    local, at, domain = email.partition("@")
    return (local[:1] + "***" + at + domain) if at else mask_name(email)
