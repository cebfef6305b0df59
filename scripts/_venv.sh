# Sourced by scripts/serve and scripts/test: makes .venv (Python 3.11+) and installs the
# project into it, with the extras named in $1 (e.g. "test"). Re-installs only when
# pyproject.toml changed since the last install, so repeated runs start at once.
set -euo pipefail
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
stamp=".venv/.installed-${extras:-base}-$(.venv/bin/python -c 'import hashlib,sys; print(hashlib.sha256(open("pyproject.toml","rb").read()).hexdigest()[:16])')"
if [ ! -f "$stamp" ]; then
    echo "== installing $spec into .venv"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$spec"
    touch "$stamp"
fi
