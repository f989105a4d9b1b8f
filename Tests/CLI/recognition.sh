#!/usr/bin/env bash
# A recognition case made through a live server's API (a learner applies, the NIC's evaluator decides), then read
# from the command line: the NIC's queue, the case with its evidence, the NIC's figures as CSV and JSON.
source "$(dirname "$0")/setup.sh"
$accord seed --database "$db" > /dev/null
ACCORD_PASSWORD=learner-password $accord account create --database "$db" --email mere@example.org --name "Mere Tipene" --role learner > /dev/null
ACCORD_PASSWORD=evaluator-password $accord account create --database "$db" --email eval@nzqa.example --name Hana --role evaluator \
    --scope nz-nzqa > /dev/null

start_server
api="$base/api/v1"
token() { curl -sf "$api/tokens" -H 'Content-Type: application/json' -d "{\"email\": \"$1\", \"password\": \"$2\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'; }
learner=$(token mere@example.org learner-password)
evaluator=$(token eval@nzqa.example evaluator-password)
post() { curl -sf -X POST "$api/$1" -H "Authorization: Bearer $2" -H 'Content-Type: application/json' -d "${3:-{\}}"; }
id=$(post cases "$learner" '{"nic": "nz-nzqa", "purpose": "further-study", "kind": "microcredential", "items": [
    {"title": "Certificate in Data Analytics", "awarded_by": "Vocational Training Council", "country": "HK", "framework": "hkqf",
     "level": 4, "credits": 15}]}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])') || fail "applying failed"
post "cases/$id/submit" "$learner" > /dev/null || fail "submitting failed"

out=$($accord recognition queue --database "$db" --nic nz-nzqa)
grep -q "1 case(s) at nz-nzqa" <<<"$out" && grep -q "$id  evidence-gathered" <<<"$out" || fail "the queue should list the submitted case: $out"
$accord recognition show --database "$db" "$id" | python3 -c '
import json, sys
case = json.load(sys.stdin)
comparison = case["evidence"]["items"][0]["comparison"]
assert (comparison["level_min"], comparison["level_max"]) == (5, 6), comparison
assert case["state"] == "evidence-gathered", case["state"]
' || fail "recognition show should carry the evidence with NZQCF 5-6"

post "cases/$id/take" "$evaluator" > /dev/null || fail "taking failed"
post "cases/$id/decision" "$evaluator" '{"outcome": "partial", "credits": 15, "reasons": "Credit toward a level 6 diploma.",
    "differences": [{"kind": "workload", "text": "Smaller than a full certificate."}]}' > /dev/null || fail "deciding failed"
csv=$($accord recognition statistics --database "$db" --nic nz-nzqa)
grep -q "^country,received,decided,open,overdue,withdrawn,median_days,full,partial" <<<"$csv" || fail "the CSV header is wrong: $csv"
grep -q "^HK,1,1,0,0,0,0,0,1," <<<"$csv" || fail "one decided case from HK, partial: $csv"
$accord recognition statistics --database "$db" --nic nz-nzqa --format json | python3 -c '
import json, sys; figures = json.load(sys.stdin); assert figures["total"]["decided"] == 1, figures' || fail "the JSON figures are wrong"
out=$($accord recognition queue --database "$db" --nic nz-nzqa --state decided --format json)
python3 -c 'import json,sys; rows = json.loads(sys.argv[1]); assert [r["outcome"] for r in rows] == ["partial"], rows' "$out" \
    || fail "the decided filter should list the case: $out"

# The decision made the NIC's first signing key. Rotating keeps what the old key signed verifiable; reporting that key
# compromised from its creation makes its statement fail the registry check.
keys=$($accord nic-key list --database "$db" --nic nz-nzqa)
grep -q ":nics:nz-nzqa" <<<"$keys" && [ "$(grep -c '  active  ' <<<"$keys")" -eq 1 ] || fail "one active NIC key after the decision: $keys"
first_key=$(awk '/  active  /{print $1}' <<<"$keys")
created=$(grep -o 'created [^ ]*' <<<"$keys" | head -1 | cut -d' ' -f2)
$accord nic-key create --database "$db" --nic nz-nzqa | grep -q "created NIC key" || fail "no NIC key was created"
keys=$($accord nic-key list --database "$db" --nic nz-nzqa)
grep -q "$first_key  retired" <<<"$keys" || fail "the first key should be retired: $keys"
statement=$(curl -sf "$api/cases/$id" -H "Authorization: Bearer $learner" | python3 -c 'import json,sys; print(json.load(sys.stdin)["statements"][0])')
verify() { curl -sf "$api/statements/$statement" | curl -sf "$api/verify" -H 'Content-Type: application/json' --data-binary @-; }
verify | python3 -c '
import json, sys; report = json.load(sys.stdin); assert report["valid"], report
assert any("earlier key of the NIC" in note for note in report["registry"][0]["notes"]), report["registry"]' \
    || fail "the retired key's statement should still verify, saying so"
set +e
err=$($accord nic-key compromised "$first_key" --database "$db" --from 2000-01-01T00:00:00Z 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q "before the key was created" <<<"$err" || fail "a date before the key should exit 1 (rc $rc): $err"
err=$($accord nic-key create --database "$db" --nic nowhere 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q "no NIC 'nowhere'" <<<"$err" || fail "an unknown NIC should exit 1 (rc $rc): $err"
set -e
$accord nic-key compromised "$first_key" --database "$db" --from "$created" | grep -q "compromised from" || fail "not marked compromised"
verify | python3 -c '
import json, sys; report = json.load(sys.stdin); assert not report["valid"], report
assert any("NIC reported compromised" in c for c in report["registry"][0]["concerns"]), report["registry"]' \
    || fail "a statement signed by a compromised key should fail the registry check"
$accord audit list --database "$db" --subject "nic-key:$first_key" | grep -q "mark-compromised" || fail "no audit event for the mark"

set +e
err=$($accord recognition show --database "$db" case-nope 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q "no recognition case 'case-nope'" <<<"$err" || fail "an unknown case should exit 1 and say so (rc $rc): $err"
err=$($accord recognition queue --database "$db" --nic nz-nzqa --state sleeping 2>&1); rc=$?
[ $rc -eq 64 ] || fail "an unknown state is a usage error (rc $rc): $err"
err=$($accord recognition statistics --database "$db" --nic nowhere 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q "no NIC 'nowhere'" <<<"$err" || fail "an unknown NIC should exit 1 (rc $rc): $err"
set -e
echo "cli: recognition ok"
