#!/usr/bin/env bash
# Installs what the bulletin pipeline needs on a Debian machine with Node 20: Debian packages
# (Chromium, poppler, qpdf, Ghostscript, FontForge), the npm dependencies and the pinned fonts.
# Safe to run again: each step does only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(chromium poppler-utils qpdf ghostscript fontforge-nox)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing Debian packages: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# puppeteer (inside pagedjs-cli) must never try to download its own browser: Debian's is used.
export PUPPETEER_SKIP_DOWNLOAD=1
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi

node bin/install-fonts.js
# Bundles src/ for the CLI now (build/, see bin/bulletin.js) rather than on the first command.
node bin/bulletin.js --version >/dev/null
echo "setup: done ($(node bin/bulletin.js doctor --short))" >&2
