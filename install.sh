#!/usr/bin/env bash
# Install Segment Assistant into ./.venv. Safe to run again: it skips work already done.
#   bash install.sh         the app
#   bash install.sh --dev   the app plus the test tools
set -euo pipefail
cd "$(dirname "$0")"

extras=""
if [ "${1:-}" = "--dev" ]; then extras="[dev]"; fi
python=${PYTHON:-python3}

if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "Segment Assistant needs Python 3.11 or newer; '$python' is $("$python" --version 2>&1)." >&2
    echo "Install Python 3.11+ or point PYTHON at it: PYTHON=python3.11 bash install.sh" >&2
    exit 1
fi
if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv || { echo "Could not create .venv (on Debian/Ubuntu: apt-get install python3-venv)." >&2; exit 1; }
fi

# The browser test drives Debian's chromium (never a downloaded browser); CJK and emoji fonts
# let the page's Chinese labels render in its screenshots.
if [ -n "$extras" ] && [ ! -x /usr/bin/chromium ]; then
    if command -v apt-get >/dev/null 2>&1; then
        sudo=""; [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo="sudo"
        echo "Installing chromium for the browser test (apt-get) …"
        $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
            chromium fonts-noto-cjk fonts-noto-color-emoji >/dev/null \
            || echo "Could not install chromium: the browser test will be skipped." >&2
    else
        echo "No apt-get here: install chromium yourself, or the browser test is skipped." >&2
    fi
fi

# Skip pip entirely when nothing that decides the install has changed since the last run.
stamp=".venv/.installed${extras:+-dev}"
want="$(cat pyproject.toml install.sh | sha256sum | cut -c1-16)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    exit 0
fi

pip() { .venv/bin/python -m pip "$@" --disable-pip-version-check; }
# torch first and pinned: this version is a CPU-only wheel; an unpinned torch pulls GBs of CUDA.
pip install -q "torch==2.13.0"
pip install -q -e ".${extras}"
echo "$want" > "$stamp"
echo "Installed Segment Assistant${extras:+ with test tools} into .venv"
