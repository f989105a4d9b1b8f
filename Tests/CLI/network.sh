#!/usr/bin/env bash
# The NIC network from the command line: the seeded survey opened and answered through a live server's API by New
# Zealand's focal point, then read back with `accord survey`; an overdue action item found by `accord action-plans`.
source "$(dirname "$0")/setup.sh"
out=$($accord seed --database "$db")
grep -q "seeded the pre-workshop survey (a draft)" <<<"$out" || fail "seed should add the survey: $out"
ACCORD_PASSWORD=admin-password $accord account create --database "$db" --email admin@example.org --name Admin --role admin > /dev/null
ACCORD_PASSWORD=focal-password $accord account create --database "$db" --email fp@nz.example --name Aroha --role focal-point \
    --scope NZ > /dev/null
set +e
err=$(ACCORD_PASSWORD=focal-password $accord account create --database "$db" --email fp@x.example --name X --role focal-point \
    --scope "New Zealand" 2>&1); rc=$?
set -e
[ $rc -ne 0 ] && grep -q "scope" <<<"$err" || fail "a focal point needs a country code (rc $rc): $err"

start_server
api="$base/api/v1"
token() { curl -sf "$api/tokens" -H 'Content-Type: application/json' -d "{\"email\": \"$1\", \"password\": \"$2\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'; }
admin=$(token admin@example.org admin-password)
focal=$(token fp@nz.example focal-password)
curl -sf -X POST "$api/surveys/pre-workshop-tokyo-readiness/open" -H "Authorization: Bearer $admin" > /dev/null || fail "opening failed"
curl -sf -X PUT "$api/surveys/pre-workshop-tokyo-readiness/responses/NZ" -H "Authorization: Bearer $focal" -H 'Content-Type: application/json' \
    -d '{"submit": true, "answers": {"q1": "No", "q4": "Party", "q5": 5, "q7": "Yes, designated", "q10": ["Awareness among institutions"],
         "q11": "Peer review, with commas, of decisions"}}' > /dev/null || fail "answering failed"
curl -sf -X POST "$api/action-items" -H "Authorization: Bearer $focal" -H 'Content-Type: application/json' \
    -d '{"title": "Publish recognition decisions", "due": "2020-01-31", "assistance": "Peer review by NIC-Japan"}' > /dev/null \
    || fail "adding an item failed"

out=$($accord survey list --database "$db")
grep -q "^pre-workshop-tokyo-readiness  open  1/23 submitted" <<<"$out" || fail "the survey list: $out"
out=$($accord survey results --database "$db" pre-workshop-tokyo-readiness)
grep -q "submitted 1 of 23: NZ" <<<"$out" && grep -q "    1  Awareness among institutions" <<<"$out" || fail "the results: $out"
csv=$($accord survey results --database "$db" pre-workshop-tokyo-readiness --format csv)
grep -q '^NZ,.*,No,.*"Peer review, with commas, of decisions"' <<<"$csv" || fail "the CSV row for NZ: $csv"
set +e
out=$($accord action-plans --database "$db" --overdue); rc=$?
[ $rc -eq 3 ] && grep -q "^NZ  2020-01-31 OVERDUE  planned  Publish recognition decisions  \[assistance: Peer review by NIC-Japan\]" <<<"$out" \
    || fail "the overdue item (rc $rc): $out"
err=$($accord survey results --database "$db" nope 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q "no survey 'nope'" <<<"$err" || fail "an unknown survey should exit 1 (rc $rc): $err"
set -e
$accord action-plans --database "$db" --country MN > /dev/null || fail "an empty plan is not an error"

# The regional report in its three forms.
$accord report regional --database "$db" --out "$work/report.html"
grep -q "<h1>Regional status report</h1>" "$work/report.html" && grep -q 'id="timeline-tokyo-2011"' "$work/report.html" \
    || fail "the HTML report lacks its title or the Tokyo timeline"
csv=$($accord report regional --database "$db" --format csv)
grep -q "^NZ,New Zealand,,2018-02-01,2024-12-17,yes" <<<"$csv" || fail "New Zealand's row in the CSV: $(head -5 <<<"$csv")"
$accord report regional --database "$db" --format json | python3 -c '
import json, sys
report = json.load(sys.stdin)
assert report["surveys"][0]["submitted"] == ["NZ"], report["surveys"][0]["submitted"]
assert report["actions"]["overdue"] == 1 and report["registry"]["total"] > 0, report["actions"]' || fail "the JSON report is wrong"
set +e
err=$($accord report regional --database "$db" --format pdf 2>&1); rc=$?
set -e
[ $rc -eq 64 ] || fail "an unknown format is a usage error (rc $rc): $err"
echo "cli: network ok"
