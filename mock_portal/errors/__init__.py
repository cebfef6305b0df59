"""The error catalogue (``catalogue.py``): every error the portal can show, with its stable
code, the fields it concerns, its text, its public source and the phrases providers use for it.
Every page renders them one way (``templates/_errors.html``).

A new error: an :class:`~mock_portal.errors.catalogue.ErrorCode` and its ``CatalogueEntry``
here, the pages it can appear on (and its field rules) in ``surfaces.py``, a browser scenario in
``e2e/`` on each of them marked ``@pytest.mark.covers("CODE", page=..., fields=...)`` (the rule:
docs/coverage.md), and a row in ``docs/errors.md``.
"""
