# Sourced by scripts/serve and scripts/test: makes .venv (Python 3.11+) and installs the
# project into it, with the extras named in $1 (e.g. "test"). Re-installs only when
# pyproject.toml changed since the last install, so repeated runs start at once.
set -euo pipefail
# Bytecode caches on, whatever the environment says: every Python process of a run (pytest's
# xdist workers, and the pytest and serve processes the suite's own tests start) otherwise
# recompiles about 500 modules, pytest's assertion rewrite included: 7.0 s to start pytest on
# one small file here, 3.2 s with the caches (issue 20). They go to __pycache__/ (git-ignored).
unset PYTHONDONTWRITEBYTECODE
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "error: Python 3.11 or newer is needed (tried '$PYTHON'; set PYTHON=...)" >&2
    exit 2
fi
if [ ! -x .venv/bin/python ]; then
    echo "== creating .venv"
    "$PYTHON" -m venv .venv
fi
extras=${1:-}
spec="."
[ -n "$extras" ] && spec=".[$extras]"
hash=$(.venv/bin/python -c 'import hashlib; print(hashlib.sha256(open("pyproject.toml","rb").read()).hexdigest()[:16])')
stamp=".venv/.installed-${extras:-base}-$hash"
# Every extra installs the base too: scripts/serve (no extra) after scripts/test (the test
# extra) has nothing to install.
if [ -z "$extras" ] && compgen -G ".venv/.installed-*-$hash" >/dev/null; then
    stamp=$(compgen -G ".venv/.installed-*-$hash" | head -n 1)
fi
if [ ! -f "$stamp" ]; then
    echo "== installing $spec into .venv"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$spec"
    touch "$stamp"
fi
