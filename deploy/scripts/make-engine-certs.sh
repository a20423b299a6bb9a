#!/usr/bin/env bash
# Makes a CA and one server certificate for the engines of docker compose (or any staging set-up):
#   bash deploy/scripts/make-engine-certs.sh OUTDIR [extra DNS names...]
# The certificate names kafka, redis, mongo and localhost (plus any given) and serves as the broker's client
# certificate towards its KRaft controller too (CN=vaxledger-engines, a Kafka super user). Keys are readable
# by the engines' container users (0644 in OUTDIR, which must stay private): staging only.
set -euo pipefail
out="${1:?usage: make-engine-certs.sh OUTDIR [dns...]}"
shift
mkdir -p "$out"
cd "$out"
names="DNS:kafka,DNS:redis,DNS:mongo,DNS:localhost,IP:127.0.0.1"
for extra in "$@"; do names="$names,DNS:$extra"; done
openssl req -x509 -newkey rsa:3072 -nodes -days 825 -sha256 -subj "/CN=vaxledger engines CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout ca.key -out ca.pem
openssl req -newkey rsa:2048 -nodes -sha256 -subj "/CN=vaxledger-engines" -keyout server.key -out server.csr
printf '%s\n' "subjectAltName=$names" "basicConstraints=critical,CA:FALSE" \
  "keyUsage=critical,digitalSignature,keyEncipherment" "extendedKeyUsage=serverAuth,clientAuth" >server.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 825 -sha256 -extfile server.ext -out server.pem
openssl pkcs8 -topk8 -nocrypt -in server.key -out server-pkcs8.key
cat server-pkcs8.key server.pem ca.pem >kafka-keystore.pem
cat server.key server.pem >mongo.pem
rm -f server.csr server.ext ca.srl server-pkcs8.key
chmod 0644 server.key kafka-keystore.pem mongo.pem
chmod 0600 ca.key
echo "made ca.pem, server.pem, server.key, kafka-keystore.pem and mongo.pem in $out (keep ca.key offline)"
