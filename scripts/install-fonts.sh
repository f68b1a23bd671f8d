#!/usr/bin/env bash
# The survey pages are also in Tigrinya, written in the Ethiopic script: without an Ethiopic font the browser (and the
# browser tests) show empty boxes. Installs Debian's fonts-sil-abyssinica when it is missing and apt can be used;
# otherwise says what to install. Arabic is covered by the fonts Chromium brings along (DejaVu).
set -uo pipefail
if dpkg -s fonts-sil-abyssinica >/dev/null 2>&1 || fc-list 2>/dev/null | grep -qi ethiopic; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-sil-abyssinica) >/dev/null \
    && exit 0
fi
echo "Let op: geen lettertype voor het Ge'ez-schrift (Tigrinya). Installeer het Debian-pakket fonts-sil-abyssinica." >&2
exit 0
