#!/usr/bin/env bash
# The API contract: schemathesis (pinned, in a throwaway venv) generates requests for every operation in
# /api/openapi.json against a live `accord serve` on a fresh SQLite file, signed in as the first admin, and fails on
# any 5xx, any response that breaks its schema, an undocumented status code or a wrong content type. A second pass
# signs in as a learner holding one credential and covers the learner-record and recognition operations (an admin is
# refused most of them).
set -euo pipefail
cd "$(dirname "$0")/../.."
examples=${SCHEMATHESIS_EXAMPLES:-25}
venv=.build/schemathesis-venv
if [ ! -x "$venv/bin/schemathesis" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q schemathesis==4.32.5
fi
data=$(mktemp -d /tmp/accord-api.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
ACCORD_DATA_DIR="$data" .build/debug/accord serve --port "$port" --database "$data/accord.sqlite" > "$data/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 300); do grep -q "listening on" "$data/serve.log" 2>/dev/null && break; sleep 0.2; done
grep -q "listening on" "$data/serve.log" || { echo "api: accord serve did not start; its log:" >&2; cat "$data/serve.log" >&2; exit 1; }
password=$(cat "$data/first-admin-password")
token=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/tokens" -H 'Content-Type: application/json' \
    -d "{\"email\":\"admin@accord.local\",\"password\":\"$password\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
mkdir -p test-output/api
# revokeToken is left out: its stateful links (GET /tokens -> DELETE /tokens/{id}) revoke the one token this run
# authenticates with, and every later request would test only the 401 path. The Swift suite covers revocation.
"$venv/bin/schemathesis" run "http://127.0.0.1:$port/api/openapi.json" \
    --checks not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance \
    --max-examples "$examples" --seed 20261130 --workers 2 --request-timeout 20 \
    --exclude-operation-id revokeToken \
    -H "Authorization: Bearer $token" --report junit --report-dir test-output/api || {
    echo "api: schemathesis found a problem; server log follows" >&2
    grep -v "^$" "$data/serve.log" | tail -n 40 >&2
    exit 1
}

# The learner pass: a learner account with one credential (signed by an outside did:key) in its record.
curl -sf -X POST "http://127.0.0.1:$port/api/v1/accounts" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"email":"learner@accord.local","display_name":"Contract Learner","password":"learner-password-1","role":"learner"}' > /dev/null
learner=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/tokens" -H 'Content-Type: application/json' \
    -d '{"email":"learner@accord.local","password":"learner-password-1"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
did=$(.build/debug/accord key generate --out "$data/learner-key.json" 2> /dev/null)
printf '{"@context":["https://www.w3.org/ns/credentials/v2"],"id":"urn:uuid:5b0c3d8e-0000-4000-8000-000000000031","type":["VerifiableCredential"],"issuer":"%s","validFrom":"2026-01-01T00:00:00Z","credentialSubject":{"id":"did:example:learner","name":"Contract learner"}}' \
    "$did" > "$data/credential.json"
.build/debug/accord credential sign "$data/credential.json" --key "$data/learner-key.json" > "$data/signed.json"
curl -sf -X POST "http://127.0.0.1:$port/api/v1/record/credentials" -H "Authorization: Bearer $learner" -H 'Content-Type: application/json' \
    --data-binary "@$data/signed.json" > /dev/null
"$venv/bin/schemathesis" run "http://127.0.0.1:$port/api/openapi.json" \
    --checks not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance \
    --max-examples "$examples" --seed 20261201 --workers 2 --request-timeout 20 --include-tag learner-record --include-tag recognition \
    -H "Authorization: Bearer $learner" --report junit --report-dir test-output/api-learner || {
    echo "api: schemathesis found a problem as a learner; server log follows" >&2
    grep -v "^$" "$data/serve.log" | tail -n 40 >&2
    exit 1
}

# The network as New Zealand's focal point: a survey the admin creates and opens for NZ (the admin's pass may have
# opened and closed the seeded one), answered (drafts and submissions), and NZ's action plan.
survey=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/surveys" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"title": "Contract survey", "countries": ["NZ"], "definition": "? single! Ready? | Yes | No\n? scale 1-5 How ready?\n? text Notes"}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
curl -sf -X POST "http://127.0.0.1:$port/api/v1/surveys/$survey/open" -H "Authorization: Bearer $token" > /dev/null
curl -sf -X POST "http://127.0.0.1:$port/api/v1/accounts" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"email":"focal@accord.local","display_name":"Contract Focal Point","password":"focal-password-1","role":"focal-point","scope":"NZ"}' \
    > /dev/null
focal=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/tokens" -H 'Content-Type: application/json' \
    -d '{"email":"focal@accord.local","password":"focal-password-1"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
"$venv/bin/schemathesis" run "http://127.0.0.1:$port/api/openapi.json" \
    --checks not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance \
    --max-examples "$examples" --seed 20261202 --workers 2 --request-timeout 20 --include-tag network \
    -H "Authorization: Bearer $focal" --report junit --report-dir test-output/api-focal || {
    echo "api: schemathesis found a problem as a focal point; server log follows" >&2
    grep -v "^$" "$data/serve.log" | tail -n 40 >&2
    exit 1
}
echo "api contract: passed"
