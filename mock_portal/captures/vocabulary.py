"""The words the sanitizer may keep in a capture's free text (page text, titles, messages).

Free text is default-deny: a word is kept only when it is in this vocabulary, so the guide's
messages, SPOT's and IDM's labels and Okta's error summaries stay readable for a diagnosis while
a name, an address or anything else a page shows about a person becomes a placeholder. The
vocabulary is built from what the project already quotes with its sources: every text of the
error catalogue (its messages, the guide's and Okta's sentences, the phrases providers use;
``mock_portal/errors/catalogue.py``), the static text of the mock's page templates (which copy
SPOT's and IDM's labels, ``docs/ui-labels.md``), and a short list of common English and UI words
below. A person's name that is also an English word ("Rose", "Will") can survive in text the
provider did not type; what the provider typed is redacted wherever it recurs all the same
(``sanitize.py``), which is where SPOT's pages repeat a beneficiary's name.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Final

from mock_portal.errors.catalogue import CATALOGUE

WORD_RE: Final = re.compile(r"[A-Za-z0-9]+")
# Every byte but ASCII letters and digits, as a blank (non-ASCII characters are several bytes of
# 0x80 or more in UTF-8: blanks too).
_NOT_WORD_BYTES: Final = bytes(c if c < 128 and chr(c).isalnum() else ord(" ") for c in range(256))


def word_set(text: str) -> set[str]:
    """``set(WORD_RE.findall(text))``, by one translate and one split in C: about twice as fast
    on a big text (a page, a whole sanitized capture)."""
    raw = text.encode("utf-8", "surrogatepass").translate(_NOT_WORD_BYTES)
    return set(raw.decode("ascii").split())


def names(text: str) -> frozenset[str]:
    """The blank-separated names of ``text``, as a set: lists of words written as prose."""
    return frozenset(text.split())


# Common English and the words of sign-in pages and HTTP error pages (nginx's, Okta's) that the
# catalogue and templates may not spell out. No proper names.
_COMMON: Final = names(
    """
a about above access account accounts action active add after again against all allow already
also an and another any application applications approve approved are as ask at authenticate
authentication authenticator authorization authorized available back bad be because been before
being below between both browser but button by call can cancel cannot change check choose clear
click client close code codes complete completed connection contact continue cookie cookies could
create current data date day days denied did do does done down e each email enter entered error
errors expired failed field fields file find first for forbidden forgot found from gateway get go
good got has have having help here home how i if in incorrect information internal invalid is it
its just large last later learn less limit line link locked log logged login logon logout long
made main make many may me message method might more most must my name need new next no not now
of off ok on once one only or other our out over page pages password payload please problem
provided reached refresh register remember request requested requests required reset resource
response retry return right screen security select send sent server service services session
set should sign signed signin signout so some sorry status still submit success support system
systems take temporarily than thank that the their them then there these this those time timed
timeout to token too try two unable unauthorized unavailable under unknown until up uri url us
use used user username users using valid value verification verify via wait want was we web
welcome were what when where which while who will with within without would wrong yes you your
http https html www com gov org net okta idm spot cms fcso medicare hets fiss nginx idx widget
oauth oidc openid saml mfa otp sms authorize callback redirect redirected loading javascript
enabled jump navigation menu skip content footer header copyright privacy policy terms conditions
agree accept decline inactivity timed expired lockout unlock suspended
specified prompt configured scope scopes parameter parameters missing mismatch supported mode
illegal registered settings app verifier challenge grant grants issued revoked due match matches
characters character following requires consent interaction unsupported malformed length exceeds
headers entity large long conflict gone precondition expectation upgrade early network closed
aborted refused blocked resolved certificate ssl tls protocol cached cache disk memory pending
approval approvers organization attempts too many again authenticated identify recovery enroll
enrollment enrollments profile poll terminal launch authenticators credentials passcode push voice
phone number google verify webauthn question answer string object boolean array integer text radio
checkbox hidden form urlencoded ion json plain css image png gif jpeg jpg svg xml woff woff2 font
octet stream charset utf id ids key keys class info warning messages remediation remediations
href rel accepts produces true false null none yes no bearer basic ok found moved permanently
temporary see other modified not redirect redirects gateway bad service unavailable version
identifier firstname lastname login_hint label labels visible mutable required secret
nbsp amp lt gt quot apos copy reg trade hellip mdash ndash rsquo lsquo rdquo ldquo laquo raquo
middot bull times x27 x2f x3d
"""
)


def _template_words() -> set[str]:
    words: set[str] = set()
    root = resources.files("mock_portal") / "templates"
    stack = [root]
    while stack:
        folder = stack.pop()
        for item in folder.iterdir():
            if item.is_dir():
                stack.append(item)
            elif item.name.endswith(".html"):
                text = re.sub(
                    r"\{[{%#].*?[}%#]\}", " ", item.read_text(encoding="utf-8"), flags=re.S
                )
                text = re.sub(r"<[^>]*>", " ", text)
                words.update(w.lower() for w in WORD_RE.findall(text) if not w.isdigit())
    return words


@functools.cache
def vocabulary() -> frozenset[str]:
    """Lower-case words kept in free text."""
    words = set(_COMMON) | _template_words()
    for entry in CATALOGUE.values():
        for text in (entry.title, entry.message, entry.quote, entry.source, *entry.phrases):
            words.update(w.lower() for w in WORD_RE.findall(text) if not w.isdigit())
    return frozenset(words)
