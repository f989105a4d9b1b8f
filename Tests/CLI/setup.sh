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
