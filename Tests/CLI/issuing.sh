#!/usr/bin/env bash
# Issuer keys and registry-aware verification through the built CLI on a fresh SQLite file: the key-encryption key
# file is made 0600; a key is created for a provider (its private half only sealed in the database), listed with the
# provider's did:web, reported compromised (once) and audited; an outsider's credential verifies with "issuer not in
# the registry"; credentials issued with the provider's key (Data Integrity and JWT) verify with the registry's facts.
source "$(dirname "$0")/setup.sh"

"$accord" seed --database "$db" > /dev/null
[ "$(stat -c %a "$work/data/master-key")" = 600 ] || fail "the key-encryption key file is not mode 0600"
"$accord" issuer-key create --database "$db" --provider nz-ecnz | grep -q "created issuer key" || fail "no key was created"
if "$accord" issuer-key create --database "$db" --provider nowhere 2> "$work/err"; then fail "a key was created for an unknown provider"; fi
grep -q "no provider 'nowhere'" "$work/err" || fail "unknown provider: $(cat "$work/err")"
"$accord" issuer-key list --database "$db" --provider nz-ecnz > "$work/keys"
grep -q "did:web:127.0.0.1%3A8080:providers:nz-ecnz" "$work/keys" || fail "no did:web in the listing: $(cat "$work/keys")"
grep -q "active" "$work/keys" || fail "the new key is not active"
key_id=$(grep -o 'ik-[A-Za-z0-9_-]*' "$work/keys" | head -1)

# The database holds the sealed box (nonce, ciphertext, tag: 60 bytes, 80 in base64) and the id of the KEK only.
sealed=$(sqlite3 "$db" "SELECT sealed_key FROM issuer_keys WHERE id = '$key_id'")
[ ${#sealed} = 80 ] || fail "the sealed key is ${#sealed} characters, expected 80"

# An outsider's credential: the signature verifies, the registry does not know the issuer.
"$accord" key generate --out "$work/outsider.json" > "$work/outsider.did" 2>/dev/null
did=$(cat "$work/outsider.did")
cat > "$work/credential.json" <<JSON
{"@context":["https://www.w3.org/ns/credentials/v2"],"id":"urn:uuid:3f1b0d5e-0000-4000-8000-000000000002",
 "type":["VerifiableCredential"],"issuer":"$did","validFrom":"2026-01-01T00:00:00Z",
 "credentialSubject":{"id":"did:example:learner","name":"Outsider"}}
JSON
"$accord" credential sign "$work/credential.json" --key "$work/outsider.json" > "$work/outsider-signed.json"
"$accord" credential verify "$work/outsider-signed.json" --registry --database "$db" > "$work/report" || fail "an outsider's credential did not verify"
grep -q "issuer not in the registry" "$work/report" || fail "no 'issuer not in the registry': $(cat "$work/report")"
"$accord" credential verify "$work/outsider-signed.json" --registry --database "$db" --format json | grep -q '"in_registry": false' \
    || fail "the JSON report has no registry findings"

# Issued with the provider's key: verifies with the registry's facts; the email is not in it; a draft is refused.
"$accord" issue --database "$db" --microcredential nz-ecnz-he-pataka-reo --email Aroha@Example.org --name "Aroha Ngata" \
    --out "$work/issued.json" 2> "$work/issue.err" || fail "issue failed: $(cat "$work/issue.err")"
grep -q "claim link (shown once): http://127.0.0.1:8080/claim/" "$work/issue.err" || fail "no claim link: $(cat "$work/issue.err")"
if grep -qi "aroha@example.org" "$work/issued.json"; then fail "the email is in the credential"; fi
"$accord" credential verify "$work/issued.json" --registry --database "$db" > "$work/report" || fail "the issued credential did not verify: $(cat "$work/report")"
grep -q "ok    registry" "$work/report" || fail "the registry step did not pass: $(cat "$work/report")"
"$accord" issue --database "$db" --microcredential nz-ecnz-he-pataka-reo --did did:example:aroha --name "Aroha Ngata" --suite jwt \
    --out "$work/issued.jwt" 2> /dev/null
"$accord" credential verify "$work/issued.jwt" --registry --database "$db" | grep -q "^VALID (jwt)" || fail "the JWT did not verify"
# Revoked with a reason: verification fails on the status list and the registry repeats the reason.
credential_id=$(grep -o '"id":"urn:uuid:[0-9a-f-]*"' "$work/issued.json" | head -1 | cut -d'"' -f4)
"$accord" credential status revoke "$credential_id" --reason "Issued in error" --database "$db" | grep -q "is now revoked" || fail "not revoked"
if "$accord" credential verify "$work/issued.json" --registry --database "$db" > "$work/report"; then fail "a revoked credential verified"; fi
grep -q "the credential is revoked" "$work/report" || fail "no revocation in the report: $(cat "$work/report")"
grep -q "Issued in error" "$work/report" || fail "the reason is not shown: $(cat "$work/report")"
if "$accord" credential status revoke "$credential_id" --reason "again" --database "$db" 2> "$work/err"; then fail "revoked twice"; fi
grep -q "stays revoked" "$work/err" || fail "second revocation: $(cat "$work/err")"
if "$accord" issue --database "$db" --microcredential nz-ecnz-he-pataka-reo --name X 2> "$work/err"; then fail "issued with no learner"; fi
grep -q "give --email or --did" "$work/err" || fail "no learner: $(cat "$work/err")"

# Reported compromised: the CLI says so, and the listing shows it.
"$accord" issuer-key compromised "$key_id" --database "$db" --from 2030-01-01T00:00:00Z | grep -q "compromised from" || fail "not marked"
"$accord" issuer-key list --database "$db" --provider nz-ecnz | grep -q "compromised from 2030-01-01" || fail "the listing does not show it"
if "$accord" issuer-key compromised "$key_id" --database "$db" --from 2030-01-01T00:00:00Z 2> "$work/err"; then fail "marked twice"; fi
grep -q "already marked compromised" "$work/err" || fail "second mark: $(cat "$work/err")"
"$accord" audit verify --database "$db" > /dev/null || fail "the audit chain does not verify after the key events"
"$accord" audit list --database "$db" --subject "issuer-key:$key_id" | grep -q "mark-compromised" || fail "no audit event for the mark"
echo "cli issuer keys and registry verification: passed"
