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
echo "interop openbadgeslib: ok"
