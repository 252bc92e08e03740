#!/usr/bin/env bash
# One command from a fresh clone to a running studio on the embedded defaults:
# installs npm packages (skipping Electron's binary download where it cannot be fetched),
# builds the app, and launches it (desktop app, or web mode where Electron cannot start).
set -euo pipefail
cd "$(dirname "$0")/.."
export ELECTRON_SKIP_BINARY_DOWNLOAD="${ELECTRON_SKIP_BINARY_DOWNLOAD:-1}"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
exec npm start -- "$@"
