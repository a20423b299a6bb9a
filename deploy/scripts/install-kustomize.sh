#!/usr/bin/env bash
# Provides a pinned kustomize binary at <repo>/.engines/bin/kustomize for rendering deploy/k8s offline.
#
#   bash deploy/scripts/install-kustomize.sh        # prints the binary's path on stdout
#
# Built with the machine's Go from the Go module proxy (no prebuilt download), once per machine: the build is
# cached in $VAXLEDGER_ENGINE_CACHE (default ~/.cache/vaxledger, shared with scripts/engines.sh) and linked into
# the checkout, so a fresh clone on the same machine costs nothing. Safe to run concurrently and repeatedly.
set -euo pipefail

KUSTOMIZE_VERSION=v5.7.1
KUSTOMIZE_MODULE=sigs.k8s.io/kustomize/kustomize/v5

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${VAXLEDGER_ENGINE_CACHE:-$HOME/.cache/vaxledger}/kustomize/$KUSTOMIZE_VERSION"
LINK="$ROOT/.engines/bin/kustomize"

log() { printf '[kustomize] %s\n' "$*" >&2; }

has_version() { # binary -> true when it runs and reports the pinned version
  [[ -x "$1" ]] && "$1" version 2>/dev/null | grep -qx "$KUSTOMIZE_VERSION"
}

if has_version "$LINK"; then
  echo "$LINK"
  exit 0
fi

mkdir -p "$CACHE" "$(dirname "$LINK")"
exec 9>"$CACHE.lock"
flock 9 # a second caller waits for the first build instead of racing it

if ! has_version "$CACHE/kustomize"; then
  command -v go >/dev/null || { log "go is not installed: cannot build kustomize $KUSTOMIZE_VERSION"; exit 1; }
  log "building $KUSTOMIZE_MODULE@$KUSTOMIZE_VERSION with $(go version | cut -d' ' -f3) (about a minute, once per machine)"
  # GOTOOLCHAIN=local: this version builds with the machine's Go; never fetch another toolchain for it.
  GOTOOLCHAIN=local GOFLAGS=-buildvcs=false GOBIN="$CACHE" go install "$KUSTOMIZE_MODULE@$KUSTOMIZE_VERSION" >&2
  has_version "$CACHE/kustomize" || { log "the build did not produce a working kustomize $KUSTOMIZE_VERSION"; exit 1; }
fi

ln -sfn "$CACHE/kustomize" "$LINK"
log "ready: $LINK -> $CACHE/kustomize"
echo "$LINK"
