#!/usr/bin/env bash
# Install the Debian packages the test suite needs, only those missing: Chromium (end-to-end tests),
# poppler-utils (reading PDFs back), zbar-tools (decoding QR codes), PostgreSQL with contrib,
# DejaVu fonts (Vietnamese PDFs), clamav-daemon (the virus-scan tests start their own clamd, with a
# one-signature database: about 11 s to install, clamd answers within 0.1 s). Needs root when something
# is missing.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium chromium-driver)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)
# clamd lives in /usr/sbin, outside an ordinary user's PATH.
PATH="$PATH:/usr/sbin" command -v clamd >/dev/null 2>&1 || missing+=(clamav-daemon)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql postgresql-contrib)

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
echo "Installing missing system packages: ${missing[*]}" >&2
if [ "$(id -u)" -ne 0 ]; then
    echo "error: these Debian packages are missing and installing them needs root:" \
         "sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
