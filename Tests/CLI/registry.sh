#!/usr/bin/env bash
# End-to-end through the built CLI on a fresh SQLite file: migrate, seed, account, import (all or nothing), the audit
# log listed and verified, then one event edited directly in the database: `accord audit verify` exits 1 naming it.
source "$(dirname "$0")/setup.sh"

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
"$accord" compact --database "$db" | grep -q "compacted the search index" || fail "compact did not report"
set +e
"$accord" import microcredentials "$work/bad.csv" --database "$db" 2> "$work/err"; status=$?
set -e
[ "$status" = 1 ] || fail "a file with a bad row exited $status, expected 1"
grep -q "line 3 (nz-ecnz-cli-c): level" "$work/err" || fail "the bad row was not named by its file line: $(cat "$work/err")"
! grep -qiE "usage:|DecodingError|ValidationFailure" "$work/err" || fail "a data error printed usage or a Swift error: $(cat "$work/err")"

"$accord" account reset-link --email eval@nzqa.govt.nz --database "$db" | grep -q "^/reset-password?token=" || fail "no reset link printed"
if "$accord" account reset-link --email nobody@example.org --database "$db" 2>/dev/null; then fail "a reset link for an unknown email"; fi

# A second import of an existing id asks first; --update-existing replaces. Semicolon-separated files read too.
printf 'id;provider_id;title\nnz-ecnz-cli-a;nz-ecnz;Te reo Māori at work\n' > "$work/again.csv"
if "$accord" import microcredentials "$work/again.csv" --database "$db" 2> "$work/err"; then fail "an existing listing was overwritten silently"; fi
grep -q "update-existing" "$work/err" || fail "the refusal does not say how to replace: $(cat "$work/err")"
"$accord" import microcredentials "$work/again.csv" --update-existing --database "$db" | grep -q "imported 1" || fail "--update-existing did not replace"
: > "$work/empty.csv"
if "$accord" import microcredentials "$work/empty.csv" --database "$db" 2> "$work/err"; then fail "an empty file imported"; fi
grep -q "no rows" "$work/err" || fail "an empty file was not named as such: $(cat "$work/err")"
printf '[{"id": "nz-ecnz-cli-j", "provider_id": "nz-ecnz", "title": "J", "level": "four"}, {"id": "nz-ecnz-cli-k", "provider_id": "nz-ecnz", "title": "K"}]' > "$work/typed.json"
"$accord" import microcredentials "$work/typed.json" --skip-invalid --database "$db" > "$work/out"
grep -q "imported 1" "$work/out" && grep -q "record 1 (nz-ecnz-cli-j): level" "$work/out" || fail "one bad JSON value spoiled the import: $(cat "$work/out")"

# The review workflow from the command line: the queue, submit, return with reasons, approve.
"$accord" listing review nz-ecnz-cli-k submit --database "$db" | grep -q "submitted for review" || fail "submit failed"
"$accord" listing queue --database "$db" | grep -q "nz-ecnz-cli-k" || fail "the queue does not list the submitted listing"
if "$accord" listing review nz-ecnz-cli-k return --database "$db" 2> "$work/err"; then fail "a return without reasons passed"; fi
"$accord" listing review nz-ecnz-cli-k return --reasons "Name the NZQF level" --database "$db" | grep -q "returned" || fail "return failed"
"$accord" listing review nz-ecnz-cli-k submit --database "$db" > /dev/null
"$accord" listing review nz-ecnz-cli-k approve --database "$db" | grep -q "approved" || fail "approve failed"
[ "$(sqlite3 "$db" "SELECT count(*) FROM microcredentials WHERE id = 'nz-ecnz-cli-b'")" = 0 ] || fail "the good row of a refused file was written"

"$accord" audit list --database "$db" --subject microcredential:nz-ecnz-cli-a | grep -q "cli	import" || fail "the import is not in the audit log"
"$accord" audit verify --database "$db" | grep -q "intact" || fail "a fresh chain did not verify"
events=$(sqlite3 "$db" "SELECT count(*) FROM audit_events")
[ "$events" -ge 3 ] || fail "expected at least 3 audit events, found $events"

# Someone with the database file drops the append-only trigger and rewrites who did it.
sqlite3 "$db" "DROP TRIGGER audit_events_no_update;
    UPDATE audit_events SET actor = CASE actor WHEN 'system' THEN 'cli' ELSE 'system' END WHERE sequence = 2;"
set +e
"$accord" audit verify --database "$db" > /dev/null 2> "$work/verify"; status=$?
set -e
[ "$status" = 1 ] || fail "verify of an edited chain exited $status, expected 1"
grep -q "BROKEN at event 2" "$work/verify" || fail "verify did not name event 2: $(cat "$work/verify")"
echo "cli registry and audit: passed"
