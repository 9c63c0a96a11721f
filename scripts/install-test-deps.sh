#!/usr/bin/env bash
# Installs what the whole test suite needs beyond npm packages, from Debian's packages, if absent:
# Chromium (browser tests) and a PostgreSQL server (the store and API tests run on it for real).
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then need+=(postgresql); fi
if [ ${#need[@]} -eq 0 ]; then
  echo "install-test-deps: chromium and postgresql already installed"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-test-deps: installing ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
