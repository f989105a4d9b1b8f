#!/usr/bin/env bash
# Qualifications through the built CLI on a fresh SQLite file: the seeded pathways are listed and shown; a changed
# rule is a new version (the old one still readable); a bad rule is refused naming its field; credential files are
# checked against the forestry pathway without storing anything: two Accord credentials and one from an issuer outside
# the registry (6 ECTS at EQF 5) complete it, one alone does not (exit 1), a tampered file is left out with its reason.
source "$(dirname "$0")/setup.sh"
pathway=nz-forestry-leadership-l5-example

"$accord" seed --database "$db" > /dev/null
"$accord" qualification list --database "$db" > "$work/list"
grep -q "^kr-acbs-bachelor  v1  korea" "$work/list" || fail "the ACBS example is not listed: $(cat "$work/list")"
grep -q "^$pathway  v1  nzqcf" "$work/list" || fail "the forestry example is not listed"
"$accord" qualification show "$pathway" --database "$db" > "$work/q.json"
python3 - "$work/q.json" <<'PY'
import json, sys
q = json.load(open(sys.argv[1]))
assert q["version"] == 1 and q["rules"][0] == {"kind": "total-credits", "label": "Credits in all", "min_credits": 60}, q
q["rules"][0]["min_credits"] = 70
for key in ("id", "version"):
    del q[key]
json.dump(q, open(sys.argv[1], "w"))
PY
"$accord" qualification set "$pathway" --file "$work/q.json" --database "$db" | grep -q "rules version 2" || fail "a rule change did not make version 2"
"$accord" qualification show "$pathway" --version 1 --database "$db" | grep -q '"min_credits" : 60' || fail "version 1 is not readable"
"$accord" qualification show "$pathway" --database "$db" | grep -q '"min_credits" : 70' || fail "version 2 is not current"
echo '{"title": "Bad", "awarding_body": "Body", "framework": "nzqcf", "rules": [{"kind": "credits-at-level", "level": 11, "min_credits": 5}]}' \
    > "$work/bad.json"
if "$accord" qualification set bad-one --file "$work/bad.json" --database "$db" 2> "$work/err"; then fail "a bad rule was saved"; fi
grep -q "rules\[0\].level" "$work/err" || fail "the refusal does not name the field: $(cat "$work/err")"
if "$accord" qualification show bad-one --database "$db" 2> /dev/null; then fail "a refused qualification exists"; fi

# Back to 60 credits, then check files against it.
sed -i 's/"min_credits":70/"min_credits":60/; s/"min_credits": 70/"min_credits": 60/' "$work/q.json"
"$accord" qualification set "$pathway" --file "$work/q.json" --database "$db" | grep -q "rules version 3" || fail "no version 3"
"$accord" issuer-key create --database "$db" --provider nz-mukatangata > /dev/null
"$accord" issue --database "$db" --microcredential nz-nzqa-128484-1 --email mere@example.org --name "Mere Tipene" --out "$work/leadership.json" 2> /dev/null
"$accord" issue --database "$db" --microcredential nz-nzqa-128479-1 --email mere@example.org --name "Mere Tipene" --suite jwt \
    --out "$work/pavement.jwt" 2> /dev/null
"$accord" key generate --out "$work/outsider.json" > "$work/outsider.did" 2> /dev/null
did=$(cat "$work/outsider.did")
cat > "$work/foreign.json" <<JSON
{"@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
 "id": "urn:uuid:5b0c3d8e-0000-4000-8000-000000000021", "type": ["VerifiableCredential", "OpenBadgeCredential"],
 "issuer": {"id": "$did", "type": ["Profile"], "name": "Forest School Europe"}, "validFrom": "2026-10-01T00:00:00Z",
 "name": "Sustainable forest operations",
 "credentialSubject": {"id": "did:example:mere", "type": ["AchievementSubject"], "achievement": {
   "id": "https://forest.example/achievements/sfo", "type": ["Achievement"], "name": "Sustainable forest operations",
   "description": "Plan and run sustainable harvesting", "criteria": {"narrative": "Assessed project"}, "creditsAvailable": 6,
   "alignment": [{"type": ["Alignment"], "targetName": "EQF level 5", "targetUrl": "https://europass.europa.eu/en/eqf",
                  "targetFramework": "eqf", "targetCode": "5"}]}}}
JSON
"$accord" credential sign "$work/foreign.json" --key "$work/outsider.json" --suite eddsa-rdfc-2022 > "$work/foreign-signed.json"
"$accord" qualification check "$pathway" --database "$db" --credential "$work/leadership.json" --credential "$work/pavement.jwt" \
    --credential "$work/foreign-signed.json" > "$work/check" || fail "three credentials do not complete the pathway: $(cat "$work/check")"
grep -q "(rules version 3): complete" "$work/check" || fail "not complete: $(cat "$work/check")"
grep -q "6 eqf credits = 150–180 notional hours = 15–18 nzqcf credits." "$work/check" || fail "no conversion: $(cat "$work/check")"
if "$accord" qualification check "$pathway" --database "$db" --credential "$work/pavement.jwt" > "$work/check"; then
    fail "one credential completed the pathway"
fi
grep -q "\[unmet\] Leadership" "$work/check" || fail "the unmet rule is not named: $(cat "$work/check")"
sed 's/Sustainable forest operations/Something else/' "$work/foreign-signed.json" > "$work/tampered.json"
"$accord" qualification check "$pathway" --database "$db" --credential "$work/leadership.json" --credential "$work/tampered.json" \
    --format json > "$work/check.json" || true
python3 - "$work/check.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
assert report["status"] == "incomplete", report["status"]
assert len(report["credentials"]) == 1 and report["refused"][0]["file"].endswith("tampered.json"), report
assert any("proof" in reason for reason in report["refused"][0]["reasons"]), report["refused"]
PY
# Nothing was stored by the checks: no learner record rows.
[ "$(sqlite3 "$db" "SELECT count(*) FROM record_entries")" = 0 ] || fail "a check stored credentials"
echo "cli qualifications: ok (versions, refusal, check with an outside issuer's credential)"
