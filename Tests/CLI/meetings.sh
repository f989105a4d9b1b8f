#!/usr/bin/env bash
# Meetings from the command line: the seeded three listed; one planned from a JSON file and given a PDF; New Zealand's
# focal point names its participants and records an outcome through a live server's API; `accord meeting show`, the
# action plans and the regional report filtered to the meeting read them back; bad input exits non-zero.
source "$(dirname "$0")/setup.sh"
out=$($accord seed --database "$db")
grep -q "seeded the network's meetings" <<<"$out" || fail "seed should add the meetings: $out"
out=$($accord meeting list --database "$db")
[ "$(wc -l <<<"$out")" -eq 3 ] && grep -q "^beijing-workshop-2017  2017-06-01..2017-06-03  workshop  Capacity-building workshop" <<<"$out" \
    || fail "the seeded meetings: $out"

cat > "$work/meeting.json" <<'JSON'
{"kind": "webinar", "title": "Session 2: NICs in practice", "starts_on": "2026-10-02", "conventions": ["tokyo-2011"],
 "link": "https://example.org/session-2", "languages": ["en"], "agenda": ["Opening", "Country experiences"]}
JSON
id=$($accord meeting create --database "$db" "$work/meeting.json")
[[ "$id" == mt-* ]] || fail "create should print the new id: $id"
printf '%%PDF-1.4\n%% session 2 concept note\n' > "$work/note.pdf"
out=$($accord meeting attach --database "$db" "$id" "$work/note.pdf" --language en)
grep -q "application/pdf" <<<"$out" || fail "attaching the PDF: $out"
set +e
echo '{"kind": "webinar", "title": "x", "startsOn": "2026-13-40"}' > "$work/bad.json"
err=$($accord meeting create --database "$db" "$work/bad.json" 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q "startsOn: must be a day" <<<"$err" || fail "a bad day should exit 1 (rc $rc): $err"
echo 'hello' > "$work/note.txt"
err=$($accord meeting attach --database "$db" "$id" "$work/note.txt" --language en 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q "must be a PDF, JPEG or PNG" <<<"$err" || fail "a text file is not a document (rc $rc): $err"
echo '{"title": "no kind"}' > "$work/kindless.json"
err=$($accord meeting create --database "$db" "$work/kindless.json" 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q "is not a meeting" <<<"$err" || fail "a meeting without its kind should exit 1 (rc $rc): $err"
err=$($accord meeting show --database "$db" nope 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q "no meeting 'nope'" <<<"$err" || fail "an unknown meeting should exit 1 (rc $rc): $err"
set -e

ACCORD_PASSWORD=focal-password $accord account create --database "$db" --email fp@nz.example --name Aroha --role focal-point \
    --scope NZ > /dev/null
start_server
api="$base/api/v1"
focal=$(curl -sf "$api/tokens" -H 'Content-Type: application/json' -d '{"email": "fp@nz.example", "password": "focal-password"}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
curl -sf -X PUT "$api/meetings/$id/participants/NZ" -H "Authorization: Bearer $focal" -H 'Content-Type: application/json' \
    -d '{"participants": [{"country": "NZ", "name": "Aroha Ngata", "nic": "nz-nzqa"}]}' > /dev/null || fail "naming NZ's participant failed"
code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT "$api/meetings/$id/participants/AU" -H "Authorization: Bearer $focal" \
    -H 'Content-Type: application/json' -d '{"participants": []}')
[ "$code" = 403 ] || fail "NZ's focal point named Australia's participants ($code)"
curl -sf -X POST "$api/meetings/$id/outcomes" -H "Authorization: Bearer $focal" -H 'Content-Type: application/json' \
    -d '{"title": "Share the NIC guide with the network", "due": "2026-11-15"}' > /dev/null || fail "recording the outcome failed"

out=$($accord meeting show --database "$db" "$id")
grep -q "^NZ: Aroha Ngata \[delegate, nz-nzqa\]" <<<"$out" && grep -q "^document md-.*  en  .*note.pdf" <<<"$out" \
    && grep -q "^action NZ  2026-11-15  planned  Share the NIC guide" <<<"$out" || fail "meeting show: $out"
csv=$($accord action-plans --database "$db" --meeting "$id" --format csv)
[ "$(wc -l <<<"$csv")" -eq 2 ] && grep -q ",NZ,Share the NIC guide with the network,,2026-11-15,planned,.*,$id" <<<"$csv" || fail "the meeting's items: $csv"
$accord report regional --database "$db" --meeting "$id" --format json | python3 -c '
import json, sys
report = json.load(sys.stdin)
assert report["meeting"]["title"] == "Session 2: NICs in practice", report["meeting"]
assert [c["convention"]["id"] for c in report["conventions"]] == ["tokyo-2011"], report["conventions"]
assert [row["country"] for row in report["countries"]] == ["NZ"], report["countries"]
assert sum(s["count"] for s in report["actions"]["by_status"]) == 1, report["actions"]' || fail "the report filtered to the meeting"
$accord report regional --database "$db" --meeting "$id" --out "$work/meeting.html"
grep -q "What one meeting produced: Session 2: NICs in practice" "$work/meeting.html" || fail "the HTML report names the meeting"
$accord meeting list --database "$db" --format csv | grep -q "^$id,webinar,Session 2: NICs in practice,2026-10-02,,,tokyo-2011,NZ," \
    || fail "the CSV list"
echo "cli: meetings ok"
