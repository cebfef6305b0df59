"""The demo users' password. The demo users themselves are a state file shipped in the
package, ``mock_portal/states/demo.toml`` (docs/state-files.md): ``serve`` starts the default
namespace with it, and its banner lists them from it."""

from __future__ import annotations

# Every user in mock_portal/states/demo.toml has it (tests/control/test_state_files.py checks).
DEMO_PASSWORD = "Spot-Demo-2026!"  # noqa: S105 (a published demo credential, by design)
