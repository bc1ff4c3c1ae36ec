#!/usr/bin/env bash
# Set up everything the tests need (Debian chromium + chromium-driver + a CJK font, the virtualenv,
# the cached artefacts) and run the whole suite: lint, unit, callback and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup_env.sh requirements-test.txt
apt_install chromium chromium-driver fonts-wqy-microhei
apt_install postgresql nginx-light redis-server
pg_env="$(bash scripts/postgres_for_tests.sh start)"
eval "$pg_env"
trap 'bash scripts/postgres_for_tests.sh stop >/dev/null 2>&1 || true' EXIT
echo "==> ruff"
.venv/bin/ruff check .
echo "==> pytest"
.venv/bin/python -m pytest -q "$@"
