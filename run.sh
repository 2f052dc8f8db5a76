#!/usr/bin/env bash
# Builds the WAR and serves it on Payara Micro (from Maven Central) at http://<host>:6969/, with the
# embedded defaults: open tracker, in-memory peer store. Ctrl-C stops it.
#   BITTERN_CONFIG=/path/bittern.yaml ./run.sh     use a configuration file
#   BITTERN_HTTP_PORT=8080 ./run.sh                another port
#   JAVA_OPTS="-Xmx2g" ./run.sh                    JVM options
set -euo pipefail
cd "$(dirname "$0")"

port=${BITTERN_HTTP_PORT:-6969}
mvn -B -q -DskipTests package

java ${JAVA_OPTS:--Xmx1g} -jar tracker-war/target/payara/payara-micro.jar \
    --deploy tracker-war/target/tracker.war --contextroot / --port "$port" \
    --nohazelcast --disablephonehome --rootdir tracker-war/target/payara-runtime &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; exit 0' INT TERM

for _ in $(seq 1 180); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/health/ready" 2>/dev/null; then
        echo
        echo "Bittern is up. Announce URL: http://$(hostname -f 2>/dev/null || hostname):$port/announce"
        echo "  (scrape: /scrape, metrics: /metrics, health: /health; Ctrl-C stops it)"
        break
    fi
    kill -0 "$server" 2>/dev/null || { wait "$server"; exit $?; }
    sleep 1
done
wait "$server"
