#!/usr/bin/env bash
# Checks an audit anchor file (AUDIT_ANCHOR_DIR/checkpoints.jsonl, or a copy shipped off the machine) with
# openssl and jq alone, no vaxledger code: every line's Ed25519 signature over its `signed` text must verify
# with the published public key, and sequences must not go backwards within a kind.
#   bash deploy/scripts/verify-audit-anchors.sh PUBLIC_KEY.pem checkpoints.jsonl
set -euo pipefail
key="$1" anchors="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
declare -A last_sequence=()
line_number=0
while IFS= read -r line; do
  line_number=$((line_number + 1))
  [[ -z "$line" ]] && continue
  jq -j '.signed' <<<"$line" >"$work/signed"
  jq -r '.signature' <<<"$line" | base64 -d >"$work/signature"
  if ! openssl pkeyutl -verify -pubin -inkey "$key" -rawin -in "$work/signed" -sigfile "$work/signature" >/dev/null 2>&1; then
    echo "line $line_number: the signature does not verify with $key" >&2
    exit 1
  fi
  # What the signature covers is the `signed` text: read kind and sequence from it, not from the line's fields.
  kind="$(jq -r '.kind' "$work/signed")"
  sequence="$(jq -r '.sequence' "$work/signed")"
  if [[ -n "${last_sequence[$kind]:-}" ]] && ((sequence < ${last_sequence[$kind]})); then
    echo "line $line_number: $kind checkpoint $sequence comes after $kind checkpoint ${last_sequence[$kind]}" >&2
    exit 1
  fi
  last_sequence[$kind]="$sequence"
  echo "line $line_number: $kind checkpoint at sequence $sequence, hash $(jq -r '.hash' "$work/signed"): signature ok"
done <"$anchors"
echo "verified $line_number anchor lines"
