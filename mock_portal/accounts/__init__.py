"""IDM accounts and SPOT access: the models (``models.py``), creating users and organizations
(``provisioning.py``), the access-request lifecycle (``access.py``), IDM's lockout rule
(``lockout.py``), provider identifiers in CMS's shapes (``identifiers.py``) and the demo users'
password (``demo.py``; the demo users are the state file ``mock_portal/states/demo.toml``).

A new account rule: its state on :class:`~mock_portal.accounts.models.IdmUser`, the rule in a
module of its own here, the field in the control API's user call, and its catalogue code.
"""
