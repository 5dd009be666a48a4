#!/usr/bin/env bash
# Runs every test. Installs what the tests need on a fresh machine first (nothing when already there).
set -euo pipefail
cd "$(dirname "$0")"
dotnet tool restore >/dev/null
dotnet build Outreach.slnx -c Release
dotnet test Outreach.slnx -c Release --no-build --logger "console;verbosity=normal" "$@"
