"""The command line (``python -m mock_portal``): ``commands.py`` parses it, ``server.py`` runs
both sites on two ports of one process, ``gc_tuning.py`` tunes the collector for ``serve`` only,
``reproduce.py`` turns a provider's words into the scenarios that reproduce them, ``har.py`` holds
``har sanitize`` and the other commands on a provider's HAR capture.

A new sub-command: a parser and a function in ``commands.py``, documented in ``docs/cli.md``.
"""
