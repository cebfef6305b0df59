"""Reported captures: a provider's HAR file of a failing log in.

What lives here:

- ``har.py``: reading a capture. :func:`~mock_portal.captures.har.read_har` parses and checks a
  HAR 1.2 file (W3C Web Performance WG's draft, softwareishard.com's HAR 1.2 spec), lenient about
  what Chrome/Edge, Firefox, Safari and Playwright add (``_`` fields carried through), strict
  about what the tools need; anything else is :class:`~mock_portal.captures.har.NotAHar` with one
  line saying why. :func:`~mock_portal.captures.har.iter_entries` gives a small typed, read-only
  view of each entry (:class:`~mock_portal.captures.har.Entry`).
- ``recognizers.py``: one class per kind of secret or PHI (cookie, authorization, JWT, password,
  OAuth values, MBI by CMS's position rules, names and dates typed in SPOT's forms, e-mail,
  phone...), in one registry, as Microsoft Presidio arranges its recognizers.
- ``sanitize.py``: ``har sanitize``: a default-deny structural walk over every string of a
  capture that keeps in clear only what a diagnosis needs (``KEPT`` lists it, with the reason
  for each; ``docs/captures.md`` is the same list for people), and checks its own output before
  anyone writes it (fail closed). ``html.py`` walks HTML bodies for it, ``vocabulary.py`` holds
  the words free text may keep.
- ``diagnose.py``: ``har diagnose``: sanitizes in memory, then runs the rules of ``rules/`` (one
  per catalogue code and mechanism, ruff-style, each with its public source and its hand-made
  capture in ``fixtures/captures/``) and merges what they find into one finding per code.
- ``report_html.py``: ``har diagnose --html``: one self-contained page, the flow as a sequence
  diagram (inline SVG), the failing step marked, the finding and the guide's fix.
- ``replay.py``: ``reproduce FILE.har [--write-test PATH]``: the scenarios of the codes found,
  and one pytest file that walks the capture's steps through the mock's own pages.

Adding a kind of secret: one recognizer class in ``recognizers.py`` and its test in
``tests/captures/``. Adding a field kept in clear: one entry in ``sanitize.KEPT`` with the reason a
diagnosis needs it, and its row in ``docs/captures.md``. Adding a diagnosis rule: see
``rules/__init__.py`` and ``docs/diagnosis.md``.

The commands (``mock-portal har ...``) live in ``mock_portal/cli/har.py``.
"""
