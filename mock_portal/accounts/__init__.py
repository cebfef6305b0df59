"""IDM accounts and SPOT access: the models (``models.py``), creating users and organizations
(``provisioning.py``), the access-request lifecycle (``access.py``), IDM's lockout rule
(``lockout.py``), provider identifiers in CMS's shapes (``identifiers.py``) and the demo users
``serve`` seeds (``demo.py``).

A new account rule: its state on :class:`~mock_portal.accounts.models.IdmUser`, the rule in a
module of its own here, the field in the control API's user call, and its catalogue code.
"""
