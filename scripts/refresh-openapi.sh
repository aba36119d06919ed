#!/usr/bin/env bash
# Refreshes the web app's copy of the API description: web/openapi.json from the server's /openapi/v1.json
# (through OpenApiSnapshotTests, which starts the real server), then the TypeScript types generated from it
# (web/src/api/schema.d.ts). Commit both; the type check of the web build then shows what the change breaks.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/Conclave.Server.Tests -c Release -nologo -v q
CONCLAVE_REFRESH_OPENAPI=1 dotnet test tests/Conclave.Server.Tests -c Release --no-build --filter "FullyQualifiedName~OpenApiSnapshotTests"
npm --prefix web run api
