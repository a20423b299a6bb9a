#!/usr/bin/env bash
# The Kafka broker of docker-compose.yml (apache/kafka image): one KRaft node, clients on SASL_SSL with
# SCRAM-SHA-512 and ACLs (StandardAuthorizer, nothing allowed without an ACL), the controller on TLS with client
# certificates. The SCRAM users (the admin and one per principal) are written into the storage when it is first
# formatted, from the passwords in the environment; `engine-bootstrap` then adds the topics and ACLs.
# Change a password later with kafka-configs.sh --alter --add-config 'SCRAM-SHA-512=[password=…]'.
set -euo pipefail
: "${ENGINE_ADMIN_PASSWORD:?set ENGINE_ADMIN_PASSWORD}"
tls=/etc/vaxledger/tls
data=/var/lib/kafka/data
props=/tmp/server.properties
umask 077
cat >"$props" <<PROPS
node.id=1
process.roles=broker,controller
controller.quorum.voters=1@kafka:9093
listeners=SASL_SSL://:9092,CONTROLLER://:9093
advertised.listeners=SASL_SSL://kafka:9092
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_SSL
listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:SSL
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="vaxledger-admin" password="$ENGINE_ADMIN_PASSWORD";
ssl.keystore.type=PEM
ssl.keystore.location=$tls/kafka-keystore.pem
ssl.truststore.type=PEM
ssl.truststore.location=$tls/ca.pem
listener.name.controller.ssl.client.auth=required
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:vaxledger-admin;User:CN=vaxledger-engines
log.dirs=$data
num.partitions=6
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
if [[ ! -f "$data/meta.properties" ]]; then
  users=(--add-scram "SCRAM-SHA-512=[name=vaxledger-admin,password=$ENGINE_ADMIN_PASSWORD]")
  for principal in identity registry immunization audit reporting; do
    variable="${principal^^}_ENGINE_PASSWORD"
    [[ -n "${!variable:-}" ]] || { echo "set $variable" >&2; exit 2; }
    users+=(--add-scram "SCRAM-SHA-512=[name=vaxledger-$principal,password=${!variable}]")
  done
  /opt/kafka/bin/kafka-storage.sh format -t "${KAFKA_CLUSTER_ID:-dmF4bGVkZ2VyLWNvbXBvc2U}" -c "$props" "${users[@]}"
fi
exec /opt/kafka/bin/kafka-server-start.sh "$props"
