# Shared by start.sh and test.sh: create .venv and install the pinned requirements.
# usage: source scripts/setup_env.sh REQUIREMENTS_FILE
set -euo pipefail
req="${1:-requirements.txt}"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=0
apt_install() {  # install Debian packages that are missing
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> apt-get install ${missing[*]}"
  if [ $apt_updated = 0 ]; then as_root apt-get update -q; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
}
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv 2>/dev/null || { apt_install python3-venv; python3 -m venv .venv; }
fi
stamp=".venv/.installed-$(cat "$req" requirements.txt | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "==> pip install -r $req"
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$req"
  touch "$stamp"
fi
echo "==> building the prefecture layer and the indicator store (cached)"
.venv/bin/python -m geodata.build
.venv/bin/python -m geodata.county_build  # the county layer (issue 13; ~1 min of CPU, cached)
.venv/bin/python -m indicators.store
.venv/bin/python -m indicators.county.contiguity
