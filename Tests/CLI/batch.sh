#!/usr/bin/env bash
# Batch issuance through the built CLI, killed with SIGKILL midway and run again: every valid row ends with exactly
# one credential (and one audit event), none half-written, the audit chain intact; refused rows are reported with
# their lines and make the exit status 2; the report's claim links match the stored token hashes.
source "$(dirname "$0")/setup.sh"

"$accord" seed --database "$db" > /dev/null
"$accord" issuer-key create --database "$db" --provider nz-ecnz > /dev/null
rows=6000
{
    echo "email,name,completion date,result"
    for i in $(seq 1 $rows); do echo "learner$i@example.org,Learner $i,2026-10-$(printf %02d $((i % 28 + 1))),Pass"; done
    echo "not-an-email,Nobody,2026-10-01,"
} > "$work/learners.csv"
issued() { sqlite3 "$db" "SELECT count(*) FROM issued_credentials WHERE batch_id IS NOT NULL"; }

"$accord" issue --database "$db" --microcredential nz-ecnz-he-pataka-reo --learners "$work/learners.csv" \
    > "$work/run1.out" 2> "$work/run1.err" &
pid=$!
# Killed once some chunks are written and well before the end.
for _ in $(seq 1 600); do
    count=$(issued 2>/dev/null || echo 0)
    [ "$count" -ge 1000 ] && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.05
done
kill -9 $pid 2>/dev/null || fail "the batch finished before it could be killed (raise rows)"
wait $pid 2>/dev/null || true
before=$(issued)
[ "$before" -gt 0 ] && [ "$before" -lt $rows ] || fail "killed with $before of $rows issued: not midway"
grep -q "line $((rows + 2)): 'not-an-email' is not an email address" "$work/run1.err" || fail "the refused row was not reported: $(cat "$work/run1.err")"

# Run again: it resumes (same file, same batch) and ends with one credential per row.
status=0
"$accord" issue --database "$db" --microcredential nz-ecnz-he-pataka-reo --learners "$work/learners.csv" \
    > "$work/run2.out" 2> "$work/run2.err" || status=$?
[ $status = 2 ] || fail "exit status $status with a refused row (expected 2): $(cat "$work/run2.err")"
grep -q "$before issued before" "$work/run2.err" || fail "the second run did not resume from $before: $(cat "$work/run2.err")"
grep -q "done: $rows of $rows issued, 1 refused" "$work/run2.out" || fail "unexpected outcome: $(cat "$work/run2.out")"
read -r total distinct slots <<< "$(sqlite3 -separator ' ' "$db" \
    "SELECT count(*), count(DISTINCT batch_row), count(DISTINCT status_index) FROM issued_credentials WHERE batch_id IS NOT NULL")"
[ "$total $distinct $slots" = "$rows $rows $rows" ] || fail "credentials $total, rows $distinct, slots $slots (expected $rows each)"
events=$(sqlite3 "$db" "SELECT count(*) FROM audit_events WHERE action = 'issue'")
[ "$events" = $rows ] || fail "$events issue events for $rows credentials"
[ "$(sqlite3 "$db" "SELECT issued_count FROM issuance_batches")" = $rows ] || fail "the batch's count is off"
"$accord" audit verify --database "$db" | grep -q "intact" || fail "the audit chain does not hold"

# A third run changes nothing.
"$accord" issue --database "$db" --microcredential nz-ecnz-he-pataka-reo --learners "$work/learners.csv" > /dev/null 2>&1 || true
[ "$(issued)" = $rows ] || fail "a third run issued more"

# The report: a claim link per issued row, which hashes to the stored token hash; the refused row with its reason.
report="$work/learners.csv.report.csv"
[ "$(stat -c %a "$report")" = 600 ] || fail "the report (claim links) is not mode 0600"
[ "$(grep -c ',issued,urn:uuid:' "$report")" = $rows ] || fail "the report does not list every issued row"
grep -q ",refused,,,'not-an-email' is not an email address" "$report" || fail "the refused row is not in the report"
token=$(sed -n 2p "$report" | grep -o 'claim/[A-Za-z0-9_-]*' | cut -d/ -f2)
hash=$(printf %s "$token" | sha256sum | cut -d' ' -f1)
[ "$(sqlite3 "$db" "SELECT batch_row FROM issued_credentials WHERE claim_token_hash = '$hash'")" = 1 ] || fail "row 1's claim link does not match"
sqlite3 "$db" "SELECT signed FROM issued_credentials WHERE batch_row = 4000" > "$work/c.json"
"$accord" credential verify "$work/c.json" --registry --database "$db" | grep -q "^VALID" || fail "a batch credential does not verify"

# Bad input: a file that is not there, a header without dates.
if "$accord" issue --database "$db" --microcredential nz-ecnz-he-pataka-reo --learners "$work/none.csv" 2> "$work/err"; then fail "a missing file was accepted"; fi
grep -q "cannot read" "$work/err" || fail "missing file: $(cat "$work/err")"
printf 'email,name\na@example.org,A\n' > "$work/bad.csv"
if "$accord" issue --database "$db" --microcredential nz-ecnz-he-pataka-reo --learners "$work/bad.csv" 2> "$work/err"; then fail "a file without dates was accepted"; fi
grep -q "completion date" "$work/err" || fail "no dates: $(cat "$work/err")"
echo "cli batch: ok (killed at $before of $rows, resumed to $rows, one credential per row)"
