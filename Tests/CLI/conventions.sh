#!/usr/bin/env bash
# Conventions from the command line on the seeded data: the computed entry into force beside the recorded one, the
# parties as CSV, one country; an edit through the API that disagrees with the rule is flagged and makes the exit 3.
source "$(dirname "$0")/setup.sh"
$accord seed --database "$db" > /dev/null

out=$($accord convention list --database "$db") || fail "the seeded conventions should carry no flag: $out"
grep -q "^tokyo-2011  recorded 2018-02-01  computed 2018-02-01  agrees  12 parties  0 flag(s)" <<<"$out" || fail "Tokyo's line is wrong: $out"
grep -q "^global-2019  recorded 2023-03-05  computed 2023-03-05  agrees" <<<"$out" || fail "the Global Convention's line is wrong: $out"
grep -q "^bangkok-1983 .* unchecked" <<<"$out" || fail "Bangkok has no computable rule: $out"

out=$($accord convention show --database "$db" tokyo-2011)
grep -q "required 5th instrument was deposited 2017-12-19" <<<"$out" || fail "the explanation should name the fifth deposit: $out"
grep -q "rests on the bounds of: New Zealand" <<<"$out" || fail "New Zealand's bound should be named: $out"
csv=$($accord convention show --database "$db" global-2019 --format csv)
grep -q "^NZ,New Zealand,ratification,2024-09-17,2024-09-17,recorded,2024-12-17,2024-12-17,agrees," <<<"$csv" || fail "NZ's CSV row: $csv"
$accord convention show --database "$db" tokyo-2011 --format json | python3 -c '
import json, sys
report = json.load(sys.stdin)
assert report["entry_into_force"]["date"] == "2018-02-01", report["entry_into_force"]
assert len(report["timeline"]) == 12 and report["timeline"][-1]["count"] == 12, report["timeline"]' || fail "the JSON report is wrong"
$accord convention country --database "$db" NZ | python3 -c '
import json, sys
nz = json.load(sys.stdin)
assert {m["convention"] for m in nz["memberships"]} == {"tokyo-2011", "global-2019", "lisbon-1997"}, nz["memberships"]
assert nz["nics"][0]["id"] == "nz-nzqa" and nz["frameworks"] == ["nzqcf"], nz' || fail "the country report is wrong"

# An admin records the Holy See in force a month early: the computation disagrees, the list and show exit 3.
ACCORD_PASSWORD=admin-password $accord account create --database "$db" --email admin@example.org --name Admin --role admin > /dev/null
start_server
token=$(curl -sf "$base/api/v1/tokens" -H 'Content-Type: application/json' -d '{"email": "admin@example.org", "password": "admin-password"}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
curl -sf -X PUT "$base/api/v1/conventions/tokyo-2011/parties/VA" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"country": "VA", "state": "Holy See", "deposit_date": "2018-07-18", "effective_date": "2018-08-01",
         "provenance": {"source": "cli test: a misread notice"}}' > /dev/null || fail "the admin's edit was refused"
set +e
out=$($accord convention show --database "$db" tokyo-2011); rc=$?
[ $rc -eq 3 ] && grep -q "FLAG Holy See: effective date: recorded 2018-08-01, computed 2018-09-01" <<<"$out" || fail "the flag (rc $rc): $out"
$accord convention list --database "$db" > /dev/null; rc=$?
[ $rc -eq 3 ] || fail "list should exit 3 with a flag (rc $rc)"
err=$($accord convention show --database "$db" nowhere 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q "no convention 'nowhere'" <<<"$err" || fail "an unknown convention should exit 1 (rc $rc): $err"
err=$($accord convention show --database "$db" tokyo-2011 --format xml 2>&1); rc=$?
[ $rc -eq 64 ] || fail "an unknown format is a usage error (rc $rc): $err"
err=$($accord convention country --database "$db" ZZ 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q "no country 'ZZ'" <<<"$err" || fail "an unknown country should exit 1 (rc $rc): $err"
set -e
echo "cli: conventions ok"
