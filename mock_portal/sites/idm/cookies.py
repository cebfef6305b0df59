"""IDM's cookie names. They differ from SPOT's because cookies ignore ports, and both sites
run on one host in the mock."""

SESSION_COOKIE = "idm_sid"
