#!/usr/bin/env bash
# Checks that gate: any swift-format finding fails (lineLength 150, see .swift-format; Tests/.swift-format allows
# force unwraps in tests), and Accord's own targets build with warnings as errors (ACCORD_STRICT=1, see Package.swift).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! swift format lint --strict --recursive --parallel Sources Tests Package.swift; then
    echo "validate: swift format findings above; 'swift format format -i --recursive Sources Tests Package.swift' fixes most" >&2
    exit 1
fi
ACCORD_STRICT=1 swift build --build-tests
echo "validate: format clean, build without warnings"
