#!/usr/bin/env bash
# Contexts a credential names beyond the bundled ones, and `accord credential verify`'s exit codes when something is
# missing: an unknown context is "could not check" (exit 2, the URL named), supplied with --resource or trusted through
# ACCORD_CONTEXTS_DIR (each file pinned by SHA-256) it verifies (exit 0); a wrong pin, a file outside the directory, a
# bundled URL trusted again, a missing or unreadable file or --resource are exit 2 with the reason, never 64 or a crash.
# `accord serve` reads the same directory: POST /api/v1/verify accepts the credential, and refuses to start on a bad pin.
source "$(dirname "$0")/setup.sh"
verify() { set +e; "$accord" credential verify "$@" > "$work/out" 2>&1; code=$?; set -e; }

did=$("$accord" key generate --out "$work/key.json" 2>/dev/null)
url=https://skills.example/contexts/v1
echo '{"@context": {"@version": 1.1, "skill": "https://skills.example/vocab#skill"}}' > "$work/skills.jsonld"
cat > "$work/credential.json" <<JSON
{"@context":["https://www.w3.org/ns/credentials/v2","$url"],"type":["VerifiableCredential"],"issuer":"$did",
 "validFrom":"2026-01-01T00:00:00Z","credentialSubject":{"id":"did:example:learner","skill":"welding"}}
JSON
"$accord" credential sign "$work/credential.json" --key "$work/key.json" --suite eddsa-jcs-2022 > "$work/signed.json"

# Under RDFC signing reads the contexts too: refused without the context, signed with it supplied.
set +e
"$accord" credential sign "$work/credential.json" --key "$work/key.json" > "$work/rdfc.json" 2> "$work/sign-err"; signed=$?
set -e
[ "$signed" != 0 ] && grep -q "$url" "$work/sign-err" && grep -q -- "--resource" "$work/sign-err" || fail "RDFC signing with an unknown context gave exit $signed: $(cat "$work/sign-err")"
"$accord" credential sign "$work/credential.json" --key "$work/key.json" --resource "$url=$work/skills.jsonld" > "$work/rdfc.json"
verify "$work/rdfc.json" --resource "$url=$work/skills.jsonld"
[ "$code" = 0 ] || fail "an RDFC credential signed with a supplied context did not verify (exit $code): $(cat "$work/out")"

verify "$work/signed.json"
[ "$code" = 2 ] && grep -q "the context $url is neither bundled" "$work/out" || fail "an unknown context gave exit $code: $(cat "$work/out")"
verify "$work/signed.json" --resource "$url=$work/skills.jsonld"
[ "$code" = 0 ] || fail "a supplied context did not verify (exit $code): $(cat "$work/out")"

trusted="$work/trusted"
mkdir -p "$trusted"
cp "$work/skills.jsonld" "$trusted/skills.jsonld"
pin=$(sha256sum "$trusted/skills.jsonld" | cut -d' ' -f1)
index() { echo "{\"$1\": {\"file\": \"$2\", \"sha256\": \"$3\"}}" > "$trusted/index.json"; }
index "$url" skills.jsonld "$pin"
ACCORD_CONTEXTS_DIR="$trusted" verify "$work/signed.json"
[ "$code" = 0 ] || fail "a trusted context did not verify (exit $code): $(cat "$work/out")"
for wrong in "$url skills.jsonld 00" "$url ../skills.jsonld $pin" "https://www.w3.org/ns/credentials/v2 skills.jsonld $pin" \
    "$url missing.jsonld $pin"; do
    # shellcheck disable=SC2086
    index $wrong
    ACCORD_CONTEXTS_DIR="$trusted" verify "$work/signed.json"
    [ "$code" = 2 ] && grep -q "ACCORD_CONTEXTS_DIR" "$work/out" || fail "trusting '$wrong' gave exit $code: $(cat "$work/out")"
done

head -c 300 /dev/urandom > "$work/junk.bin"
for args in "$work/missing.json" "$work" "$work/signed.json --resource nonsense" "$work/signed.json --resource $url=$work/missing" \
    "$work/signed.json --resource $url=$work/junk.bin" "$work/signed.json --resource $url=$work" "$work/junk.bin"; do
    # shellcheck disable=SC2086
    verify $args
    [ "$code" = 2 ] && grep -q "^could not check: " "$work/out" || fail "verify $args gave exit $code: $(cat "$work/out")"
done

"$accord" seed --database "$db" > /dev/null
index "$url" skills.jsonld "$pin"
ACCORD_CONTEXTS_DIR="$trusted" start_server
curl -s -o "$work/api.json" -w '%{http_code}' -X POST -H 'Content-Type: application/json' --data-binary @"$work/signed.json" \
    "$base/api/v1/verify" > "$work/status"
[ "$(cat "$work/status")" = 200 ] && python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["valid"] is True' "$work/api.json" \
    || fail "the server did not verify with a trusted context: $(cat "$work/status") $(cat "$work/api.json")"
kill "$server" && wait "$server" 2>/dev/null || true
index "$url" skills.jsonld 00
set +e
ACCORD_CONTEXTS_DIR="$trusted" timeout 60 "$accord" serve --database "$db" --port 0 > "$work/serve-bad.log" 2>&1; started=$?
set -e
[ "$started" != 0 ] && grep -q "but the index pins 00" "$work/serve-bad.log" || fail "accord serve started with a wrong pin: $(cat "$work/serve-bad.log")"
# The W3C vc-di-eddsa signed examples: the examples context supplied, and the issuer (an https URL, not a DID) vouching
# for the did:key that signed through its own controller document. Without that document the issuer step fails; with
# one that does not list the key, or that describes another identifier, it still does.
vectors="$(cd "$(dirname "$0")/../Vectors" && pwd)"
examples="https://www.w3.org/ns/credentials/examples/v2=$vectors/contexts/credentials-examples-v2.jsonld"
issuer=https://vc.example/issuers/5678
method=did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2
controller() { echo "{\"@context\": \"https://www.w3.org/ns/cid/v1\", \"id\": \"$1\", \"assertionMethod\": [\"$2\"]}" > "$work/issuer.json"; }
for signed in eddsa-rdfc-2022/signedDataInt.json eddsa-jcs-2022/signedJCS.json; do
    verify "$vectors/vc-di-eddsa/$signed" --resource "$examples"
    [ "$code" = 1 ] && grep -q "not by the issuer" "$work/out" || fail "$signed without the issuer's document gave exit $code: $(cat "$work/out")"
    controller "$issuer" "$method"
    verify "$vectors/vc-di-eddsa/$signed" --resource "$examples" --resource "$issuer=$work/issuer.json"
    [ "$code" = 0 ] && grep -q "lists $method as an assertion method" "$work/out" || fail "$signed did not verify (exit $code): $(cat "$work/out")"
    controller "$issuer" "did:key:z6MkOther#z6MkOther"
    verify "$vectors/vc-di-eddsa/$signed" --resource "$examples" --resource "$issuer=$work/issuer.json"
    [ "$code" = 1 ] || fail "$signed verified through a document that does not list its key (exit $code)"
    controller "https://vc.example/issuers/other" "$method"
    verify "$vectors/vc-di-eddsa/$signed" --resource "$examples" --resource "$issuer=$work/issuer.json"
    [ "$code" = 1 ] || fail "$signed verified through another identifier's document (exit $code)"
done
echo "cli: unknown, supplied and trusted contexts, pins, exit codes, serve with ACCORD_CONTEXTS_DIR, W3C examples: passed"
