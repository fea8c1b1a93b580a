#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine: Debian's chromium (the browser tests drive it with
# playwright-core; test tools' own browser downloads do not work here) with its colour emoji font, redis-server
# and postgresql (real servers for the smsc/verify stores), php-cli + php-soap + php-xml and python3-zeep (the SOAP tests'
# foreign clients) and the npm dependencies, whose install also builds both packages. `--ci` installs exactly the
# lockfile (npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
# Debian packages the tests use: chromium (browser tests) and fonts-noto-color-emoji (without it Chromium draws
# emoji as empty boxes), redis-server and postgresql (the smsc/verify stores; the tests start and stop their own
# servers on free loopback ports, so the packages' services are not needed)
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || missing+=(fonts-noto-color-emoji)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
# the SOAP tests' foreign clients: PHP's SoapClient and zeep on Debian's own python3 (/usr/bin/python3)
command -v php >/dev/null 2>&1 || missing+=(php-cli)
php -r 'exit(extension_loaded("soap") ? 0 : 1);' >/dev/null 2>&1 || missing+=(php-soap)
# php-xml: PHP's DOM, with which the OMS test's PHP client reads the documents OMS returns
php -r 'exit(class_exists("DOMDocument") ? 0 : 1);' >/dev/null 2>&1 || missing+=(php-xml)
/usr/bin/python3 -c "import zeep" >/dev/null 2>&1 || missing+=(python3-zeep)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing Debian's ${missing[*]} for the tests"
  # keep the packages from starting their system services (port 6379, 5432): nothing may outlive the run
  policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    policy=/usr/sbin/policy-rc.d
    $sudo sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod +x $policy"
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  if [ -n "$policy" ]; then $sudo rm -f "$policy"; fi
fi
if [ "${1:-}" = "--ci" ]; then
  npm ci --no-audit --no-fund
else
  npm install --no-audit --no-fund
fi
