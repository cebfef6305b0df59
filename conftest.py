"""What only this repository's own suite sets up.

The portal, ``admin``, ``make_user``, the namespaces and pytest-playwright's browser come from the
installed distribution's pytest plugin (``mock_portal/testing/plugin.py``, entry point
``mock_portal``), which pytest loads by itself: registering it here as well would be an error.
"""

from __future__ import annotations

import os

# Imported before pytest's warning filters are set for collection: Authlib installs an "always"
# filter for its own deprecation warnings when this module is first imported, which, imported
# during collection (tests/examples), would put it ahead of pyproject's filterwarnings and print
# its httpx2 notice in every run's summary.
import authlib.deprecate  # noqa: F401
from hypothesis import settings

# Property tests judge correctness, not speed (benchmarks/ measures speed): no deadline, which
# a busy CI machine would trip at random, and the same examples on every run, with no example
# database left behind, so a failure reproduces from the log alone. Two depths of the same
# tests (docs/hardening.md, "Two depths"): "ci", every commit's run, and "deep", the scheduled
# fuzz job's (.github/workflows/fuzz-deep.yml). Chosen by HYPOTHESIS_PROFILE (or Hypothesis's own
# --hypothesis-profile); the fuzz tests' case counts follow it (fixtures/fuzzing.py).
settings.register_profile("ci", deadline=None, derandomize=True, database=None)
settings.register_profile("deep", parent=settings.get_profile("ci"), max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# The repository's own plugins (fixtures/: found because pytest puts this folder on sys.path).
pytest_plugins = [
    "fixtures.error_coverage",
    "fixtures.retry_artifacts",
    "fixtures.inprocess",
    "fixtures.fuzzing",
    "fixtures.har_corpus",
]
