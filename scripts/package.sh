#!/usr/bin/env bash
# Builds the Flex Consumption deployment package for runtime dotnet-isolated 10.0: artifacts/ervaring-functions.zip
#
# The zip is the app's publish output at its root, which is what the Functions host loads:
#   host.json, functions.metadata     host configuration; every function the Worker SDK found at build
#   worker.config.json                how the host starts the worker (dotnet Ervaring.Functions.dll)
#   extensions.json, .azurefunctions/ the binding extensions the host loads (HTTP, timer)
#   Ervaring.Functions.dll …          the app, framework-dependent (the platform brings .NET 10), ReadyToRun
#                                     for linux-x64 so the first request after a cold start is not spent in the JIT
#   survey-definitions/               the versioned questionnaires
#
# Needs the .NET SDK and either 'zip' (apt-get install zip) or python3 to write the archive.
# Usage: scripts/package.sh [output.zip]   (default: artifacts/ervaring-functions.zip)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
out=${1:-artifacts/ervaring-functions.zip}
case "$out" in /*) ;; *) out="$repo/$out" ;; esac

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
package="$staging/package"
mkdir -p "$package"

# Build in the staging folder (--artifacts-path), so the repository's own bin/ and obj/ are untouched
# and a build running next to this one is not disturbed.
dotnet publish functions/Ervaring.Functions \
  -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$package" \
  --artifacts-path "$staging/build" \
  --nologo -v quiet

for required in host.json functions.metadata worker.config.json extensions.json .azurefunctions Ervaring.Functions.dll; do
  [ -e "$package/$required" ] || { echo "$required ontbreekt in de publicatie; het pakket is niet compleet." >&2; exit 1; }
done
count=$(grep -c '"entryPoint"' "$package/functions.metadata")
[ "$count" -gt 0 ] || { echo "functions.metadata noemt geen enkele functie." >&2; exit 1; }

mkdir -p "$(dirname "$out")"
rm -f "$out"
if command -v zip >/dev/null; then
  (cd "$package" && zip -q -r -X "$out" .)
elif command -v python3 >/dev/null; then
  python3 - "$package" "$out" <<'PY'
import os, stat, sys, zipfile
root, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            info = zipfile.ZipInfo.from_file(path, os.path.relpath(path, root))
            info.create_system = 3  # Unix, so the permission bits below are honoured
            info.external_attr = (stat.S_IMODE(os.stat(path).st_mode) | stat.S_IFREG) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(path, "rb") as source:
                archive.writestr(info, source.read())
PY
else
  echo "Installeer 'zip' (apt-get install zip) of python3 om het pakket te maken." >&2
  exit 1
fi

echo "Pakket: ${out#"$repo"/} ($count functies, $(du -h "$out" | cut -f1))"
