#!/usr/bin/env bash
# End-to-end through the built CLI: key generate, sign in each suite, verify (exit 0), tamper (exit 1), garbage (exit 2).
set -euo pipefail
cd "$(dirname "$0")/../.."
accord=.build/debug/accord
work=$(mktemp -d /tmp/accord-cli.XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "cli: $*" >&2; exit 1; }

did=$("$accord" key generate --out "$work/key.json" 2>/dev/null)
[ "$(stat -c %a "$work/key.json")" = 600 ] || fail "key file is not mode 0600"
if "$accord" key generate --out "$work/key.json" 2>/dev/null; then fail "key generate overwrote a key"; fi
cat > "$work/credential.json" <<JSON
{"@context":["https://www.w3.org/ns/credentials/v2"],"id":"urn:uuid:3f1b0d5e-0000-4000-8000-000000000001",
 "type":["VerifiableCredential"],"issuer":"$did","validFrom":"2026-01-01T00:00:00Z",
 "credentialSubject":{"id":"did:example:learner","name":"CLI test"}}
JSON
for suite in eddsa-rdfc-2022 eddsa-jcs-2022 jwt; do
    "$accord" credential sign "$work/credential.json" --key "$work/key.json" --suite "$suite" > "$work/signed-$suite"
    "$accord" credential verify "$work/signed-$suite" --format json > "$work/report.json" || fail "$suite: a fresh signature did not verify"
    grep -q '"valid": true' "$work/report.json" || fail "$suite: report does not say valid"
done
sed 's/CLI test/CLI tost/' "$work/signed-eddsa-rdfc-2022" > "$work/tampered.json"
set +e
"$accord" credential verify "$work/tampered.json" > /dev/null; invalid=$?
echo '{"not json' | "$accord" credential verify - 2>/dev/null; unreadable=$?
"$accord" credential verify "$work/signed-eddsa-rdfc-2022" --at 2025-01-01T00:00:00Z > /dev/null; early=$?
set -e
[ "$invalid" = 1 ] || fail "a tampered credential gave exit $invalid, expected 1"
[ "$unreadable" = 2 ] || fail "garbage gave exit $unreadable, expected 2"
[ "$early" = 1 ] || fail "verifying before validFrom gave exit $early, expected 1"

# A status list published as a VC-JWT, supplied with --resource: the JWT credential that points at it verifies while
# its bit is clear and is revoked once it is set (the list made with the same key, as its issuer would).
list_url="https://status.example/lists/1"
for bit in clear set; do
    python3 - "$bit" "$did" "$list_url" > "$work/list-$bit.json" <<'PY'
import base64, gzip, json, sys
bits = bytearray(16384)
if sys.argv[1] == "set":
    bits[7 // 8] |= 0x80 >> (7 % 8)
encoded = "u" + base64.urlsafe_b64encode(gzip.compress(bytes(bits))).decode().rstrip("=")
print(json.dumps({"@context": ["https://www.w3.org/ns/credentials/v2"], "id": sys.argv[3], "type": ["VerifiableCredential", "BitstringStatusListCredential"],
    "issuer": sys.argv[2], "validFrom": "2026-01-01T00:00:00Z",
    "credentialSubject": {"id": sys.argv[3] + "#list", "type": "BitstringStatusList", "statusPurpose": "revocation", "encodedList": encoded}}))
PY
    "$accord" credential sign "$work/list-$bit.json" --key "$work/key.json" --suite jwt > "$work/list-$bit.jwt"
done
python3 - "$work/credential.json" "$list_url" > "$work/with-status.json" <<'PY'
import json, sys
credential = json.load(open(sys.argv[1]))
credential["credentialStatus"] = {"id": sys.argv[2] + "#7", "type": "BitstringStatusListEntry", "statusPurpose": "revocation",
    "statusListIndex": "7", "statusListCredential": sys.argv[2]}
print(json.dumps(credential))
PY
"$accord" credential sign "$work/with-status.json" --key "$work/key.json" --suite jwt > "$work/with-status.jwt"
"$accord" credential verify "$work/with-status.jwt" --resource "$list_url=$work/list-clear.jwt" > "$work/report" \
    || fail "a JWT status list was not read: $(cat "$work/report")"
set +e
"$accord" credential verify "$work/with-status.jwt" --resource "$list_url=$work/list-set.jwt" > "$work/report"; revoked=$?
set -e
[ "$revoked" = 1 ] && grep -q "revoked" "$work/report" || fail "a set bit in a JWT status list gave exit $revoked: $(cat "$work/report")"
echo "cli: key generate, sign (3 suites), verify, tamper, garbage, --at, VC-JWT status list: passed"
