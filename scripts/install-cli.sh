#!/usr/bin/env bash
# Puts the `conclave` command on the PATH: packs src/Conclave.Cli as a .NET tool into a local folder and
# installs it from there (or updates an earlier install). Nothing is fetched beyond the NuGet packages the
# build restores.
#
#   scripts/install-cli.sh                      # global tool: ~/.dotnet/tools/conclave
#   scripts/install-cli.sh --tool-path DIR      # into DIR instead (DIR/conclave)
#   scripts/install-cli.sh --no-build           # pack what the last build of -c CONFIGURATION made
#
# Options: --tool-path DIR, --configuration Release|Debug (default Release), --no-build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tool_path=""
configuration="Release"
no_build=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --tool-path) tool_path="$2"; shift 2 ;;
    --configuration|-c) configuration="$2"; shift 2 ;;
    --no-build) no_build=(--no-build); shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "install-cli.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

# A version of its own for each install, so `update` always takes this build, never a cached package.
version="0.1.0-local.$(date -u +%Y%m%d%H%M%S)"
feed="$(mktemp -d)"
trap 'rm -rf "$feed"' EXIT
dotnet pack "$root/src/Conclave.Cli/Conclave.Cli.csproj" -c "$configuration" "${no_build[@]}" \
  -p:PackageVersion="$version" -o "$feed" -nologo -v q

if [[ -n "$tool_path" ]]; then
  where=(--tool-path "$tool_path")
else
  where=(--global)
fi
if { [[ -z "$tool_path" ]] || [[ -d "$tool_path" ]]; } && dotnet tool list "${where[@]}" | awk 'NR > 2 { print tolower($1) }' | grep -qx conclave.cli; then
  verb=update
else
  verb=install
fi
dotnet tool "$verb" "${where[@]}" --add-source "$feed" --ignore-failed-sources --version "$version" Conclave.Cli
if [[ -z "$tool_path" ]] && ! command -v conclave >/dev/null 2>&1; then
  echo "conclave is installed in ~/.dotnet/tools, which is not on your PATH: add it, e.g." >&2
  echo "  echo 'export PATH=\"\$PATH:\$HOME/.dotnet/tools\"' >> ~/.bashrc && . ~/.bashrc" >&2
fi
