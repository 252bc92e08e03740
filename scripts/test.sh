#!/usr/bin/env bash
# Runs every test of Parallax Studio on a fresh Debian machine like ours:
# installs npm packages and Debian's chromium + Mesa lavapipe when missing, then lint,
# typecheck, unit + engine conformance tests (Vitest), the build, and E2E (Playwright).
set -euo pipefail
cd "$(dirname "$0")/.."
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
export PARALLAX_TEST=1

step() { printf '\n==> %s\n' "$*"; }

step "npm packages"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
else
  echo "node_modules up to date"
fi

step "Debian packages (chromium, Mesa lavapipe)"
bash scripts/install-system-deps.sh

step "lint"
npx eslint .

step "typecheck"
npx tsc -p tsconfig.json --noEmit

step "unit and engine conformance tests"
mkdir -p test-results
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json

step "build (electron-vite: main, preload, renderer)"
npx electron-vite build

step "end-to-end tests (Playwright, Debian Chromium, web mode)"
PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/playwright.json npx playwright test --reporter=list,json

step "summary"
node scripts/test-summary.mjs test-results/vitest.json test-results/playwright.json
