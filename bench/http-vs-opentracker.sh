#!/usr/bin/env bash
# Whole-server HTTP comparison: the packaged WAR on Payara Micro pinned to CPU 0 (fresh, memory store),
# measured side by side with opentracker by ../shared/bench/vs-opentracker.sh (which pins the load to CPU 1).
#   bench/http-vs-opentracker.sh [--rounds N] [other vs-opentracker.sh options]
# Needs a built WAR (mvn -DskipTests package). Stops only the Payara process it started.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${BITTERN_SHARED:-../shared}
port=${BITTERN_BENCH_PORT:-18080}
# The young generation gets half the heap and large survivor spaces, so the closed connections Grizzly keeps
# for the listener's idle timeout (tracker-war/src/main/payara/http-listener.asadmin) die there; README.
jvm_opts=${BITTERN_BENCH_JVM:--Xms1g -Xmx1g -XX:NewRatio=1 -XX:SurvivorRatio=2 -XX:TargetSurvivorRatio=80}
http_threads=${BITTERN_HTTP_THREADS:-8}
log=$(mktemp -d)/payara.log

# shellcheck disable=SC2086
taskset -c 0 java $jvm_opts -jar tracker-war/target/payara/payara-micro.jar \
    --deploy tracker-war/target/tracker.war --contextroot / --port "$port" \
    --nohazelcast --disablephonehome --rootdir tracker-war/target/payara-bench \
    --prebootcommandfile tracker-war/src/main/payara/http-listener.asadmin \
    --minhttpthreads 2 --maxhttpthreads "$http_threads" > "$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT

for _ in $(seq 1 180); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/health/ready" 2>/dev/null && break
    kill -0 "$server" || { cat "$log"; exit 2; }
    sleep 1
done
echo "Payara Micro PID $server on CPU 0, JVM options: $jvm_opts, HTTP threads 2-$http_threads (log: $log)"
# A JVM on one core keeps compiling for minutes; give the JIT an unmeasured head start beyond the
# script's own warm-up (at most 60 s), with the same load and hash pool.
hashes=$(dirname "$log")/hashes.txt
"$shared/bench/vs-opentracker.sh" --hashes "$hashes" > /dev/null
taskset -c 1 wrk -t1 -c50 -d"${BITTERN_BENCH_PREWARM:-45}"s -H "Connection: close" -s "$shared/bench/http_announce.lua" \
    "http://127.0.0.1:$port" -- hashes="$hashes" reqs=50000 novalidate > /dev/null
"$shared/bench/vs-opentracker.sh" --only http --http "http://127.0.0.1:$port" --http-pid "$server" "$@"
