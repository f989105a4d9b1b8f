# Sourced by the CLI scripts: the built binary, sqlite3 for looking inside the database, a throwaway directory (the
# data directory, so the key-encryption key never lands in the repository) and `fail`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
accord=.build/debug/accord
if ! command -v sqlite3 >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null
fi
work=$(mktemp -d /tmp/accord-cli.XXXXXX)
trap 'rm -rf "$work"' EXIT
export ACCORD_DATA_DIR="$work/data"
db="$work/accord.sqlite"
fail() { echo "cli: $*" >&2; exit 1; }

# Starts `accord serve` on the test database at a free port (stopped on exit) and sets `base` to its address.
start_server() {
    local port
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    $accord serve --database "$db" --port "$port" > "$work/serve.log" 2>&1 &
    server=$!
    trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
    for _ in $(seq 1 300); do grep -q "listening on" "$work/serve.log" 2>/dev/null && break; sleep 0.2; done
    grep -q "listening on" "$work/serve.log" || fail "accord serve did not start: $(cat "$work/serve.log")"
    base="http://127.0.0.1:$port"
}
