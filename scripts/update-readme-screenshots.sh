#!/usr/bin/env bash
# Copies the README's screenshots from the browser tests' output (tests/e2e/screenshots, written by every
# ./test.sh run and not kept in git) into docs/screenshots. Run it after the tests when a screen changes.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
from="$here/tests/e2e/screenshots"
to="$here/docs/screenshots"
mkdir -p "$to"

# README name <- the test's screenshot
shots=(
  "call-e2ee.png:e2ee-two-pages-alice.png"
  "call-standard.png:standard-two-pages-alice.png"
  "first-sign-in.png:first-sign-in-password.png"
  "admin-policies.png:app-admin-policies-new-light-1440.png"
  "admin-effective-policy-dark.png:app-admin-effective-dark-1440.png"
  "admin-dashboards.png:app-admin-dashboards-light-1440.png"
  "chat.png:app-chat-conversation-light-1440.png"
  "chat-dark-narrow.png:app-chat-conversation-dark-360.png"
  "teams.png:app-teams-team-light-1440.png"
  "teams-channel-dark-narrow.png:app-teams-channel-dark-360.png"
)
missing=0
for shot in "${shots[@]}"; do
  name="${shot%%:*}" source="$from/${shot#*:}"
  if [ -f "$source" ]; then
    cp "$source" "$to/$name"
  else
    echo "missing: $source (run the browser tests first)" >&2
    missing=1
  fi
done
exit "$missing"
