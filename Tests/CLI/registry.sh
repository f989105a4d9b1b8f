#!/usr/bin/env bash
# End-to-end through the built CLI on a fresh SQLite file: migrate, seed, account, import (all or nothing), the audit
# log listed and verified, then one event edited directly in the database: `accord audit verify` exits 1 naming it.
set -euo pipefail
cd "$(dirname "$0")/../.."
accord=.build/debug/accord
if ! command -v sqlite3 >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null
fi
work=$(mktemp -d /tmp/accord-cli.XXXXXX)
trap 'rm -rf "$work"' EXIT
db="$work/accord.sqlite"
fail() { echo "cli: $*" >&2; exit 1; }

"$accord" migrate --database "$db" > /dev/null
"$accord" seed --database "$db" | grep -q "seeded" || fail "seed printed no summary"
ACCORD_PASSWORD=evaluator-password "$accord" account create --database "$db" --email eval@nzqa.govt.nz --name Eval --role evaluator --scope nz-nzqa \
    | grep -q "created evaluator" || fail "an evaluator for nz-nzqa was not created"
if ACCORD_PASSWORD=evaluator-password "$accord" account create --database "$db" --email x@example.org --name X --role evaluator --scope nowhere 2>/dev/null; then
    fail "an evaluator scoped to an unknown NIC was created"
fi

cat > "$work/good.csv" <<CSV
id,provider_id,title,framework,level,credits,mode,assessment,language,learning_outcomes
nz-ecnz-cli-a,nz-ecnz,Te reo Māori for the workplace,nzqcf,4,10,online,Oral assessment,mi,Hold a workplace conversation in te reo
CSV
cat > "$work/bad.csv" <<CSV
id,provider_id,title,framework,level,credits,mode
nz-ecnz-cli-b,nz-ecnz,Good row,nzqcf,4,10,online
nz-ecnz-cli-c,nz-ecnz,Bad level,nzqcf,42,10,online
CSV
"$accord" import microcredentials "$work/good.csv" --database "$db" | grep -q "imported 1" || fail "the good file was not imported"
if "$accord" import microcredentials "$work/bad.csv" --database "$db" 2> "$work/err"; then fail "a file with a bad row was imported"; fi
grep -q "row 2" "$work/err" || fail "the bad row was not named"
[ "$(sqlite3 "$db" "SELECT count(*) FROM microcredentials WHERE id = 'nz-ecnz-cli-b'")" = 0 ] || fail "the good row of a refused file was written"

"$accord" audit list --database "$db" --subject microcredential:nz-ecnz-cli-a | grep -q "cli	import" || fail "the import is not in the audit log"
"$accord" audit verify --database "$db" | grep -q "intact" || fail "a fresh chain did not verify"
events=$(sqlite3 "$db" "SELECT count(*) FROM audit_events")
[ "$events" -ge 3 ] || fail "expected at least 3 audit events, found $events"

# Someone with the database file drops the append-only trigger and rewrites who did it.
sqlite3 "$db" "DROP TRIGGER audit_events_no_update; UPDATE audit_events SET actor = 'system' WHERE sequence = 2;"
set +e
"$accord" audit verify --database "$db" > /dev/null 2> "$work/verify"; status=$?
set -e
[ "$status" = 1 ] || fail "verify of an edited chain exited $status, expected 1"
grep -q "BROKEN at event 2" "$work/verify" || fail "verify did not name event 2: $(cat "$work/verify")"
echo "cli registry and audit: passed"
