"""Whether IDM, HETS, FISS and SPOT are up at the mock's now: outages set by hand, maintenance
windows (``maintenance.py``, SPOT's weekly one too) and technical faults, combined in one place
(``status.py``); the systems themselves (``systems.py``) and which SPOT feature needs which
(``features.py``).

A new system: a :class:`~mock_portal.availability.systems.SystemName`, the features that need it,
and the back end that honours its faults in :mod:`mock_portal.backends.gateway`.
"""
