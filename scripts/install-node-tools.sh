#!/usr/bin/env bash
# Installs the pinned Node tooling (Azurite, axe-core) from package-lock.json, once per lock-file change.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v npm >/dev/null || { echo "npm ontbreekt: installeer Node.js 20+ (apt-get install nodejs npm)." >&2; exit 1; }
stamp=node_modules/.ervaring-lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -x node_modules/.bin/azurite ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  exit 0
fi
echo "Node-tools installeren (npm ci)…"
npm ci --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp"
