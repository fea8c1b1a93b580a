#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine: Debian's chromium (the browser tests drive it with
# playwright-core; test tools' own browser downloads do not work here) with its colour emoji font, and the npm
# dependencies, whose install also builds both packages. `--ci` installs exactly the lockfile (npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."
# fonts-noto-color-emoji: without it Chromium draws emoji as empty boxes (the inbox's emoji test and screenshots)
missing=""
command -v chromium >/dev/null 2>&1 || missing=" chromium"
[ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || missing="$missing fonts-noto-color-emoji"
if [ -n "$missing" ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing Debian's$missing for the browser tests"
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
fi
if [ "${1:-}" = "--ci" ]; then
  npm ci --no-audit --no-fund
else
  npm install --no-audit --no-fund
fi
