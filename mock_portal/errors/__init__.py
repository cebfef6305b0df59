"""The error catalogue (``catalogue.py``): every error the portal can show, with its stable
code, the fields it concerns, its text, its public source and the phrases providers use for it.
Every page renders them one way (``templates/_errors.html``).

A new error: an :class:`~mock_portal.errors.catalogue.ErrorCode` and its ``CatalogueEntry``
here, a scenario in ``e2e/`` marked ``@pytest.mark.covers("CODE")``, and a row in
``docs/errors.md``.
"""
