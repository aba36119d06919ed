#!/usr/bin/env bash
# Refreshes the browser libraries the server serves from src/Conclave.Server/wwwroot/lib/ from npm.
# They are committed, so the server runs from a fresh clone without npm; run this to change version.
#   scripts/vendor-web.sh [SIGNALR_VERSION]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
version="${1:-10.0.11}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@microsoft/signalr@$version" >/dev/null)
tar -xzf "$work"/microsoft-signalr-"$version".tgz -C "$work"
target="$here/src/Conclave.Server/wwwroot/lib/signalr"
mkdir -p "$target"
cp "$work/package/dist/browser/signalr.min.js" "$target/signalr.min.js"
license="$(node -e "process.stdout.write(require('$work/package/package.json').license)")"
[ "$license" = "MIT" ] || { echo "vendor-web: @microsoft/signalr $version is licensed '$license', not MIT: check before committing" >&2; exit 1; }
printf '@microsoft/signalr %s (npm), dist/browser/signalr.min.js\n' "$version" > "$target/VERSION"
sha256sum "$target/signalr.min.js" | cut -d' ' -f1 >> "$target/VERSION"
echo "vendor-web: @microsoft/signalr $version -> $target"
