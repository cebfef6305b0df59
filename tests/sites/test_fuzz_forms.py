"""Hostile input into every form and query of both sites (Hypothesis, in-process).

Each case starts from a fresh namespace holding what the page was served with (a session, a
sign-in in flight), then posts the form with its fields mixed from valid and hostile values,
its hidden fields kept, dropped or replaced, encoded as a browser would or as multipart with a
file where text belongs. Whatever arrives: never a 5xx; a page answers a refusal with the error
catalogue's codes and keeps what was typed; nothing typed comes back unescaped; a body over the
front end's limit gets 413; a redirect never leaves for a place the input chose.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from fixtures.fuzz_targets import FORMS, NOT_FORMS, QUERIES, FormTarget, QueryTarget, Values
from fixtures.fuzzing import Tally, error_codes, fuzz_settings, sent_body_size
from fixtures.hostile import MARKER, hostile_text, shorten
from mock_portal.errors.catalogue import ErrorCode
from mock_portal.sites.build import MAX_BODY
from mock_portal.testing.admin_client import NAMESPACE_HEADER

if TYPE_CHECKING:
    import httpx

    from fixtures.inprocess import InProcessServer, Site, SyncClient

# Every commit: 18 forms at 20 and 3 queries at 15 (about 400 cases). The scheduled deep job
# ("deep" profile): 400 and 300 (about 8,100). Before the two depths every commit ran 100 and 75.
CASES_PER_FORM = 20
DEEP_CASES_PER_FORM = 400
CASES_PER_QUERY = 15
DEEP_CASES_PER_QUERY = 300
CATALOGUE_CODES = {code.value for code in ErrorCode}
Encoding = Literal["urlencoded", "multipart", "file"]


@dataclass(frozen=True)
class Submission:
    values: Values
    hidden: Literal["kept", "dropped", "replaced"]
    replacement: str
    encoding: Encoding
    release: str | None  # SPOT's page script stamps its forms with its release

    def __repr__(self) -> str:
        return (
            f"Submission(values={shorten(self.values)}, hidden={self.hidden!r}, "
            f"replacement={shorten(self.replacement)}, encoding={self.encoding!r}, "
            f"release={shorten(self.release)})"
        )

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # Hypothesis prints cases so
        printer.text(repr(self))


@dataclass(frozen=True)
class Query:
    params: Values

    def __repr__(self) -> str:
        return f"Query({shorten(self.params)})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))


def submissions(target: FormTarget, portal: InProcessServer) -> st.SearchStrategy[Submission]:
    return st.builds(
        Submission,
        values=target.values(portal),
        hidden=st.sampled_from(("kept", "kept", "kept", "kept", "dropped", "replaced")),
        replacement=hostile_text(),
        encoding=st.sampled_from(("urlencoded", "urlencoded", "multipart", "file")),
        release=st.sampled_from((None, None, "1", "hostile")).flatmap(
            lambda kind: hostile_text() if kind == "hostile" else st.just(kind)
        ),
    )


def _post(
    client: SyncClient, target: FormTarget, seat_cookies: dict[str, str], fields: Values,
    sent: Submission, namespace: str, origin: str,
) -> httpx.Response:  # fmt: skip
    client.cookies.clear()  # only what the page was served with, not what earlier cases set
    headers = {NAMESPACE_HEADER: namespace, "Origin": origin}
    if seat_cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in seat_cookies.items())
    if sent.encoding == "urlencoded":
        return client.post(target.path, data=fields, headers=headers)
    files = {"attachment": ("note.txt", b"hello", "text/plain")}
    if sent.encoding == "file" and sent.values:
        first = next(iter(sent.values))  # a file where the form has a text field
        files = {first: ("typed.txt", fields[first].encode(), "text/plain")}
        fields = {name: value for name, value in fields.items() if name != first}
    return client.post(target.path, data=fields, files=files, headers=headers)


def _check_redirect(answer: httpx.Response, portal: InProcessServer) -> None:
    location = answer.headers.get("location", "")
    assert location.startswith(("/", portal.urls.spot + "/", portal.urls.idm + "/")), location
    assert not location.startswith(("//", "/\\")), location


def _check_page(
    target: FormTarget, sent: Submission, fields: Values, answer: httpx.Response
) -> None:
    page = answer.text
    assert set(error_codes(page)) <= CATALOGUE_CODES
    if 400 <= answer.status_code < 500:
        assert error_codes(page), f"{answer.status_code} without a catalogue error"
    if answer.status_code == 422:
        sent_as_file = next(iter(sent.values), None) if sent.encoding == "file" else None
        for name in target.kept:
            if name != sent_as_file:
                assert str(escape(fields[name].strip())) in page, f"{name} was not kept"


def _check_oauth(answer: httpx.Response) -> None:
    if answer.status_code == 200 and not answer.content:
        return  # /revoke's answer (RFC 7009 section 2.2)
    body = answer.json()
    if answer.status_code == 200:
        # /token's tokens, or /introspect's {"active": ...} (RFC 7662 section 2.2)
        assert body.get("token_type") == "Bearer" or isinstance(body.get("active"), bool)
    else:
        assert answer.status_code in (400, 401)
        assert isinstance(body["error"], str)
        assert isinstance(body["error_description"], str)


@pytest.mark.parametrize("target", FORMS, ids=lambda t: t.name)
def test_a_form_survives_hostile_input(
    inprocess: InProcessServer,
    target: FormTarget,
    namespace: str,
    fuzz_tally: Tally,
) -> None:
    origin = inprocess.url(target.site)

    @fuzz_settings(ci=CASES_PER_FORM, deep=DEEP_CASES_PER_FORM)
    @given(sent=submissions(target, inprocess))
    def run(sent: Submission) -> None:
        world = inprocess.context.reset_world(namespace)
        with inprocess.context.store.lock:
            seat = target.seat(inprocess, world)
        hidden = {
            "kept": seat.hidden,
            "dropped": {},
            "replaced": dict.fromkeys(seat.hidden, sent.replacement),
        }[sent.hidden]
        release = {} if sent.release is None else {"spot_release": sent.release}
        fields = {**hidden, **release, **sent.values}
        answer = _post(client, target, seat.cookies, fields, sent, namespace, origin)
        fuzz_tally.count(answer)

        assert answer.status_code < 500, answer.text[:500]
        if sent_body_size(answer) > MAX_BODY:
            assert answer.status_code == 413
            return
        assert answer.status_code != 413
        assert MARKER not in answer.text, "a typed value came back unescaped"
        if answer.is_redirect:
            _check_redirect(answer, inprocess)
        elif target.answers == "oauth":
            _check_oauth(answer)
        else:
            _check_page(target, sent, fields, answer)

    # One client for all the cases (its event loop's thread started once, not per case); each
    # case starts with no cookie but those its page was served with (``_post``).
    with inprocess.client(target.site) as client:
        run()


@pytest.mark.parametrize("target", QUERIES, ids=lambda t: t.name)
def test_a_query_survives_hostile_parameters(
    inprocess: InProcessServer,
    target: QueryTarget,
    namespace: str,
    fuzz_tally: Tally,
) -> None:
    allowed = target.may_redirect_to(inprocess)

    @fuzz_settings(ci=CASES_PER_QUERY, deep=DEEP_CASES_PER_QUERY)
    @given(query=target.params(inprocess).map(Query))
    def run(query: Query) -> None:
        inprocess.context.reset_world(namespace)
        client.cookies.clear()
        answer = client.get(target.path, params=query.params, headers={NAMESPACE_HEADER: namespace})
        fuzz_tally.count(answer)

        assert answer.status_code < 500, answer.text[:500]
        assert MARKER not in answer.text, "a parameter came back unescaped"
        if answer.is_redirect:
            location = answer.headers["location"]
            assert location.startswith(allowed), location
        else:
            assert 400 <= answer.status_code < 500
            assert set(error_codes(answer.text)) <= CATALOGUE_CODES

    with inprocess.client(target.site) as client:
        run()


def _post_routes(inprocess: InProcessServer, site: Site) -> set[str]:
    app = inprocess.apps[site]
    return {
        route.path
        for route in getattr(app, "routes", [])
        if "POST" in (getattr(route, "methods", None) or ())
    }


@pytest.mark.parametrize("site", ["spot", "idm"])
def test_every_form_of_both_sites_is_fuzzed(inprocess: InProcessServer, site: Site) -> None:
    fuzzed = {t.path for t in FORMS if t.site == site}
    left_alone = {path for where, path in NOT_FORMS if where == site}
    # A route listed here needs a FormTarget in fixtures/fuzz_targets.py (or a NOT_FORMS reason).
    assert sorted(_post_routes(inprocess, site) - fuzzed - left_alone) == []
