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
echo "==> pytest (${LED_TEST_WORKERS:-2} processes; each test file runs in one of them)"
# two processes on two CPUs: the browser tests spend much of their time waiting for Chromium and the server;
# --durations lists the slowest tests, so a slow one shows up in every CI log
.venv/bin/python -m pytest -q -n "${LED_TEST_WORKERS:-2}" --dist loadfile --durations=25 "$@"
