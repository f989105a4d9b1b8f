#!/usr/bin/env bash
# Accord's credentials in a peer's verifier: openbadgeslib (pinned, PyPI, in a throwaway venv under .build) verifies
# what the built CLI issues: Open Badges 3.0 signed eddsa-rdfc-2022 (its Data Integrity verifier, pyld underneath) and
# as a VC-JWT (its OB3 JWT verifier); a changed copy of each is refused by it as by Accord. (openbadgeslib 4.6.3 checks
# no eddsa-jcs-2022 proof: it supports eddsa-rdfc-2022 and ecdsa-sd-2023 only.)
source "$(dirname "$0")/../CLI/setup.sh"
venv=.build/openbadgeslib-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import openbadgeslib, pyld' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "openbadgeslib[ldp]==4.6.3"
fi

"$accord" seed --database "$db" > /dev/null
"$accord" issuer-key create --database "$db" --provider nz-ecnz > /dev/null
did_key=$(sqlite3 "$db" "SELECT did_key FROM issuer_keys LIMIT 1")
for suite in eddsa-rdfc-2022 jwt; do
    "$accord" issue --database "$db" --microcredential nz-ecnz-he-pataka-reo --email "aroha@example.org" --name "Aroha Ngata" \
        --suite "$suite" --out "$work/$suite" 2> /dev/null || fail "accord did not issue $suite"
done

"$venv/bin/python" - "$work" "$did_key" Sources/Credentials/Contexts <<'PY'
import base64, json, sys
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from openbadgeslib.ob3.ldp import verify_data_integrity_proof
from openbadgeslib.ob3.verifier import OB3Verifier

work, did_key, contexts = sys.argv[1:4]
alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
number = 0
for char in did_key.split(":")[-1][1:]:
    number = number * 58 + alphabet.index(char)
multikey = number.to_bytes((number.bit_length() + 7) // 8, "big")
assert multikey[:2] == b"\xed\x01", "not an Ed25519 did:key"
pem = Ed25519PublicKey.from_public_bytes(multikey[2:]).public_bytes(
    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
# Accord's own context is not one openbadgeslib bundles: it is supplied the way its API allows, never fetched.
accord_context = {"https://accord.example/ns/credentials/v1": json.load(open(f"{contexts}/accord-v1.jsonld"))}

def data_integrity(document):
    verify_data_integrity_proof(document, pem, extra_contexts=accord_context)

def jwt(token):
    OB3Verifier(pem).verify(token)

failures = []
for suite, check, load, tamper in (
    ("eddsa-rdfc-2022", data_integrity, lambda text: json.loads(text), lambda doc: doc.update(name="Someone else's badge") or doc),
    ("jwt", jwt, lambda text: text.strip(), None),
):
    original = load(open(f"{work}/{suite}").read())
    try:
        check(original)
        print(f"interop openbadgeslib 4.6.3: Accord {suite}: verified")
    except Exception as error:
        failures.append(f"{suite}: refused: {error}")
    if tamper is not None:
        changed = tamper(json.loads(json.dumps(original)))
    else:
        header, payload, signature = original.split(".")
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        claims["name"] = "Someone else's badge"
        payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
        changed = ".".join((header, payload, signature))
    try:
        check(changed)
        failures.append(f"{suite}: a changed copy was accepted")
    except Exception:
        print(f"interop openbadgeslib 4.6.3: Accord {suite}, changed: refused")
if failures:
    sys.exit("interop: " + "; ".join(failures))
PY

# The other way: an Open Badges 3.0 VC-JWT that openbadgeslib signs (EdDSA, its public key in the header as `jwk`, no
# `kid`; issuer the key's did:key; 6 ECTS at EQF level 5 by an alignment). Accord verifies it, says the key came in
# the header and is the issuer's, refuses the same header key under another issuer, and counts the credential toward
# the seeded forestry pathway beside two of its own, then in a recognition case at New Zealand's NIC.
"$venv/bin/python" - "$work" <<'PY'
import sys
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from openbadgeslib.ob3.credential import Achievement, Alignment, Issuer, OpenBadgeCredential
from openbadgeslib.ob3.signer import OB3Signer

work = sys.argv[1]
alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

def did_key(private):
    raw = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    number, text = int.from_bytes(b"\xed\x01" + raw, "big"), ""
    while number:
        number, digit = divmod(number, 58)
        text = alphabet[digit] + text
    return "did:key:z" + text

signer, other = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
pem = signer.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
achievement = Achievement(
    id="https://forest.example/achievements/sfo", name="Sustainable forest operations", description="Plan and run sustainable harvesting",
    criteria_narrative="Assessed project", credits_available=6,
    alignments=[Alignment(target_name="EQF level 5", target_url="https://europass.europa.eu/en/eqf", target_framework="eqf", target_code="5")])
for name, issuer in (("peer.jwt", did_key(signer)), ("peer-other-issuer.jwt", did_key(other))):
    credential = OpenBadgeCredential(issuer=Issuer(id=issuer, name="Forest School Europe"), recipient_id="did:example:mere", achievement=achievement)
    open(f"{work}/{name}", "w").write(OB3Signer(pem, algorithm="EdDSA").sign(credential))
PY
"$accord" credential verify "$work/peer.jwt" > "$work/report" || fail "openbadgeslib's VC-JWT did not verify: $(cat "$work/report")"
grep -q "key carried in the JWT header as jwk, matched to the issuer" "$work/report" || fail "the report does not say where the key came from"
if "$accord" credential verify "$work/peer-other-issuer.jwt" > "$work/report"; then fail "a header key that is not the issuer's was accepted"; fi
grep -q "not the issuer's key\|not one of the issuer" "$work/report" || fail "no reason for the foreign header key: $(cat "$work/report")"
echo "interop openbadgeslib 4.6.3: its VC-JWT (jwk header) in Accord: verified; under another issuer: refused"
"$accord" issuer-key create --database "$db" --provider nz-mukatangata > /dev/null
"$accord" issue --database "$db" --microcredential nz-nzqa-128484-1 --email mere@example.org --name "Mere Tipene" --out "$work/a.json" 2> /dev/null
"$accord" issue --database "$db" --microcredential nz-nzqa-128479-1 --email mere@example.org --name "Mere Tipene" --out "$work/b.json" 2> /dev/null
"$accord" qualification check nz-forestry-leadership-l5-example --database "$db" --credential "$work/a.json" --credential "$work/b.json" \
    --credential "$work/peer.jwt" > "$work/check" || fail "the pathway is not complete with the peer's credential: $(cat "$work/check")"
grep -q "Sustainable forest operations: counts 15–18" "$work/check" || fail "the peer's credential does not count: $(cat "$work/check")"
echo "interop openbadgeslib 4.6.3: its credential stacks toward an Accord pathway"

# The same credential in a recognition application: Mere uploads openbadgeslib's VC-JWT to New Zealand's NIC, Accord
# verifies it on submission and proposes NZQCF 5–6 and 15–18 credits from EQF 5 and 6 ECTS, and the evaluator decides.
ACCORD_PASSWORD=learner-password "$accord" account create --database "$db" --email mere@example.org --name "Mere Tipene" \
    --role learner > /dev/null
ACCORD_PASSWORD=evaluator-password "$accord" account create --database "$db" --email eval@nzqa.example --name Hana \
    --role evaluator --scope nz-nzqa > /dev/null
start_server
api="$base/api/v1"
token() { curl -sf "$api/tokens" -H 'Content-Type: application/json' -d "{\"email\": \"$1\", \"password\": \"$2\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'; }
post() { curl -sf -X POST "$api/$1" -H "Authorization: Bearer $2" -H 'Content-Type: application/json' -d "${3:-{\}}"; }
learner=$(token mere@example.org learner-password)
evaluator=$(token eval@nzqa.example evaluator-password)
application=$(python3 -c 'import json,sys; print(json.dumps({"nic": "nz-nzqa", "purpose": "further-study", "kind": "microcredential",
    "items": [{"credential": open(sys.argv[1]).read().strip()}]}))' "$work/peer.jwt")
id=$(post cases "$learner" "$application" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])') \
    || fail "applying with openbadgeslib's credential failed"
post "cases/$id/submit" "$learner" > "$work/case" || fail "submitting failed"
python3 - "$work/case" <<'PY' || fail "the evidence on openbadgeslib's credential is wrong: $(cat "$work/case")"
import json, sys
case = json.load(open(sys.argv[1]))
item = case["evidence"]["items"][0]
assert item["authenticity"] == "verified", item
comparison = item["comparison"]
assert comparison["framework"] == "nzqcf" and (comparison["level_min"], comparison["level_max"]) == (5, 6), comparison
assert (comparison["credits"]["min"], comparison["credits"]["max"]) == (15, 18), comparison
PY
post "cases/$id/take" "$evaluator" > /dev/null || fail "taking the case failed"
post "cases/$id/decision" "$evaluator" '{"outcome": "full", "level": 5, "credits": 15, "reasons": "Comparable to a level 5 unit."}' \
    > "$work/decided" || fail "deciding failed"
python3 -c 'import json,sys; case = json.load(open(sys.argv[1])); assert case["state"] == "decided", case["state"]' "$work/decided" \
    || fail "the case is not decided: $(cat "$work/decided")"
echo "interop openbadgeslib 4.6.3: its credential in a recognition case: verified, NZQCF 5–6, 15–18 credits, decided"
echo "interop openbadgeslib: ok"
