#!/usr/bin/env bash
# Format lint (reported) and a build of everything, tests included.
set -euo pipefail
cd "$(dirname "$0")/.."
swift format lint --recursive --parallel Sources Tests Package.swift 2>&1 | tail -n 5 || true
swift build --build-tests
