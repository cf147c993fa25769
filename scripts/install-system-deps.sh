#!/usr/bin/env bash
# Debian packages campaignkit needs, installed only when missing.
#   runtime: CJK fonts (or Chinese renders as boxes), Pango (WeasyPrint draws the 明白卡 and
#            handout PDFs with it) and Chromium (draws a handout's charts as SVG for its PDF,
#            through Playwright, which cannot download browsers here) and espeak-ng (reads a
#            page's sentences aloud in Mandarin, offline: the 🔊 buttons).
#   test:    the same; Playwright drives Chromium for the browser tests too; and PostgreSQL
#            (the hub's tests start a throwaway cluster of their own).
#   hub:     PostgreSQL, for `campaignkit hub` (a banner's or a town office's server).
# Usage: install-system-deps.sh [runtime|test|hub]  (greps read all input: no SIGPIPE under pipefail)
set -euo pipefail
what="${1:-test}"
need=()
if [ "$what" != "hub" ]; then
  fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || need+=(fonts-noto-cjk fontconfig)
  ldconfig -p 2>/dev/null | grep "libpangoft2-1.0.so.0" >/dev/null || need+=(libpango-1.0-0 libpangoft2-1.0-0)
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v espeak-ng >/dev/null 2>&1 || need+=(espeak-ng)
fi
if [ "$what" != "runtime" ]; then
  # Debian keeps initdb, pg_ctl and postgres in /usr/lib/postgresql/<version>/bin, off PATH.
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
fi
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing Debian packages: ${need[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "Need root (or sudo) to install: ${need[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
