#!/usr/bin/env bash
# Builds the Flex Consumption deployment package: artifacts/ervaring-functions.zip
#
#   host.json                      Functions host configuration (custom handler)
#   <Function>/function.json       one folder per trigger, as in functions/ (only folders with a function.json)
#   app/                           the app, published self-contained for linux-x64;
#                                  app/Ervaring.Functions is the executable host.json names
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
  -c Release -r linux-x64 --self-contained \
  -o "$package/app" \
  --artifacts-path "$staging/build" \
  --nologo -v quiet

cp host.json "$package/"
count=0
for definition in functions/*/function.json; do
  [ -f "$definition" ] || continue
  name=$(basename "$(dirname "$definition")")
  mkdir -p "$package/$name"
  cp "$definition" "$package/$name/function.json"
  count=$((count + 1))
done
[ "$count" -gt 0 ] || { echo "Geen functions/*/function.json gevonden." >&2; exit 1; }

executable=$(sed -n 's/.*"defaultExecutablePath" *: *"\([^"]*\)".*/\1/p' host.json)
[ -n "$executable" ] || { echo "host.json noemt geen customHandler.description.defaultExecutablePath." >&2; exit 1; }
[ -f "$package/$executable" ] || { echo "Het programma $executable uit host.json staat niet in het pakket." >&2; exit 1; }
chmod 755 "$package/$executable"

mkdir -p "$(dirname "$out")"
rm -f "$out"
if command -v zip >/dev/null; then
  # zip keeps the Unix permission bits, so the executable stays executable.
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
