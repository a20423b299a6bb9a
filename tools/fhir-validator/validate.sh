#!/usr/bin/env bash
# Validates FHIR R4 JSON files: builds the harness when needed, then runs it. Exit 0 valid, 1 errors found.
#   bash tools/fhir-validator/validate.sh bundle.json [more.json ...]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$(bash "$HERE/build.sh")"
exec java -Xss4m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$OUT/classes:$OUT/lib/*" ValidateBundle "$@"
