#!/usr/bin/env bash
# Browser journeys in Debian's headless chromium, driven by selenium, against a live `accord serve` on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
# Noto CJK and Noto (core, with Thai) so the screenshots of the Chinese and Thai interface show glyphs, not boxes.
if [ -z "$(fc-list :lang=th family 2>/dev/null)" ] || [ -z "$(fc-list :lang=zh-cn family 2>/dev/null)" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-core fonts-noto-cjk >/dev/null
fi
if [ -z "$(fc-list :lang=th family)" ] || [ -z "$(fc-list :lang=zh-cn family)" ]; then
    echo "browser: no Thai or Chinese font after installing fonts-noto-core and fonts-noto-cjk" >&2
    exit 1
fi
# zbar reads the printable page's QR code back from a screenshot.
if ! command -v zbarimg >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq zbar-tools >/dev/null
fi
python3 -c 'import selenium' 2>/dev/null || pip install -q selenium
# axe-core (bundled in the pinned package) for the WCAG checks.
python3 -c 'import axe_selenium_python' 2>/dev/null || pip install -q axe-selenium-python==2.1.6
data=$(mktemp -d /tmp/accord-browser.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
ACCORD_DATA_DIR="$data" .build/debug/accord serve --port "$port" --database "$data/accord.sqlite" > "$data/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 300); do grep -q "listening on" "$data/serve.log" 2>/dev/null && break; sleep 0.2; done
if ! grep -q "listening on" "$data/serve.log"; then
    echo "browser: accord serve did not start within 60 s; its log:" >&2
    cat "$data/serve.log" >&2
    exit 1
fi
password=$(cat "$data/first-admin-password")
mkdir -p test-output/browser
ACCORD_URL="http://127.0.0.1:$port" ACCORD_ADMIN_PASSWORD="$password" python3 Tests/Browser/journeys.py || {
    echo "browser: server log follows" >&2
    tail -n 40 "$data/serve.log" >&2
    exit 1
}
