#!/usr/bin/env bash
# Runs every test. On a fresh machine it first installs what the tests need (Debian's Chromium for the
# browser tests); nothing is installed when it is already there.
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing ${need_apt[*]} (Debian packages) for the tests..."
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

dotnet tool restore >/dev/null
dotnet build Outreach.slnx -c Release
dotnet test Outreach.slnx -c Release --no-build "$@"
