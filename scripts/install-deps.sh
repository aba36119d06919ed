#!/usr/bin/env bash
# Installs what the tests need when it is missing: Debian packages and the npm packages of tests/e2e.
# Safe to run again: it installs only what is absent.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"

need_debs=()
for pkg in postgresql libsrtp2-dev coturn chromium softhsm2 openssl libssl-dev gcc; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need_debs+=("$pkg")
done
if [ ${#need_debs[@]} -gt 0 ]; then
  echo "install-deps: apt-get install ${need_debs[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_debs[@]}" >/dev/null
fi

if [ -f "$here/tests/e2e/package.json" ] && [ ! -d "$here/tests/e2e/node_modules/playwright-core" ]; then
  echo "install-deps: npm install (tests/e2e)"
  (cd "$here/tests/e2e" && npm install --no-audit --no-fund --silent)
fi
