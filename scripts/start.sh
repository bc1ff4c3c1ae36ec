#!/usr/bin/env bash
# Set up (first run: virtualenv, pinned packages, cached layer) and start the dashboard on
# http://127.0.0.1:8050 with gunicorn. Works offline once the packages are installed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup_env.sh requirements.txt
echo "==> http://127.0.0.1:8050"
exec .venv/bin/gunicorn -c gunicorn.conf.py app:server
