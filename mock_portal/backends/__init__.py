"""The CMS back ends SPOT asks: HETS for eligibility (``hets.py``, 270/271 with AAA reject
reasons; ``names.py`` its name matching), FISS for Part A claims (``fiss.py``, ``claims.py``),
and the gateway SPOT asks them through (``gateway.py``: outages, faults, timeouts).

A new back end: a module answering from :mod:`mock_portal.population`, a system in
:mod:`mock_portal.availability.systems`, and a call through the gateway.
"""
