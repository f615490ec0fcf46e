#!/usr/bin/env bash
# README command 1: install what is missing, then run zkpilot (no arguments: the TUI on a sandbox).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$here/setup.sh"
exec node "$here/../build/cli.js" "$@"
