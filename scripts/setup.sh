#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine: Debian's chromium (the browser tests drive it with
# playwright-core; test tools' own browser downloads do not work here) and the npm dependencies, whose install
# also builds both packages. `--ci` installs exactly the lockfile (npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing Debian's chromium for the browser tests"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
if [ "${1:-}" = "--ci" ]; then
  npm ci --no-audit --no-fund
else
  npm install --no-audit --no-fund
fi
