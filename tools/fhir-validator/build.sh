#!/usr/bin/env bash
# Builds the FHIR R4 validator harness (HAPI FHIR from Maven Central + a javac-compiled ValidateBundle) into
# <repo>/.engines/fhir-validator, or $VAXLEDGER_FHIR_VALIDATOR_DIR. A build whose inputs did not change is reused;
# concurrent callers (parallel test workers) wait for one another. Prints the build directory on stdout.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="${VAXLEDGER_FHIR_VALIDATOR_DIR:-$ROOT/.engines/fhir-validator}"

for tool in java javac mvn; do
  command -v "$tool" >/dev/null || { echo "fhir-validator: '$tool' is not installed" >&2; exit 3; }
done

mkdir -p "$OUT"
exec 9>"$OUT.lock"
flock 9

STAMP="$(cat "$HERE/pom.xml" "$HERE"/src/main/java/*.java | sha256sum | cut -c1-16)"
if [[ -f "$OUT/stamp" && "$(cat "$OUT/stamp")" == "$STAMP" && -f "$OUT/classes/ValidateBundle.class" ]]; then
  echo "$OUT"
  exit 0
fi

echo "fhir-validator: building into $OUT (dependencies from Maven Central on first run)" >&2
rm -rf "$OUT/lib" "$OUT/classes" "$OUT/stamp"
mvn -B -q -f "$HERE/pom.xml" dependency:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$OUT/lib" >&2
javac --release 17 -nowarn -cp "$OUT/lib/*" -d "$OUT/classes" "$HERE"/src/main/java/*.java >&2
echo "$STAMP" >"$OUT/stamp"
echo "$OUT"
