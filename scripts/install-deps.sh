#!/usr/bin/env bash
# Installs what the tests need when it is missing: Debian packages and the npm packages of tests/e2e and web/
# Safe to run again: it installs only what is absent.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"

need_debs=()
for pkg in postgresql libsrtp2-dev coturn chromium softhsm2 openssl libssl-dev gcc; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need_debs+=("$pkg")
done
# Node.js builds the web app (web/) and drives the browser tests; Debian's nodejs is 20.x.
command -v node >/dev/null 2>&1 || need_debs+=(nodejs npm)
if [ ${#need_debs[@]} -gt 0 ]; then
  echo "install-deps: apt-get install ${need_debs[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_debs[@]}" >/dev/null
fi

if [ -f "$here/tests/e2e/package.json" ] && { [ ! -d "$here/tests/e2e/node_modules/playwright-core" ] || [ ! -d "$here/tests/e2e/node_modules/axe-core" ]; }; then
  echo "install-deps: npm ci (tests/e2e)"
  (cd "$here/tests/e2e" && npm ci --no-audit --no-fund --silent)
fi

# The web app's packages (web/). Building the server restores them too (web/WebApp.targets), when
# package-lock.json changed; this makes a clean clone ready for `npm --prefix web test` as well.
if [ -f "$here/web/package-lock.json" ] && [ ! -d "$here/web/node_modules/vite" ]; then
  echo "install-deps: npm ci (web)"
  (cd "$here/web" && npm ci --no-audit --no-fund --silent)
fi
