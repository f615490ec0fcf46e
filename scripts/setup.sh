#!/usr/bin/env bash
# Installs what zkpilot needs and is missing, then builds it. Sourced by zkpilot.sh and test.sh;
# safe to run again (it only installs what is absent).
#   ZKPILOT_SETUP_FOR=test  also installs tmux (the end-to-end tests drive the TUI in tmux)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf 'zkpilot setup: %s\n' "$*" >&2; }

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  say "Node.js 20 or newer is required (found: $(node --version 2>/dev/null || echo none)). Install it from https://nodejs.org or your distribution, then run this again."
  exit 1
fi

missing=()
{ [ -f /usr/share/java/zookeeper.jar ] && command -v java >/dev/null; } || missing+=(zookeeper default-jre-headless)
if [ "${ZKPILOT_SETUP_FOR:-}" = test ]; then
  command -v tmux >/dev/null || missing+=(tmux)
fi
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    say "installing ${missing[*]} (Debian packages)"
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    say "missing: ${missing[*]}. Install Java 11+ and Apache ZooKeeper 3.8 (jar at /usr/share/java/zookeeper.jar) and tmux, then run this again."
    exit 1
  fi
fi

# npm ci when node_modules was not installed from this exact lock file (and patch).
lock_hash=$(cat package-lock.json patches/* | sha256sum | cut -d' ' -f1)
if [ "$(cat node_modules/.zkpilot-installed 2>/dev/null)" != "$lock_hash" ]; then
  say "installing npm dependencies (npm ci; builds the native ZooKeeper client)"
  npm ci --no-audit --no-fund >&2
  echo "$lock_hash" > node_modules/.zkpilot-installed
fi
if ! node -e 'require("zookeeper")' 2>/dev/null; then
  say "the native ZooKeeper client (npm package 'zookeeper') is not built; rebuilding it (needs python3, make, g++)"
  npm rebuild zookeeper >&2
  node -e 'require("zookeeper")' || { say "the native ZooKeeper client failed to build: see the npm output above"; exit 1; }
fi

npm run --silent build >&2
