#!/usr/bin/env bash
# Runs every test. On a fresh machine it first installs what the tests need (Debian's Chromium for the
# browser tests, Debian's PostgreSQL server binaries for the tests that start a throwaway cluster with
# initdb and pg_ctl; no system service is used); nothing is installed when it is already there.
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || [ -n "${POSTGRES_BIN:-}" ] || need_apt+=(postgresql)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing ${need_apt[*]} (Debian packages) for the tests..."
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

dotnet tool restore >/dev/null
dotnet build Outreach.slnx -c Release
dotnet test Outreach.slnx -c Release --no-build "$@"
