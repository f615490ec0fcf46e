#!/usr/bin/env bash
# README command 2: install what is missing, then type-check, lint and run the whole test suite (unit, real-ZooKeeper
# integration, zkCli side-by-side, TUI and tmux end-to-end tests). Extra arguments go to vitest.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ZKPILOT_SETUP_FOR=test bash "$here/setup.sh"
cd "$here/.."
# The type check (sources and tests) and the linter come first: either failing fails the run.
npm run --silent typecheck
npm run --silent lint
exec npx vitest run --reporter=default --reporter=json --outputFile.json=.vitest-results.json "$@"
