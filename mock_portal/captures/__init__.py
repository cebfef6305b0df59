"""A provider's HAR capture of a log in: read it, sanitize it, diagnose which documented error it
shows, replay it on the mock (DESIGN.md, "Reported captures", **Contract**).

``diagnose.py`` runs the rules of ``rules/`` (one per catalogue code and mechanism, each with
its public source and its hand-made capture in ``fixtures/captures/``); ``report_html.py`` draws
a diagnosis as one page; ``replay.py`` turns it into the mock's scenarios and a pytest file.
"""
