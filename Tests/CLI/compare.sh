#!/usr/bin/env bash
# `accord compare` against the seeded referencing data, and the same questions through `GET /api/v1/compare` of a
# live `accord serve` on the same database: the JSON answers must be identical.
source "$(dirname "$0")/setup.sh"
$accord seed --database "$db" > /dev/null

out=$($accord compare --database "$db" --from hkqf:4 --credits 15 --to nzqcf)
grep -q "hkqf:4 → nzqcf:5-6" <<<"$out" || fail "HKQF 4 should be NZQCF 5-6: $out"
grep -q "hours 150, nzqcf credits 15" <<<"$out" || fail "15 HKQF credits should be 150 hours, 15 NZ credits: $out"
out=$($accord compare --database "$db" --from hkqf:4 --to mqf)
grep -q "no basis" <<<"$out" || fail "HKQF into MQF has no basis: $out"
grep -q "mqf-aqrf" <<<"$out" || fail "the unread MQF statement should be named: $out"

set +e
err=$($accord compare --database "$db" --from hkqf:9 --to nzqcf 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q "no level 9" <<<"$err" || fail "an unknown level should exit 1 and say so (rc $rc): $err"
err=$($accord compare --database "$db" --from nowhere:1 --to nzqcf 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q "no framework 'nowhere'" <<<"$err" || fail "an unknown framework should exit 1 (rc $rc): $err"
err=$($accord compare --database "$db" --from hkqf:four --to nzqcf 2>&1); rc=$?
[ $rc -eq 64 ] || fail "a malformed --from is a usage error (rc $rc): $err"
err=$($accord compare --database "$db" --from hkqf:4 --credits 1 --hours 1 --to nzqcf 2>&1); rc=$?
[ $rc -eq 64 ] || fail "credits and hours together are a usage error (rc $rc): $err"
set -e

start_server

for query in "hkqf:4 nzqcf credits=15" "aqf:7 nzqcf hours=300" "aqf:7 eqf" "nzqcf:8 hkqf" "eqf:1 nzqcf" "hkqf:4 mqf" \
    "au-nmf-dreyfus:3 aqf" "eqf:6 nzqcf credits=6" "mqf:6 aqrf" "nzqcf:5 nzqcf credits=12"; do
    read -r from to volume <<<"$query"
    args=(--from "$from" --to "$to")
    url="$base/api/v1/compare?from=$from&to=$to"
    if [ -n "${volume:-}" ]; then args+=("--${volume%%=*}" "${volume#*=}"); url="$url&$volume"; fi
    cli=$($accord compare --database "$db" "${args[@]}" --format json)
    api=$(curl -sf "$url") || fail "GET $url failed"
    python3 - "$cli" "$api" "$query" <<'PY' || exit 1
import json, sys
cli, api, query = json.loads(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3]
if cli != api:
    sys.exit(f"cli: {query}: the CLI and the API differ:\n{json.dumps(cli, sort_keys=True)}\n{json.dumps(api, sort_keys=True)}")
for key in ("from", "to", "basis", "confidence", "path", "hours", "credits", "explanation"):
    if key not in api: sys.exit(f"cli: {query}: '{key}' missing from the answer")
PY
done
status=$(curl -s -o "$work/problem.json" -w '%{http_code}' "$base/api/v1/compare?from=hkqf:9&to=nzqcf")
[ "$status" = 422 ] && grep -q '"level"' "$work/problem.json" || fail "an unknown level through the API should be a 422 naming it (got $status)"
status=$(curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/compare?from=nowhere:1&to=nzqcf")
[ "$status" = 404 ] || fail "an unknown framework through the API should be a 404 (got $status)"
echo "cli: compare ok"
