"""HTML bodies in a capture: keep the markup a diagnosis reads, redact what a page says about
someone.

Tags and attribute names stay. Attribute values stay only where they are structure (``id``,
``class``, ``role``, ``type``, ``name``, ``aria-*`` states, and the catalogue's ``data-error-code``
and ``data-field``, which ``templates/_errors.html`` renders and ``har diagnose`` reads); links
(``href``, ``src``, ``action``) are sanitized as URLs; labels (``title``, ``alt``,
``placeholder``, ``aria-label``) and text are free text, vocabulary words only (``vocabulary.py``);
``value`` and every other attribute are redacted, by the kind the field's ``name`` says. Inline
scripts keep their code but not their string literals (Okta's hosted sign-in page carries its
``stateToken`` in one: a literal is kept only when it is an enumeration value); styles and
``<textarea>`` contents are redacted whole. Attributes are written back double-quoted.

A regular-expression tokenizer, not a parser: it never builds a tree, so a 5 MB page costs one
pass, and broken markup is walked as text rather than refused. Words of the text are redacted one
by one (``[redacted:text:...]`` each), so a name that recurs keeps its own placeholder. Only the
tokens that need a look get a call of their own (tags with attributes, comments, raw elements,
placeholders); plain tags and the words that stay are left as they are, and the words that do not
are found for the whole page at once (docs/performance.md, "har sanitize").
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Final

from mock_portal.captures.recognizers import kind_for_key
from mock_portal.captures.vocabulary import names, word_set

if TYPE_CHECKING:
    from mock_portal.captures.sanitize import _Walk

_TOKENS: Final = re.compile(
    r"<!--(?P<comment>.*?)-->"
    r"|<(?P<raw>script|style|textarea)\b(?P<rawattrs>[^>]*)>(?P<rawbody>.*?)</(?P=raw)\s*>"
    r"|<!(?P<decl>[^>]*)>"
    r"|<(?P<close>/?)(?P<tag>[A-Za-z][A-Za-z0-9:-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.S | re.I,
)
_ATTR: Final = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")
_JS_STRING: Final = re.compile(
    r"""(?P<key>[\w$]+["']?\s*[:=]\s*)?(?P<q>["'`])(?P<s>(?:\\.|(?!(?P=q))[^\\\n])*)(?P=q)"""
)

_URL_ATTRIBUTES: Final = names(
    "href src action formaction poster cite background longdesc manifest"
)
_STRUCTURE_ATTRIBUTES: Final = names(
    "id class type name for role method rel lang charset http-equiv autocomplete "
    "data-error-code data-field data-testid hidden disabled required checked selected "
    "readonly multiple tabindex target enctype dir maxlength minlength size inputmode "
    "width height scope colspan rowspan async defer crossorigin novalidate open"
)
_TEXT_ATTRIBUTES: Final = names("title alt placeholder aria-label label summary")
_STRUCTURE_VALUE: Final = re.compile(r"[\w .:/#-]{0,120}")


# A tag with no attribute (``<td>``, ``</tr>``, ``<br/>``) is written back as it is: it is left in
# the text between the tokens below, and skipped where that text's words are read. (A shorter
# name never helps it match: the letters given back are not blanks, slashes or ``>``.)
_PLAIN_TAG: Final = r"</?[A-Za-z][A-Za-z0-9:-]*[ /]*>"
# The tokens of a page that need a look: comments, raw elements, declarations, tags with
# attributes and placeholders. Everything between two tokens is text (with plain tags in it).
_MARKUP: Final = re.compile(
    _TOKENS.pattern.replace("|<(?P<close>", f"|<(?!{_PLAIN_TAG[1:]})(?P<close>", 1)
    + r"|(?P<placeholder>\[redacted:[a-z-]+:\d+:[0-9a-f]{8}(?: [^\]\[]*)?\])",
    re.S | re.I,
)
_PLAIN_TAG_RE: Final = re.compile(_PLAIN_TAG)
# The text between tokens, piece by piece: a plain tag, or a run of words the page shows.
_TEXT: Final = re.compile(
    rf"(?P<plain>{_PLAIN_TAG})|(?P<words>[A-Za-z0-9]+(?:[ \t]+[A-Za-z0-9]+)*)", re.I
)


def sanitize_html(walk: _Walk, html: str) -> str:
    # First over the whole page, once: what the provider typed, redacted by its own kind wherever
    # the page repeats it, then every value recognised by its shape (MBIs, dates, e-mail, JWTs),
    # in text and attributes alike. Then the markup and the words.
    html = walk.guard(html)
    guarding, walk.guarding = walk.guarding, False
    try:
        return _markup_and_words(walk, walk.keep(html))
    finally:
        walk.guarding = guarding


def _markup_and_words(walk: _Walk, html: str) -> str:
    """Each token through :func:`_piece`, and each word of the text between tokens that is not
    kept through ``walk.word``, in the page's order. Which words are not kept is known for the
    whole page at once (one set difference, in C), and only they are then looked for: most of a
    page is plain tags and vocabulary words, and they cost no call of their own."""
    tokens = list(_MARKUP.finditer(html))
    gaps: list[str] = []
    at = 0
    for token in tokens:
        gaps.append(html[at : token.start()])
        at = token.end()
    gaps.append(html[at:])
    text = _PLAIN_TAG_RE.sub(" ", "\n".join(gaps))
    unkept = {word for word in word_set(text) - walk.written if not walk.ok_word(word)}
    if len(unkept) > _MOST_UNKEPT:  # a pattern of them all would cost more than a call a run
        out: list[str] = []
        for gap, token in zip(gaps, tokens, strict=False):
            out += [_TEXT.sub(lambda m: _text(walk, m), gap), _piece(walk, token)]
        out.append(_TEXT.sub(lambda m: _text(walk, m), gaps[-1]))
        return "".join(out)
    found = tokens
    if unkept:  # in the page's order, as the redactions are counted
        found = sorted([*tokens, *_unkept_words(html, tokens, unkept)], key=re.Match.start)
    out = []
    at = 0
    for match in found:
        out.append(html[at : match.start()])
        out.append(_piece(walk, match) if match.re is _MARKUP else walk.word(match.group()))
        at = match.end()
    out.append(html[at:])
    return "".join(out)


# More different words not kept than this in a page: each run of words gets a call instead.
_MOST_UNKEPT: Final = 256


def _unkept_words(html: str, tokens: list[re.Match[str]], unkept: set[str]) -> list[re.Match[str]]:
    """Where the words of ``unkept`` stand as words in the page's text: not inside a token, not
    inside a longer word, not the name of a plain tag."""
    # No look-behind (it would be tried at every position): a match that starts inside a longer
    # word is dropped below; it ends where that word ends, so it hides no other.
    pattern = re.compile("(?:" + "|".join(map(re.escape, sorted(unkept))) + ")(?![A-Za-z0-9])")
    starts = [token.start() for token in tokens]
    plain: list[tuple[int, int]] | None = None
    words: list[re.Match[str]] = []
    for match in pattern.finditer(html):
        start = match.start()
        at = bisect.bisect_right(starts, start) - 1
        if at >= 0 and start < tokens[at].end():
            continue  # in a tag's attributes, a comment, a script: the token's own business
        before = html[start - 1] if start else " "
        if before.isascii() and before.isalnum():
            continue  # the end of a longer word
        if before in "</:-":  # perhaps a plain tag's name (<td>, </x-y>)
            if plain is None:
                plain = [tag.span() for tag in _PLAIN_TAG_RE.finditer(html)]
            at = bisect.bisect_right(plain, (start, len(html))) - 1
            if at >= 0 and plain[at][0] < start < plain[at][1]:
                continue
        words.append(match)
    return words


def _text(walk: _Walk, match: re.Match[str]) -> str:
    return walk.words(match.group()) if match.lastgroup == "words" else match.group()


def _piece(walk: _Walk, match: re.Match[str]) -> str:
    kind = match.lastgroup
    if kind == "placeholder":
        return match.group()
    if match.group("tag") is not None:
        if not match.group("attrs").strip(" /"):
            return match.group()
        return walk.cached("tag", match.group(), lambda text: _tag(walk, text))
    if match.group("comment") is not None:
        return f"<!--{walk.prose(match.group('comment'))}-->"
    if match.group("raw"):
        tag = match.group("raw")
        body = match.group("rawbody")
        attrs = _attributes(walk, tag, match.group("rawattrs"))
        if tag.lower() == "script":
            body = _script(walk, body)
        elif body:
            body = walk.redact("style" if tag.lower() == "style" else "value", body)
        return f"<{tag}{attrs}>{body}</{tag}>"
    decl = match.group("decl") or ""
    if re.fullmatch(r"(?i)doctype html\s*", decl):
        return match.group()
    return f"<!{walk.redact('value', decl)}>"


def _tag(walk: _Walk, text: str) -> str:
    match = _TOKENS.fullmatch(text)
    if match is None or match.group("tag") is None:  # cannot happen: text is such a match
        return walk.redact("value", text)
    tag, close = match.group("tag"), match.group("close")
    attrs = match.group("attrs")
    self_closing = attrs.rstrip().endswith("/")
    if self_closing:
        attrs = attrs.rstrip()[:-1]
    rebuilt = _attributes(walk, tag, attrs)
    return f"<{close}{tag}{rebuilt}{' /' if self_closing else ''}>"


def _attributes(walk: _Walk, tag: str, text: str) -> str:
    pairs: list[tuple[str, str | None]] = []
    for match in _ATTR.finditer(text):
        value = next((g for g in match.groups()[1:] if g is not None), None)
        pairs.append((match.group(1), value))
    field = next(
        (v for n, v in pairs if n.lower() in ("name", "id") and v), ""
    )  # what an input holds, by its name
    button = tag.lower() == "button" or any(
        n.lower() == "type" and (v or "").lower() in ("submit", "button", "reset") for n, v in pairs
    )
    out: list[str] = []
    for name, value in pairs:
        key = walk.key(name)
        if value is None:
            out.append(f" {key}")
            continue
        kept = _attribute(walk, name.lower(), value, field, button).replace('"', "&quot;")
        out.append(f' {key}="{kept}"')
    return "".join(out)


def _attribute(walk: _Walk, name: str, value: str, field: str, button: bool) -> str:
    if not value:
        return value
    if name in _URL_ATTRIBUTES:
        return walk.url(value)
    if name in _STRUCTURE_ATTRIBUTES or (name.startswith("aria-") and name not in _TEXT_ATTRIBUTES):
        if _STRUCTURE_VALUE.fullmatch(value):
            return walk.keep(value)
        return walk.redact("value", value)
    if name in _TEXT_ATTRIBUTES or (name == "value" and button):
        return walk.prose(value)
    if name == "value":
        return walk.value(kind_for_key(field) if field else "value", value)
    return walk.value(kind_for_key(name), value)


def _script(walk: _Walk, code: str) -> str:
    def literal(match: re.Match[str]) -> str:
        text = match.group("s")
        key = match.group("key") or ""
        if not text or walk.safe_token(text):
            return match.group()
        name = re.match(r"[\w$]+", key)
        kind = kind_for_key(name.group()) if name else "value"
        quote = match.group("q")
        return f"{key}{quote}{walk.value('script' if kind == 'value' else kind, text)}{quote}"

    return _JS_STRING.sub(literal, code)
