"""IDM's cookie names. They differ from SPOT's because cookies ignore ports, and both sites
run on one host in the mock."""

SESSION_COOKIE = "idm_sid"
# Retired: IDM no longer keeps "the" sign-in transaction in a cookie (one cookie per browser made
# a second tab's log in fail). Each transaction is addressed by its own URL, as Okta's are (see
# mock_portal/sites/idm/authorize.py). The name stays for callers that still send it; IDM
# ignores it.
TRANSACTION_COOKIE = "idm_tx"
