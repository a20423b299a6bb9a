#!/usr/bin/env bash
# Starts, stops and reports the real engines the contract suites run against: Apache Kafka (KRaft, one node),
# FerretDB v1 on SQLite (MongoDB wire protocol) and Redis, all on 127.0.0.1 only, all with authentication and TLS:
# Kafka SASL_SSL (SCRAM-SHA-512) with ACLs, FerretDB with SCRAM users over TLS, Redis ACL users over TLS.
#
#   bash scripts/engines.sh up     [kafka|mongo|redis ...] [--record FILE]
#   bash scripts/engines.sh down   [kafka|mongo|redis ...]
#   bash scripts/engines.sh status
#   bash scripts/engines.sh env    # prints the exports, for: eval "$(bash scripts/engines.sh env)"
#   bash scripts/engines.sh wipe   # stops everything and deletes the engines' data (keeps the builds)
#
# Credentials (one principal per service, plus admin, reporting and the test suites' own) and a throwaway CA with
# a server certificate are generated on the first `up` into .engines/ (mode 0700, gitignored, never committed);
# env.sh exports what the suites need, credentials.json every principal's password (see docs/testing.md).
#
# Builds (Kafka jars, FerretDB binary) are cached in $VAXLEDGER_ENGINE_CACHE (default ~/.cache/vaxledger) so
# every checkout on the machine shares them; data, logs, pid files and env.sh live in <repo>/.engines/.
# An engine whose address the caller already set (KAFKA_BROKERS, MONGO_URL, REDIS_URL) is not started.
# A failed engine prints one loud line; the exit code is non-zero for that only when CI=true.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="$ROOT/.engines"
CACHE="${VAXLEDGER_ENGINE_CACHE:-$HOME/.cache/vaxledger}"

KAFKA_VERSIONS=(3.9.1 3.9.0)
KAFKA_HOST=127.0.0.1
# Ports can be moved (e.g. to run a second checkout's engines beside the first); the defaults are the documented ones.
KAFKA_PORT="${VAXLEDGER_KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT=$((KAFKA_PORT + 1))
# A fixed KRaft cluster id (base64 of 16 bytes) so a kept data dir always matches its configuration.
KAFKA_CLUSTER_ID=dmF4bGVkZ2VyLWVuZ2luZQ
SLF4J_VERSION=1.7.36

FERRETDB_VERSION=v1.24.2
MONGO_PORT="${VAXLEDGER_MONGO_PORT:-27117}"

REDIS_PORT="${VAXLEDGER_REDIS_PORT:-16379}"

KAFKA_ADDRESS="$KAFKA_HOST:$KAFKA_PORT"
MONGO_ADDRESS="mongodb://127.0.0.1:$MONGO_PORT/"
REDIS_ADDRESS="rediss://127.0.0.1:$REDIS_PORT"

# Principals: the same names on the three engines. `admin` bootstraps (Kafka super user, Redis and FerretDB
# administrator), `test` is what the contract suites connect as, the rest are the deployment's own.
PRINCIPALS=(admin test identity registry immunization audit reporting)
principal_name() { echo "vaxledger-$1"; }
TLS_DIR="$STATE/tls"
CREDENTIALS="$STATE/credentials.sh"
CREDENTIALS_JSON="$STATE/credentials.json"
NODE_HELPER="$ROOT/scripts/engine-accounts.mjs"

ALL_ENGINES=(kafka mongo redis)

log() { printf '[engines] %s\n' "$*" >&2; }
loud() { printf '\n[engines] ***** %s *****\n\n' "$*" >&2; }

# ---------------------------------------------------------------- small shared pieces

port_answers() { # port
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

pid_of() { # engine -> prints the pid if the recorded process is still ours and alive
  local file="$STATE/$1/$1.pid" pid
  [[ -s "$file" ]] || return 1
  pid="$(tr -dc '0-9' <"$file")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  # A recycled pid belongs to some other program, and a process of ours on another port is not the one asked
  # for: trust the pid only when its command line shows this checkout's engine on the configured port.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -Eq -e "$(command_line_pattern "$1")" || return 1
  echo "$pid"
}

command_line_pattern() { # engine
  local state="${STATE//./\\.}"
  case "$1" in
    kafka) echo "-Dvaxledger\\.kafka\\.port=$KAFKA_PORT .*$state/kafka/server\\.properties" ;;
    mongo) echo "--listen-(addr|tls)=127\\.0\\.0\\.1:$MONGO_PORT .*$state/mongo/" ;;
    redis) echo "^redis-server 127\\.0\\.0\\.1:$REDIS_PORT( |$)" ;;
  esac
}

# An engine of this checkout started by an engines.sh from before authentication (plain listeners, no users).
legacy_engine() { # engine pid
  local cmdline
  cmdline="$(tr '\0' ' ' <"/proc/$2/cmdline" 2>/dev/null)"
  case "$1" in
    kafka) [[ "$cmdline" != *"-Dvaxledger.kafka.auth="* ]] ;;
    mongo) [[ "$cmdline" != *"--test-enable-new-auth"* ]] ;;
    redis) [[ "$(timeout 2 redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]] ;;
  esac
}

stop_pid() { # engine pid seconds
  local engine="$1" pid="$2" waited=0
  kill -TERM "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null; do
    if ((waited >= $3 * 4)); then
      log "$engine did not stop within $3 s, killing it"
      kill -KILL "$pid" 2>/dev/null
      break
    fi
    sleep 0.25
    waited=$((waited + 1))
  done
}

wait_until() { # seconds pid description command... : polls the command while the process lives
  local seconds="$1" pid="$2" what="$3" tries
  shift 3
  for ((tries = 0; tries < seconds * 2; tries++)); do
    "$@" && return 0
    kill -0 "$pid" 2>/dev/null || { log "$what exited during start-up"; return 1; }
    sleep 0.5
  done
  log "$what did not become ready within $seconds s"
  return 1
}

variable_of() {
  case "$1" in kafka) echo KAFKA_BROKERS ;; mongo) echo MONGO_URL ;; redis) echo REDIS_URL ;; esac
}
port_of() {
  case "$1" in kafka) echo "$KAFKA_PORT" ;; mongo) echo "$MONGO_PORT" ;; redis) echo "$REDIS_PORT" ;; esac
}
own_address_of() {
  case "$1" in kafka) echo "$KAFKA_ADDRESS" ;; mongo) echo "$MONGO_ADDRESS" ;; redis) echo "$REDIS_ADDRESS" ;; esac
}

# The caller chose another engine for this variable (e.g. docker compose): leave it alone. A value equal to our
# own address (a shell that sourced env.sh earlier) still means "ours", so it is started when missing.
given_by_caller() { # engine
  local variable value
  variable="$(variable_of "$1")"
  value="${!variable:-}"
  [[ -n "$value" && "$value" != "$(own_address_of "$1")" ]]
}


# ---------------------------------------------------------------- credentials and TLS (throwaway, per checkout)

password_of() { # principal -> its password (credentials.sh must be loaded)
  local variable="PASSWORD_${1^^}"
  echo "${!variable}"
}

ensure_credentials() {
  local principal tmp
  mkdir -p "$STATE" && chmod 700 "$STATE"
  if [[ -s "$CREDENTIALS" ]]; then
    # shellcheck disable=SC1090
    source "$CREDENTIALS"
    local missing=0
    for principal in "${PRINCIPALS[@]}"; do [[ -n "$(password_of "$principal")" ]] || missing=1; done
    ((missing == 0)) && { write_credentials_json; return 0; }
  fi
  log "generating engine credentials (one principal per service) in $CREDENTIALS"
  tmp="$CREDENTIALS.tmp"
  (
    umask 077
    echo "# Generated by scripts/engines.sh: passwords of the test engines' principals. Never commit."
    for principal in "${PRINCIPALS[@]}"; do echo "PASSWORD_${principal^^}=$(openssl rand -hex 24)"; done
  ) >"$tmp"
  mv "$tmp" "$CREDENTIALS"
  # shellcheck disable=SC1090
  source "$CREDENTIALS"
  # New passwords do not match the SCRAM users stored in an earlier Kafka format or FerretDB database.
  rm -rf "$STATE/kafka/data" "$STATE/mongo/data" "$STATE/mongo/state"
  write_credentials_json
}

write_credentials_json() {
  local principal first=1
  (
    umask 077
    {
      printf '{\n  "caFile": "%s",\n  "principals": {\n' "$TLS_DIR/ca.pem"
      for principal in "${PRINCIPALS[@]}"; do
        ((first)) || printf ',\n'
        first=0
        printf '    "%s": { "username": "%s", "password": "%s" }' "$principal" "$(principal_name "$principal")" "$(password_of "$principal")"
      done
      printf '\n  }\n}\n'
    } >"$CREDENTIALS_JSON.tmp"
  )
  mv "$CREDENTIALS_JSON.tmp" "$CREDENTIALS_JSON"
}

# A CA made for this checkout's engines and one server certificate for 127.0.0.1/localhost, signed by it. The
# CA key stays beside it under .engines/tls; both are test fixtures, regenerated by `wipe`.
ensure_tls() {
  [[ -s "$TLS_DIR/ca.pem" && -s "$TLS_DIR/server.pem" && -s "$TLS_DIR/server.key" ]] &&
    openssl x509 -checkend 86400 -noout -in "$TLS_DIR/server.pem" >/dev/null 2>&1 && return 0
  command -v openssl >/dev/null || { log "openssl not found: it makes the engines' TLS certificates"; return 1; }
  log "generating a throwaway CA and server certificate in $TLS_DIR"
  mkdir -p "$TLS_DIR" && chmod 700 "$TLS_DIR"
  (
    umask 077
    cd "$TLS_DIR" || exit 1
    openssl req -x509 -newkey rsa:2048 -nodes -days 825 -sha256 -subj "/CN=vaxledger test engines CA" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
      -keyout ca.key -out ca.pem &&
      openssl req -newkey rsa:2048 -nodes -sha256 -subj "/CN=vaxledger-engines" -keyout server.key -out server.csr &&
      printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost" "basicConstraints=critical,CA:FALSE" \
        "keyUsage=critical,digitalSignature,keyEncipherment" "extendedKeyUsage=serverAuth,clientAuth" >server.ext &&
      openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 825 -sha256 \
        -extfile server.ext -out server.pem &&
      # Kafka's PEM key store wants the PKCS#8 key and its certificate chain in one file.
      openssl pkcs8 -topk8 -nocrypt -in server.key -out server-pkcs8.key &&
      cat server-pkcs8.key server.pem ca.pem >kafka-keystore.pem &&
      rm -f server.csr server.ext ca.srl
  ) >"$STATE/tls.log" 2>&1 || { log "making the TLS certificates failed (see $STATE/tls.log)"; return 1; }
  # A new CA means every engine must present the new certificate.
  return 0
}

node_helper() { # command, with the admin credentials in its environment (never on a command line)
  command -v node >/dev/null || { log "node not found"; return 1; }
  [[ -d "$ROOT/node_modules/kafkajs" && -d "$ROOT/node_modules/mongodb" ]] ||
    { log "node_modules is missing (run npm ci): the engines' accounts are set up with kafkajs and mongodb"; return 1; }
  VX_CREDENTIALS_FILE="$CREDENTIALS_JSON" VX_KAFKA_BROKER="$KAFKA_ADDRESS" VX_MONGO_ADDRESS="127.0.0.1:$MONGO_PORT" \
    node "$NODE_HELPER" "$@"
}

# ---------------------------------------------------------------- Kafka

# A SASL_SSL connection as the admin principal that lists the broker (kafkajs, so a Kafka 4 broker, which
# dropped the protocol versions kafkajs speaks, is refused as well).
kafka_ready() {
  node_helper kafka-ready >/dev/null 2>&1
}

# Every checkout on the machine shares the build cache: one build at a time. Called inside $(...), so the lock
# is released when that subshell ends.
lock_build_cache() {
  mkdir -p "$CACHE"
  exec 8>"$CACHE/.build.lock"
  flock -w 1200 8 || { log "another checkout is still building engines (lock $CACHE/.build.lock)"; return 1; }
}

kafka_cached_lib_dir() {
  local version
  for version in "${KAFKA_VERSIONS[@]}"; do
    if [[ -f "$CACHE/kafka-$version/.complete" ]]; then echo "$CACHE/kafka-$version/lib"; return 0; fi
  done
  return 1
}

kafka_lib_dir() { # prints the lib dir of the first Kafka 3.9 version Maven can resolve
  local version dir work
  kafka_cached_lib_dir && return 0
  lock_build_cache || return 1
  kafka_cached_lib_dir && return 0
  command -v mvn >/dev/null || { log "mvn not found: Maven is needed to fetch Kafka from Maven Central"; return 1; }
  for version in "${KAFKA_VERSIONS[@]}"; do
    work="$CACHE/kafka-$version"
    dir="$work/lib"
    rm -rf "$dir"
    mkdir -p "$work"
    cat >"$work/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>vaxledger.engines</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$version</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>$SLF4J_VERSION</version></dependency>
  </dependencies>
  <build>
    <pluginManagement>
      <plugins>
        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId><version>3.6.1</version></plugin>
      </plugins>
    </pluginManagement>
  </build>
</project>
POM
    log "resolving org.apache.kafka:kafka_2.13:$version from Maven Central (first run only)"
    if mvn -q -B -f "$work/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$dir" -DincludeScope=runtime >"$work/mvn.log" 2>&1 &&
      compgen -G "$dir/kafka_2.13-$version.jar" >/dev/null; then
      touch "$work/.complete"
      echo "$dir"
      return 0
    fi
    log "Kafka $version could not be resolved (see $work/mvn.log)"
  done
  return 1
}

kafka_write_config() { # dir
  local dir="$1"
  mkdir -p "$dir/data"
  (
    umask 077
    cat >"$dir/server.properties" <<PROPS
# Single-node KRaft broker for the contract suites; loopback only. Clients: SASL_SSL with SCRAM-SHA-512 and
# ACLs (StandardAuthorizer); the controller listener takes only TLS clients with a certificate of our CA.
node.id=1
process.roles=broker,controller
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=SASL_SSL://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=SASL_SSL://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_SSL
listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:SSL
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$(principal_name admin)" password="$(password_of admin)";
ssl.keystore.type=PEM
ssl.keystore.location=$TLS_DIR/kafka-keystore.pem
ssl.truststore.type=PEM
ssl.truststore.location=$TLS_DIR/ca.pem
ssl.endpoint.identification.algorithm=https
listener.name.controller.ssl.client.auth=required
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
# The admin bootstraps users and ACLs; the broker itself reaches its controller with the engines' certificate.
super.users=User:$(principal_name admin);User:CN=vaxledger-engines
log.dirs=$dir/data
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=true
delete.topic.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=5
group.initial.rebalance.delay.ms=0
log.retention.hours=24
log.segment.bytes=16777216
num.network.threads=2
num.io.threads=2
num.recovery.threads.per.data.dir=1
PROPS
  )
  cat >"$dir/log4j.properties" <<'PROPS'
# Warnings and errors only: the broker log is for diagnosing a failed start, not for reading every run.
log4j.rootLogger=WARN, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.server.KafkaServer=INFO
log4j.logger.kafka.server.BrokerServer=INFO
# Refused logins and ACL denials, for a test that expects one and a person who wonders why.
log4j.logger.kafka.authorizer.logger=INFO
PROPS
}

# The SCRAM credentials go in with the storage format (KRaft keeps them in its metadata log), so the admin
# exists before the broker takes its first connection.
kafka_format() { # dir lib
  local dir="$1" lib="$2" principal args=()
  for principal in "${PRINCIPALS[@]}"; do
    args+=(--add-scram "SCRAM-SHA-512=[name=$(principal_name "$principal"),iterations=8192,password=$(password_of "$principal")]")
  done
  java -cp "$lib/*" -Dlog4j.configuration="file:$dir/log4j.properties" kafka.tools.StorageTool format \
    -t "$KAFKA_CLUSTER_ID" -c "$dir/server.properties" "${args[@]}" >"$dir/format.log" 2>&1
}

kafka_up() {
  local dir="$STATE/kafka" lib pid
  if pid="$(pid_of kafka)"; then
    if ! legacy_engine kafka "$pid"; then
      kafka_ready || wait_until 60 "$pid" "Kafka" kafka_ready || return 1
      kafka_grant_test || return 1
      log "kafka already running (pid $pid) at $KAFKA_ADDRESS"
      return 0
    fi
    # Started by an engines.sh from before authentication: its storage has no SCRAM users, so it starts anew.
    log "kafka (pid $pid) runs without authentication; restarting it with SASL_SSL (its test data is deleted)"
    stop_pid kafka "$pid" 30
    rm -rf "$dir/data"
  fi
  if port_answers "$KAFKA_PORT"; then
    if kafka_ready; then
      log "kafka: $KAFKA_ADDRESS already answers with this checkout's credentials (not started from it); using it"
      return 0
    fi
    log "port $KAFKA_PORT is taken by something that is not a Kafka 3 broker taking this checkout's credentials"
    return 1
  fi
  command -v java >/dev/null || { log "java not found"; return 1; }
  lib="$(kafka_lib_dir)" || return 1
  kafka_write_config "$dir"
  if [[ ! -f "$dir/data/meta.properties" ]]; then
    rm -f "$dir/.test-acls"
    if ! kafka_format "$dir" "$lib"; then
      log "formatting Kafka storage failed (see $dir/format.log)"
      return 1
    fi
  fi
  log "starting Kafka $(basename "$(dirname "$lib")" | sed 's/^kafka-//') at $KAFKA_ADDRESS (SASL_SSL, SCRAM-SHA-512, ACLs)"
  # setsid: a Ctrl-C in the terminal that runs the tests must not kill the broker behind `down`'s back.
  setsid java -Dvaxledger.kafka.port="$KAFKA_PORT" -Dvaxledger.kafka.auth=sasl_ssl -Xms128m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$dir/log4j.properties" -Dkafka.logs.dir="$dir" \
    -cp "$lib/*" kafka.Kafka "$dir/server.properties" </dev/null >>"$dir/kafka.log" 2>&1 9>&- &
  pid=$!
  echo "$pid" >"$dir/kafka.pid"
  wait_until 120 "$pid" "Kafka" kafka_ready || { tail -n 20 "$dir/kafka.log" >&2; return 1; }
  kafka_grant_test
}

# The suites' own principal may use any topic, group and transactional id (they make unique names per run),
# but is no super user: it cannot change ACLs or users. The deployment's principals get their ACLs from
# libs/contracts (topic-access.ts), applied per deployment or test namespace.
kafka_grant_test() {
  [[ -f "$STATE/kafka/.test-acls" ]] && return 0
  node_helper kafka-grant-test || { log "granting the test principal's ACLs failed"; return 1; }
  touch "$STATE/kafka/.test-acls"
}

# ---------------------------------------------------------------- FerretDB (MongoDB wire protocol on SQLite)

ferretdb_binary() { # prints the path of a FerretDB binary built from the module proxy's source
  local out="$CACHE/ferretdb-$FERRETDB_VERSION" src module_dir
  if [[ -x "$out/ferretdb" ]]; then echo "$out/ferretdb"; return 0; fi
  command -v go >/dev/null || { log "go not found: Go is needed to build FerretDB"; return 1; }
  lock_build_cache || return 1
  if [[ -x "$out/ferretdb" ]]; then echo "$out/ferretdb"; return 0; fi
  mkdir -p "$out"
  log "building FerretDB $FERRETDB_VERSION with Go (first run only)"
  # Run outside any Go module, whatever the caller's directory.
  module_dir="$(cd "$out" && GOFLAGS=-mod=mod go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" 2>"$out/build.log" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  if [[ -z "$module_dir" || ! -d "$module_dir" ]]; then
    log "could not download the FerretDB module (see $out/build.log)"
    return 1
  fi
  # The module cache is read-only and lacks the generated build/version/version.txt, without which the
  # binary panics at start (upstream issue #2982): build from a writable copy that has it.
  src="$out/src"
  rm -rf "$src"
  cp -r "$module_dir" "$src" && chmod -R u+w "$src"
  echo "$FERRETDB_VERSION" >"$src/build/version/version.txt"
  if ! (cd "$src" && GOFLAGS="-buildvcs=false -mod=mod" go build -trimpath -o "$out/ferretdb.tmp" ./cmd/ferretdb) \
    >>"$out/build.log" 2>&1; then
    log "building FerretDB failed (see $out/build.log)"
    return 1
  fi
  mv "$out/ferretdb.tmp" "$out/ferretdb"
  rm -rf "$src"
  echo "$out/ferretdb"
}

mongo_ready() { # binary
  "$1" ping --listen-addr= --listen-tls="127.0.0.1:$MONGO_PORT" --listen-tls-ca-file="$TLS_DIR/ca.pem" \
    --log-level=error >/dev/null 2>&1
}

# FerretDB v1's "new authentication" (SCRAM-SHA-256 and SCRAM-SHA-1, users in admin.system.users): every
# command but the handshake needs an authenticated user. It has no roles, so any user reaches every database.
mongo_up() {
  local dir="$STATE/mongo" binary pid
  if pid="$(pid_of mongo)"; then
    if ! legacy_engine mongo "$pid"; then
      node_helper mongo-users || return 1
      log "mongo (FerretDB) already running (pid $pid) at $MONGO_ADDRESS"
      return 0
    fi
    log "mongo (pid $pid) runs without authentication; restarting it with SCRAM users and TLS"
    stop_pid mongo "$pid" 10
  fi
  if port_answers "$MONGO_PORT"; then
    binary="$CACHE/ferretdb-$FERRETDB_VERSION/ferretdb"
    if [[ -x "$binary" ]] && mongo_ready "$binary" && node_helper mongo-users >/dev/null 2>&1; then
      log "mongo: 127.0.0.1:$MONGO_PORT already answers with this checkout's credentials (not started from it); using it"
      return 0
    fi
    log "port $MONGO_PORT is taken by something that does not take this checkout's credentials over TLS"
    return 1
  fi
  binary="$(ferretdb_binary)" || return 1
  mkdir -p "$dir/data" "$dir/state"
  log "starting FerretDB $FERRETDB_VERSION (SQLite) at $MONGO_ADDRESS (TLS, SCRAM authentication)"
  # TLS listener only (no plain one); the first user is made at start-up from the environment, not argv.
  FERRETDB_SETUP_USERNAME="$(principal_name admin)" FERRETDB_SETUP_PASSWORD="$(password_of admin)" \
    FERRETDB_SETUP_DATABASE=admin \
    setsid "$binary" --listen-addr= --listen-tls="127.0.0.1:$MONGO_PORT" \
    --listen-tls-cert-file="$TLS_DIR/server.pem" --listen-tls-key-file="$TLS_DIR/server.key" \
    --handler=sqlite --sqlite-url="file:$dir/data/" --test-enable-new-auth \
    --state-dir="$dir/state" --debug-addr=- --telemetry=disable --log-level=warn \
    </dev/null >>"$dir/mongo.log" 2>&1 9>&- &
  pid=$!
  echo "$pid" >"$dir/mongo.pid"
  wait_until 60 "$pid" "FerretDB" mongo_ready "$binary" || { tail -n 20 "$dir/mongo.log" >&2; return 1; }
  node_helper mongo-users || { log "creating the FerretDB users failed"; return 1; }
}

# ---------------------------------------------------------------- Redis

redis_install() {
  command -v redis-server >/dev/null && return 0
  command -v apt-get >/dev/null || { log "redis-server is not installed and apt-get is not available"; return 1; }
  log "installing Debian's redis-server (first run only)"
  local as_root=()
  [[ "$(id -u)" == 0 ]] || as_root=(sudo -n)
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get -o DPkg::Lock::Timeout=300 update -qq >"$STATE/redis/apt.log" 2>&1 || true
  "${as_root[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends redis-server \
    >>"$STATE/redis/apt.log" 2>&1 || { log "apt-get install redis-server failed (see $STATE/redis/apt.log)"; return 1; }
}

redis_cli_as() { # principal redis-cli-args...
  local principal="$1"
  shift
  REDISCLI_AUTH="$(password_of "$principal")" timeout 3 redis-cli --tls --cacert "$TLS_DIR/ca.pem" \
    -h 127.0.0.1 -p "$REDIS_PORT" --user "$(principal_name "$principal")" --no-auth-warning "$@"
}

redis_ready() {
  [[ "$(redis_cli_as admin ping 2>/dev/null)" == PONG ]]
}

# One ACL user per service, each limited to its own key prefix (`vx:<service>:`, as RedisStore namespaces
# them) and to the commands RedisStore sends; the default user is off. Passwords are stored as SHA-256.
redis_write_acl() { # file
  local principal
  (
    umask 077
    {
      echo "user default off"
      echo "user $(principal_name admin) on #$(printf %s "$(password_of admin)" | sha256sum | cut -d' ' -f1) ~* &* +@all"
      for principal in test identity registry immunization audit; do
        local keys="~vx:$principal:*"
        # The suites make their own prefixes (vx:contract:…, vx:identity-test:…), all under vx:.
        [[ "$principal" == test ]] && keys="~vx:*"
        echo "user $(principal_name "$principal") on #$(printf %s "$(password_of "$principal")" | sha256sum | cut -d' ' -f1) $keys resetchannels -@all +@connection +@read +@write +@transaction +@scripting -@dangerous +info +scan -script|flush -script|kill"
      done
    } >"$1"
  )
}

redis_up() {
  local dir="$STATE/redis" pid
  mkdir -p "$dir"
  if pid="$(pid_of redis)"; then
    if ! legacy_engine redis "$pid"; then
      log "redis already running (pid $pid) at $REDIS_ADDRESS"
      return 0
    fi
    log "redis (pid $pid) runs without authentication; restarting it with ACL users and TLS"
    stop_pid redis "$pid" 10
  fi
  if port_answers "$REDIS_PORT"; then
    if command -v redis-cli >/dev/null && redis_ready; then
      log "redis: 127.0.0.1:$REDIS_PORT already answers with this checkout's credentials (not started from it); using it"
      return 0
    fi
    log "port $REDIS_PORT is taken by something that is not a Redis taking this checkout's credentials over TLS"
    return 1
  fi
  redis_install || return 1
  redis_write_acl "$dir/users.acl"
  log "starting $(redis-server --version | awk '{print $1, $2, $3}') at $REDIS_ADDRESS (TLS, ACL users)"
  rm -f "$dir/redis.pid"
  # No persistence: these are test fixtures, and the system service (if any) keeps its own port and files.
  # TLS port only (port 0 closes the plain one); clients need no certificate, they authenticate as ACL users.
  redis-server --bind 127.0.0.1 --port 0 --tls-port "$REDIS_PORT" --tls-cert-file "$TLS_DIR/server.pem" \
    --tls-key-file "$TLS_DIR/server.key" --tls-ca-cert-file "$TLS_DIR/ca.pem" --tls-auth-clients no \
    --aclfile "$dir/users.acl" --daemonize yes --pidfile "$dir/redis.pid" \
    --logfile "$dir/redis.log" --dir "$dir" --save '' --appendonly no --protected-mode yes \
    </dev/null >>"$dir/redis.log" 2>&1 9>&- || { log "redis-server did not start (see $dir/redis.log)"; return 1; }
  local tries
  for ((tries = 0; tries < 40; tries++)); do
    redis_ready && return 0
    sleep 0.25
  done
  log "redis did not answer PING over TLS as $(principal_name admin)"
  return 1
}

# ---------------------------------------------------------------- commands

write_env() { # engines that are up
  local tmp="$STATE/env.sh.tmp" engine
  (
    umask 077
    {
      echo "# Written by scripts/engines.sh up: addresses and test credentials of the engines it provides. Never commit."
      echo "# The suites connect as $(principal_name test); every principal's password is in $CREDENTIALS_JSON."
      for engine in "$@"; do
        echo "export $(variable_of "$engine")=$(own_address_of "$engine")"
        case "$engine" in
          kafka)
            echo "export KAFKA_SASL_MECHANISM=scram-sha-512"
            echo "export KAFKA_SASL_USERNAME=$(principal_name test)"
            echo "export KAFKA_SASL_PASSWORD=$(password_of test)"
            echo "export KAFKA_TLS=true"
            echo "export KAFKA_TLS_CA_FILE=$TLS_DIR/ca.pem"
            ;;
          mongo)
            echo "export MONGO_USERNAME=$(principal_name test)"
            echo "export MONGO_PASSWORD=$(password_of test)"
            echo "export MONGO_AUTH_SOURCE=admin"
            echo "export MONGO_TLS=true"
            echo "export MONGO_TLS_CA_FILE=$TLS_DIR/ca.pem"
            ;;
          redis)
            echo "export REDIS_USERNAME=$(principal_name test)"
            echo "export REDIS_PASSWORD=$(password_of test)"
            echo "export REDIS_TLS_CA_FILE=$TLS_DIR/ca.pem"
            ;;
        esac
      done
      (($#)) && echo "export VAXLEDGER_ENGINE_CREDENTIALS=$CREDENTIALS_JSON"
      for engine in "${ALL_ENGINES[@]}"; do
        given_by_caller "$engine" && echo "# $(variable_of "$engine") was set by the caller; not started here"
      done
    } >"$tmp"
  )
  mv "$tmp" "$STATE/env.sh"
}

REQUESTED=()
choose_engines() { # engine names given on the command line (all by default) -> REQUESTED
  local arg
  REQUESTED=()
  for arg in "$@"; do
    case "$arg" in
      kafka | mongo | redis) REQUESTED+=("$arg") ;;
      ferretdb) REQUESTED+=(mongo) ;;
      *) log "unknown engine '$arg' (kafka, mongo, redis)"; exit 2 ;;
    esac
  done
  ((${#REQUESTED[@]})) || REQUESTED=("${ALL_ENGINES[@]}")
}

# The engines started under this lock get `9>&-`: a daemon that inherited the lock would hold it forever.
take_lock() {
  mkdir -p "$STATE"
  exec 9>"$STATE/.lock"
  # Several people may run the tests in one checkout: one `up`/`down` at a time (a first build can take minutes).
  flock -w 1200 9 || { log "another engines.sh is still busy (lock $STATE/.lock)"; exit 1; }
}

cmd_up() {
  local record="" args=() engine failed=() up=()
  while (($#)); do
    case "$1" in
      --record) record="$2"; shift 2 ;;
      *) args+=("$1"); shift ;;
    esac
  done
  choose_engines "${args[@]}"
  take_lock
  mkdir -p "$CACHE" "$STATE/kafka" "$STATE/mongo" "$STATE/redis"
  if ! ensure_credentials || ! ensure_tls; then
    loud "ENGINES NOT AVAILABLE: no credentials or TLS certificates (see above)"
    write_env
    [[ "${CI:-}" == true ]] && exit 1
    exit 0
  fi
  for engine in "${ALL_ENGINES[@]}"; do
    if given_by_caller "$engine"; then
      log "$engine: using $(variable_of "$engine") from the environment; not starting one"
      continue
    fi
    [[ " ${REQUESTED[*]} " == *" $engine "* ]] || { pid_of "$engine" >/dev/null && up+=("$engine"); continue; }
    # Recorded before starting, so an interrupted start is still stopped by the caller's `down`.
    if [[ -n "$record" ]] && ! pid_of "$engine" >/dev/null; then echo "$engine" >>"$record"; fi
    if "${engine}_up"; then
      up+=("$engine")
    else
      failed+=("$engine")
      loud "ENGINE NOT AVAILABLE: $engine ($(variable_of "$engine") not exported; its suites will be skipped, or fail with CI=true)"
    fi
  done
  write_env "${up[@]}"
  log "ready: ${up[*]:-none}${failed[*]:+; failed: ${failed[*]}}  (exports in $STATE/env.sh)"
  if ((${#failed[@]})) && [[ "${CI:-}" == true ]]; then exit 1; fi
  exit 0
}

cmd_down() {
  local engine pid
  choose_engines "$@"
  take_lock
  # shellcheck disable=SC1090
  [[ -s "$CREDENTIALS" ]] && source "$CREDENTIALS"
  for engine in "${REQUESTED[@]}"; do
    if pid="$(pid_of "$engine")"; then
      log "stopping $engine (pid $pid)"
      case "$engine" in
        kafka) stop_pid kafka "$pid" 30 ;;
        *) stop_pid "$engine" "$pid" 10 ;;
      esac
    fi
    rm -f "$STATE/$engine/$engine.pid"
  done
  local still_up=()
  for engine in "${ALL_ENGINES[@]}"; do pid_of "$engine" >/dev/null && still_up+=("$engine"); done
  write_env "${still_up[@]}"
}

cmd_status() {
  local engine pid variable
  for engine in "${ALL_ENGINES[@]}"; do
    variable="$(variable_of "$engine")"
    if given_by_caller "$engine"; then
      printf '%-6s external  %s=%s\n' "$engine" "$variable" "${!variable}"
    elif pid="$(pid_of "$engine")"; then
      printf '%-6s running   pid %-7s %s\n' "$engine" "$pid" "$(own_address_of "$engine")"
    elif port_answers "$(port_of "$engine")"; then
      printf '%-6s answering %s (not started from this checkout)\n' "$engine" "$(own_address_of "$engine")"
    else
      printf '%-6s stopped\n' "$engine"
    fi
  done
  local version
  for version in "${KAFKA_VERSIONS[@]}"; do
    [[ -f "$CACHE/kafka-$version/.complete" ]] && { echo "cache  kafka $version jars in $CACHE/kafka-$version/lib"; break; }
  done
  [[ -x "$CACHE/ferretdb-$FERRETDB_VERSION/ferretdb" ]] && echo "cache  ferretdb $FERRETDB_VERSION in $CACHE/ferretdb-$FERRETDB_VERSION"
  return 0
}

cmd_env() {
  [[ -f "$STATE/env.sh" ]] && grep '^export ' "$STATE/env.sh"
  return 0
}

cmd_wipe() {
  cmd_down
  rm -rf "$STATE/kafka/data" "$STATE/mongo/data" "$STATE/mongo/state" "$STATE/redis/dump.rdb" \
    "$STATE/kafka/.test-acls" "$TLS_DIR" "$CREDENTIALS" "$CREDENTIALS_JSON"
  log "engine data, credentials and certificates deleted (builds kept in $CACHE)"
}

command="${1:-status}"
shift || true
case "$command" in
  up) cmd_up "$@" ;;
  down) cmd_down "$@" ;;
  status) cmd_status ;;
  env) cmd_env ;;
  wipe) cmd_wipe ;;
  *) echo "usage: bash scripts/engines.sh up|down|status|env|wipe [kafka|mongo|redis ...]" >&2; exit 2 ;;
esac
