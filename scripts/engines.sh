#!/usr/bin/env bash
# Starts, stops and reports the real engines the contract suites run against: Apache Kafka (KRaft, one node),
# FerretDB v1 on SQLite (MongoDB wire protocol) and Redis, all on 127.0.0.1 only.
#
#   bash scripts/engines.sh up     [kafka|mongo|redis ...] [--record FILE]
#   bash scripts/engines.sh down   [kafka|mongo|redis ...]
#   bash scripts/engines.sh status
#   bash scripts/engines.sh env    # prints the exports, for: eval "$(bash scripts/engines.sh env)"
#   bash scripts/engines.sh wipe   # stops everything and deletes the engines' data (keeps the builds)
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
REDIS_ADDRESS="redis://127.0.0.1:$REDIS_PORT"

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
    mongo) echo "--listen-addr=127\\.0\\.0\\.1:$MONGO_PORT .*$state/mongo/" ;;
    redis) echo "^redis-server 127\\.0\\.0\\.1:$REDIS_PORT( |$)" ;;
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

# ---------------------------------------------------------------- Kafka

# Metadata v0 request over a raw socket: it answers only once the broker has registered with its controller,
# and a Kafka 4 broker (which dropped v0, and with it the versions kafkajs speaks) refuses it.
kafka_ready() {
  timeout 5 bash -c '
    exec 3<>/dev/tcp/127.0.0.1/'"$KAFKA_PORT"' || exit 1
    printf "\x00\x00\x00\x13\x00\x03\x00\x00\x00\x00\x00\x01\x00\x05probe\x00\x00\x00\x00" >&3
    reply=$(head -c 12 <&3 | od -An -tu1 | tr -s " \n" " ")
    set -- $reply
    [ "$#" -eq 12 ] && [ "$8" = 1 ] && [ $(( $9 * 16777216 + ${10} * 65536 + ${11} * 256 + ${12} )) -ge 1 ]
  ' 2>/dev/null
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
  cat >"$dir/server.properties" <<PROPS
# Single-node KRaft broker for the contract suites; loopback only.
node.id=1
process.roles=broker,controller
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
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
  cat >"$dir/log4j.properties" <<'PROPS'
# Warnings and errors only: the broker log is for diagnosing a failed start, not for reading every run.
log4j.rootLogger=WARN, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.server.KafkaServer=INFO
log4j.logger.kafka.server.BrokerServer=INFO
PROPS
}

kafka_up() {
  local dir="$STATE/kafka" lib pid
  if pid="$(pid_of kafka)"; then
    kafka_ready || wait_until 60 "$pid" "Kafka" kafka_ready || return 1
    log "kafka already running (pid $pid) at $KAFKA_ADDRESS"
    return 0
  fi
  if port_answers "$KAFKA_PORT"; then
    if kafka_ready; then
      log "kafka: $KAFKA_ADDRESS already answers (not started from this checkout); using it"
      return 0
    fi
    log "port $KAFKA_PORT is taken by something that is not a Kafka 3 broker"
    return 1
  fi
  command -v java >/dev/null || { log "java not found"; return 1; }
  lib="$(kafka_lib_dir)" || return 1
  kafka_write_config "$dir"
  if [[ ! -f "$dir/data/meta.properties" ]]; then
    if ! java -cp "$lib/*" -Dlog4j.configuration="file:$dir/log4j.properties" kafka.tools.StorageTool format \
      -t "$KAFKA_CLUSTER_ID" -c "$dir/server.properties" >"$dir/format.log" 2>&1; then
      log "formatting Kafka storage failed (see $dir/format.log)"
      return 1
    fi
  fi
  log "starting Kafka $(basename "$(dirname "$lib")" | sed 's/^kafka-//') at $KAFKA_ADDRESS"
  # setsid: a Ctrl-C in the terminal that runs the tests must not kill the broker behind `down`'s back.
  setsid java -Dvaxledger.kafka.port="$KAFKA_PORT" -Xms128m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$dir/log4j.properties" -Dkafka.logs.dir="$dir" \
    -cp "$lib/*" kafka.Kafka "$dir/server.properties" </dev/null >>"$dir/kafka.log" 2>&1 9>&- &
  pid=$!
  echo "$pid" >"$dir/kafka.pid"
  wait_until 120 "$pid" "Kafka" kafka_ready || { tail -n 20 "$dir/kafka.log" >&2; return 1; }
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
  "$1" ping --listen-addr="127.0.0.1:$MONGO_PORT" --log-level=error >/dev/null 2>&1
}

mongo_up() {
  local dir="$STATE/mongo" binary pid
  if pid="$(pid_of mongo)"; then
    log "mongo (FerretDB) already running (pid $pid) at $MONGO_ADDRESS"
    return 0
  fi
  if port_answers "$MONGO_PORT"; then
    binary="$CACHE/ferretdb-$FERRETDB_VERSION/ferretdb"
    if [[ ! -x "$binary" ]] || mongo_ready "$binary"; then
      log "mongo: 127.0.0.1:$MONGO_PORT already answers (not started from this checkout); using it"
      return 0
    fi
    log "port $MONGO_PORT is taken by something that does not speak the MongoDB protocol"
    return 1
  fi
  binary="$(ferretdb_binary)" || return 1
  mkdir -p "$dir/data" "$dir/state"
  log "starting FerretDB $FERRETDB_VERSION (SQLite) at $MONGO_ADDRESS"
  setsid "$binary" --listen-addr="127.0.0.1:$MONGO_PORT" --handler=sqlite --sqlite-url="file:$dir/data/" \
    --state-dir="$dir/state" --debug-addr=- --telemetry=disable --log-level=warn \
    </dev/null >>"$dir/mongo.log" 2>&1 9>&- &
  pid=$!
  echo "$pid" >"$dir/mongo.pid"
  wait_until 60 "$pid" "FerretDB" mongo_ready "$binary" || { tail -n 20 "$dir/mongo.log" >&2; return 1; }
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

redis_ready() {
  [[ "$(timeout 3 redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]
}

redis_up() {
  local dir="$STATE/redis" pid
  mkdir -p "$dir"
  if pid="$(pid_of redis)"; then
    log "redis already running (pid $pid) at $REDIS_ADDRESS"
    return 0
  fi
  if port_answers "$REDIS_PORT"; then
    if command -v redis-cli >/dev/null && redis_ready; then
      log "redis: 127.0.0.1:$REDIS_PORT already answers (not started from this checkout); using it"
      return 0
    fi
    log "port $REDIS_PORT is taken by something that is not Redis"
    return 1
  fi
  redis_install || return 1
  log "starting $(redis-server --version | awk '{print $1, $2, $3}') at $REDIS_ADDRESS"
  rm -f "$dir/redis.pid"
  # No persistence: these are test fixtures, and the system service (if any) keeps its own port and files.
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --pidfile "$dir/redis.pid" \
    --logfile "$dir/redis.log" --dir "$dir" --save '' --appendonly no --protected-mode yes \
    </dev/null >>"$dir/redis.log" 2>&1 9>&- || { log "redis-server did not start (see $dir/redis.log)"; return 1; }
  local tries
  for ((tries = 0; tries < 40; tries++)); do
    redis_ready && return 0
    sleep 0.25
  done
  log "redis did not answer PING"
  return 1
}

# ---------------------------------------------------------------- commands

write_env() { # engines that are up
  local tmp="$STATE/env.sh.tmp" engine
  {
    echo "# Written by scripts/engines.sh up: addresses of the engines it provides. Source it or read its lines."
    for engine in "$@"; do echo "export $(variable_of "$engine")=$(own_address_of "$engine")"; done
    for engine in "${ALL_ENGINES[@]}"; do
      given_by_caller "$engine" && echo "# $(variable_of "$engine") was set by the caller; not started here"
    done
  } >"$tmp"
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
  rm -rf "$STATE/kafka/data" "$STATE/mongo/data" "$STATE/mongo/state" "$STATE/redis/dump.rdb"
  log "engine data deleted (builds kept in $CACHE)"
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
