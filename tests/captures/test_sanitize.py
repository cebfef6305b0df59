"""``har sanitize``: no secret and no PHI survives, what a diagnosis reads does, and a copy that
still holds something is refused."""

from __future__ import annotations

import base64
import json
import re
from typing import Any
from urllib.parse import quote, quote_plus

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mock_portal.captures import sanitize as sanitize_module
from mock_portal.captures.har import iter_entries
from mock_portal.captures.recognizers import MBI_RE, find_all, kind_for_key
from mock_portal.captures.sanitize import PLACEHOLDER_RE, SanitizeRefused, sanitize
from mock_portal.captures.vocabulary import vocabulary
from mock_portal.population import mbi as mbi_format
from tests.captures import builders
from tests.captures.builders import entry, fresh, header, jwt

KEY = b"k" * 32
SECRETS = (
    builders.MBI,
    builders.MBI.replace("-", "").lower(),
    builders.FIRST,
    builders.LAST,
    builders.DOB,
    builders.PASSWORD,
    builders.SESSION,
    builders.STATE,
    builders.CODE,
    builders.ID_TOKEN,
    "qvarnisky",
    "00u1a2b3c4d5e6f7g8h9",
    "a1b2c3d4e5f6g7h8i9j0k1",
    "n0nce-Z9y8X7w6",
)


def _one(*entries: dict[str, Any]) -> dict[str, Any]:
    return {"log": {"entries": list(entries)}}


def _survivors(text: str, secrets: tuple[str, ...]) -> list[str]:
    lower = text.lower()
    return [
        s
        for s in secrets
        if any(
            v.lower() in lower for v in {s, quote(s, safe=""), quote_plus(s), json.dumps(s)[1:-1]}
        )
    ]


def test_no_secret_and_no_phi_survives_the_login_capture() -> None:
    result = sanitize(fresh(), key=KEY)
    assert _survivors(result.text, SECRETS) == []
    assert result.counts["cookie"] >= 4
    assert result.counts["jwt"] >= 2
    assert result.counts["mbi"] >= 3


def test_what_a_diagnosis_reads_stays_in_clear() -> None:
    out = sanitize(fresh(), key=KEY).har
    views = list(iter_entries(out))
    assert [v.method for v in views] == [v.method for v in iter_entries(fresh())]
    assert [v.status for v in views] == [200, 302, 401, 302, 200, 200, 101]
    assert views[0].from_cache == "disk"
    assert views[0].raw["timings"] == fresh()["log"]["entries"][0]["timings"]
    assert views[1].url.startswith(
        "https://idm.cms.gov/oauth2/default/v1/authorize?client_id=0oaSPOT&response_type=code&scope=openid&state=[redacted:oauth-state:"
    )
    idx = json.loads(views[2].response_text)
    assert idx["messages"]["value"][0] == {
        "message": "Authentication failed",
        "i18n": {"key": "errors.E0000004"},
        "class": "ERROR",
    }
    assert idx["remediation"]["value"][0]["name"] == "identify"
    assert idx["expiresAt"] == "2026-01-07T15:20:00.000Z"
    page = views[4].response_text
    assert 'data-error-code="DATA_MISMATCH"' in page
    assert "The information entered does not match." in page
    assert "encoding" not in views[4].response["content"]  # walked, written back as text
    assert (
        views[4].response["content"]["size"]
        == fresh()["log"]["entries"][4]["response"]["content"]["size"]
    )


def test_jwts_keep_their_header_and_times_and_lose_the_rest() -> None:
    token = jwt(
        {
            "sub": "someone",
            "email": "x@example.org",
            "iat": 1700000000,
            "nbf": 1700000000,
            "exp": 1700003600,
        }
    )
    har = _one(
        entry(
            "GET",
            "https://spot.fcso.com/",
            200,
            request_headers=[header("authorization", f"Bearer {token}")],
        )
    )
    value = sanitize(har, key=KEY).har["log"]["entries"][0]["request"]["headers"][0]["value"]
    assert re.fullmatch(
        rf"Bearer \[redacted:jwt:{len(token)}:[0-9a-f]{{8}} alg=RS256 typ=JWT "
        r"iat=1700000000 nbf=1700000000 exp=1700003600\]",
        value,
    )


def test_equal_values_get_equal_placeholders_and_runs_differ() -> None:
    first = sanitize(fresh(), key=KEY).text
    again = sanitize(fresh(), key=KEY).text
    other = sanitize(fresh()).text  # a random key
    tags = {m.group() for m in PLACEHOLDER_RE.finditer(first) if m.group(1) == "oauth-state"}
    assert len(tags) == 1  # the state sent and the state returned: one placeholder
    assert first == again
    assert tags.isdisjoint(m.group() for m in PLACEHOLDER_RE.finditer(other))


def test_an_mbi_dashed_or_not_any_case_is_one_placeholder() -> None:
    values = ["1EG4-TE5-MK73", "1eg4te5mk73", "1EG4TE5MK73"]
    har = {
        "log": {"entries": [entry("GET", f"https://spot.fcso.com/x?q={v}", 200) for v in values]}
    }
    urls = [e["request"]["url"] for e in sanitize(har, key=KEY).har["log"]["entries"]]
    tags = [PLACEHOLDER_RE.search(u).group(3) for u in urls]  # type: ignore[union-attr]
    assert len(set(tags)) == 1


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("1EG4-TE5-MK73", "mbi"),
        ("1eg4te5mk73", "mbi"),
        ("0EG4TE5MK73", None),
        ("1SG4TE5MK73", None),
        ("x1EG4TE5MK73", None),
        ("jo@example.org", "email"),
        ("904-555-0100", "phone"),
        ("04/17/1951", "date"),
        ("2026-01-02", "date"),
        ("078-05-1120", "ssn"),
        ("Zm9vYmFyYmF6cXV4MTIzNDU2", "token"),
        ("AppleWebKit/537.36", None),
    ],
)
def test_recognizers(text: str, kind: str | None) -> None:
    found = find_all(text)
    assert (found[0].kind if found else None) == kind


def test_field_names_say_what_they_hold() -> None:
    assert [
        kind_for_key(n)
        for n in (
            "password",
            "stateToken",
            "code",
            "state",
            "first_name",
            "date_of_birth",
            "date_of_service",
            "mbi",
            "email",
            "colour",
        )
    ] == [
        "password",
        "session",
        "oauth-code",
        "oauth-state",
        "name",
        "dob",
        "dos",
        "mbi",
        "email",
        "value",
    ]


def test_a_name_typed_in_a_form_is_redacted_wherever_it_recurs() -> None:
    har = fresh()
    har["log"]["entries"][0]["response"]["content"]["text"] = (
        f"<p>Welcome back, {builders.LAST.upper()}.</p>"
    )
    out = sanitize(har, key=KEY)
    assert builders.LAST.lower() not in out.text.lower()
    posted = re.search(r"last_name=(\[redacted:name:8:[0-9a-f]{8}\])", out.text)
    assert posted is not None
    assert posted.group(1) in out.har["log"]["entries"][0]["response"]["content"]["text"]


def test_free_text_keeps_vocabulary_words_only() -> None:
    har = _one(
        entry(
            "GET",
            "https://spot.fcso.com/",
            200,
            body="<p>The system is unavailable for Zorbatz Quelle at 12 Elm Row</p>",
        )
    )
    text = sanitize(har, key=KEY).har["log"]["entries"][0]["response"]["content"]["text"]
    assert text.startswith("<p>The system is unavailable for [redacted:text:")
    assert "Zorbatz" not in text
    assert "Elm" not in text


def _page_text(body: str) -> str:
    har = _one(entry("GET", "https://spot.fcso.com/", 200, body=body))
    text: str = sanitize(har, key=KEY).har["log"]["entries"][0]["response"]["content"]["text"]
    return text


def test_a_word_that_names_a_plain_tag_is_redacted_in_text_and_kept_as_the_tag() -> None:
    # The words not kept are looked for over the whole page: not as a tag's name, nor inside a
    # longer word, nor in a tag's attributes (where their own rules apply).
    text = _page_text('<td>td Zorbatz</td><x-qq>qq</x-qq><p class="td">xZorbatz and Zorbatz-td</p>')
    words = PLACEHOLDER_RE.sub("#", text)
    assert words == '<td># #</td><x-qq>#</x-qq><p class="td"># and #-#</p>'


def test_a_page_of_many_unknown_words_has_each_redacted() -> None:
    # More different words not kept than one pattern of them is worth: read run by run instead.
    names = [f"Zq{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(400)]
    text = _page_text("<table>" + "".join(f"<tr><td>{n} results</td></tr>" for n in names))
    assert not [n for n in names if n in text]
    assert text.count("[redacted:text:4:") == 400
    assert text.count("<tr><td>") == 400
    assert text.count(" results</td></tr>") == 400


def test_a_survivor_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # A walk with a hole in it: the final check catches what it let through.
    monkeypatch.setattr(sanitize_module._Walk, "url", lambda self, url: url)
    with pytest.raises(
        SanitizeRefused, match=r"^refused: the sanitized copy still held \d+ "
    ) as refused:
        sanitize(fresh(), key=KEY)
    assert "mbi" in refused.value.survivors
    for secret in SECRETS:
        assert secret not in str(refused.value)


def test_the_vocabulary_holds_no_planted_name() -> None:
    assert {builders.FIRST.lower(), builders.LAST.lower(), "smith"}.isdisjoint(vocabulary())


# -- the property: a secret planted anywhere does not survive ------------------------------------


def _mbi_text(chars: tuple[str, ...], dashed: bool, lower: bool) -> str:
    text = "".join(chars)
    text = f"{text[:4]}-{text[4:7]}-{text[7:]}" if dashed else text
    return text.lower() if lower else text


_MBI = st.builds(
    _mbi_text,
    st.tuples(*(st.sampled_from(a) for a in mbi_format.POSITIONS)),
    st.booleans(),
    st.booleans(),
)
_TOKEN = st.builds(
    lambda letters, digits: letters[:5] + digits + letters[5:] + "Zq9",
    st.text("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ", min_size=14, max_size=24),
    st.text("0123456789", min_size=4, max_size=8),
)
_JWT = st.builds(
    lambda sub, iat: jwt({"sub": sub, "iat": iat, "exp": iat + 300}),
    _TOKEN,
    st.integers(1_600_000_000, 1_900_000_000),
)
_EMAIL = st.builds(
    lambda a, b: f"{a}@{b}.example.org",
    st.text("abcdefghijklmnop", min_size=4, max_size=10),
    st.text("abcdefgh", min_size=3, max_size=8),
)
_DATE = st.builds(
    lambda m, d, y: f"{m:02d}/{d:02d}/{y}",
    st.integers(1, 12),
    st.integers(1, 28),
    st.integers(1920, 2030),
)
SECRET = st.one_of(_MBI, _TOKEN, _JWT, _EMAIL, _DATE)


def _plant(har: dict[str, Any], where: int, secret: str, key: str) -> None:
    """Put ``secret`` in one of the places a HAR file holds strings."""
    entries = har["log"]["entries"]
    e = entries[where % len(entries)]
    request, response = e["request"], e["response"]
    body_json = json.dumps({"data": {"items": [{key: secret}]}})
    places = [
        lambda: request.__setitem__(
            "url",
            request["url"] + ("&" if "?" in request["url"] else "?") + f"{key}={quote(secret)}",
        ),
        lambda: request.__setitem__(
            "url", request["url"].split("#")[0] + f"#{key}={quote(secret)}"
        ),
        lambda: request.__setitem__(
            "url", request["url"].split("?")[0].rstrip("/") + f"/{quote(secret)}"
        ),
        lambda: request["headers"].append(header(key, secret)),
        lambda: request["headers"].append(header("authorization", f"Bearer {secret}")),
        lambda: request["headers"].append(header("user-agent", f"Mozilla/5.0 {secret}")),
        lambda: request["cookies"].append({"name": key, "value": secret, "path": "/"}),
        lambda: request["queryString"].append({"name": key, "value": secret}),
        lambda: request.__setitem__(
            "postData",
            {
                "mimeType": "application/x-www-form-urlencoded",
                "text": f"{key}={quote_plus(secret)}",
            },
        ),
        lambda: request.__setitem__(
            "postData", {"mimeType": "application/json", "text": body_json}
        ),
        lambda: request.__setitem__(
            "postData",
            {
                "mimeType": "multipart/form-data; boundary=XyZ",
                "text": f'--XyZ\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
                f"{secret}\r\n--XyZ--\r\n",
            },
        ),
        lambda: response["content"].update(mimeType="application/json", text=body_json),
        lambda: response["content"].update(
            mimeType="application/json",
            text=base64.b64encode(body_json.encode()).decode(),
            encoding="base64",
        ),
        lambda: response["content"].update(
            mimeType="text/html",
            text=f'<p class="x">Dear {secret}</p><input name="{key}" value="{secret}">'
            f'<a href="/p?{key}={secret}">x</a>',
        ),
        lambda: response["content"].update(
            mimeType="text/html", text=f"<script>var config = {{{key}: '{secret}'}};</script>"
        ),
        lambda: response["content"].update(mimeType="text/plain", text=f"note {secret} end"),
        lambda: response["content"].update(
            mimeType="image/png", text=base64.b64encode(secret.encode()).decode(), encoding="base64"
        ),
        lambda: response["headers"].append(header("set-cookie", f"{key}={secret}; Path=/")),
        lambda: response["headers"].append(header("x-custom", secret)),
        lambda: response.__setitem__(
            "redirectURL", f"https://spot.fcso.com/cb?{key}={quote(secret)}"
        ),
        lambda: response.__setitem__("statusText", f"Bad {secret}"),
        lambda: har["log"]["pages"][0].__setitem__("title", f"Eligibility {secret}"),
        lambda: har["log"]["pages"][0].__setitem__(
            "title", f"https://spot.fcso.com/x?{key}={quote(secret)}"
        ),
        lambda: har["log"].__setitem__("comment", f"see {secret}"),
        lambda: e.__setitem__("comment", secret),
        lambda: e.__setitem__("_custom", {"nested": [secret, {"deeper": secret}]}),
        lambda: e.__setitem__(
            "_webSocketMessages", [{"type": "receive", "time": 1.0, "opcode": 1, "data": body_json}]
        ),
        lambda: e.__setitem__(
            "_webSocketMessages", [{"type": "receive", "time": 1.0, "opcode": 1, "data": secret}]
        ),
        lambda: e.__setitem__(
            "_initiator",
            {"type": "script", "url": f"https://spot.fcso.com/a.js?{key}={quote(secret)}"},
        ),
    ]
    places[where % len(places)]()


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 10_000),
            SECRET,
            st.sampled_from(["q", "note", "id", "x_data", "error", "name", "href", "label"]),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_a_secret_planted_anywhere_does_not_survive(plants: list[tuple[int, str, str]]) -> None:
    har = fresh()
    for where, secret, key in plants:
        _plant(har, where, secret, key)
    result = sanitize(har)
    secrets = tuple(secret for _, secret, _ in plants) + SECRETS
    assert _survivors(result.text, secrets) == []
    assert not [m.group() for m in MBI_RE.finditer(PLACEHOLDER_RE.sub(" ", result.text))]
