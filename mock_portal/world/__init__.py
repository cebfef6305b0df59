"""The mutable state of one portal and how it is reached: the store of namespaces (``store.py``),
the mock's clock (``clock.py``), tables that expire by it (``expiring.py``), the journal
(``journal.py``), the outbox (``outbox.py``), PII masking for both (``pii.py``), the settings read
once at start (``config.py``) and the services every handler reaches (``services.py``).

Handlers reach a namespace only through :func:`mock_portal.sites.web.unit_of_work`.
"""
