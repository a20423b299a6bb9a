#!/usr/bin/env bash
# Tools some suites drive for real, provided the same way as the engines: Debian packages by apt when missing
# (oathtool checks our TOTP codes independently, nginx is the gateway of the distributed end-to-end test,
# chromium runs the console's browser journeys, docker-compose validates docker-compose.yml without an engine)
# kustomize built with Go for the manifest render test, and schemathesis (pip) for the OpenAPI conformance suite.
# Idempotent; outside CI a tool that cannot be provided is reported and its suite skips loudly.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf '[test-tools] %s\n' "$*" >&2; }

declare -A package_of=([oathtool]=oathtool [nginx]=nginx [chromium]=chromium [docker-compose]=docker-compose [jq]=jq)
missing=()
for tool in oathtool nginx chromium docker-compose jq; do
  command -v "$tool" >/dev/null 2>&1 || [[ -x "/usr/sbin/$tool" ]] || missing+=("${package_of[$tool]}")
done

status=0
if ((${#missing[@]})); then
  if command -v apt-get >/dev/null && { [[ "$(id -u)" == 0 ]] || sudo -n true 2>/dev/null; }; then
    as_root=()
    [[ "$(id -u)" == 0 ]] || as_root=(sudo -n)
    log "installing Debian packages: ${missing[*]} (first run only)"
    mkdir -p .engines
    export DEBIAN_FRONTEND=noninteractive
    "${as_root[@]}" apt-get -o DPkg::Lock::Timeout=300 update -qq >.engines/test-tools-apt.log 2>&1 || true
    if ! "${as_root[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" \
      >>.engines/test-tools-apt.log 2>&1; then
      log "apt-get install ${missing[*]} failed (see .engines/test-tools-apt.log)"
      status=1
    fi
  else
    log "missing ${missing[*]} and cannot install them here: their suites will be skipped"
    status=1
  fi
fi

if [[ -x deploy/scripts/install-kustomize.sh ]] || [[ -f deploy/scripts/install-kustomize.sh ]]; then
  bash deploy/scripts/install-kustomize.sh >/dev/null || { log "kustomize could not be built"; status=1; }
fi

# schemathesis (PyPI) for the OpenAPI conformance suite, in a virtualenv of its own in the engine cache.
venv="${VAXLEDGER_ENGINE_CACHE:-$HOME/.cache/vaxledger}/schemathesis-4.32.5"
mkdir -p .engines
if [[ ! -x "$venv/bin/schemathesis" ]]; then
  log "installing schemathesis 4.32.5 into $venv (first run only)"
  { python3 -m venv "$venv" && "$venv/bin/pip" install -q schemathesis==4.32.5; } >.engines/schemathesis-install.log 2>&1 ||
    { log "schemathesis could not be installed (see .engines/schemathesis-install.log)"; status=1; }
fi

exit "$status"
