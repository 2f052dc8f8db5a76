#!/usr/bin/env bash
# Whole-server UDP comparison: the packaged sidecar pinned to CPU 0 (fresh, memory store, one worker), measured
# side by side with opentracker (one UDP worker) by ../shared/bench/vs-opentracker.sh, which pins the load to
# CPU 1 and runs udp-announce and udp-mix.
#   bench/udp-vs-opentracker.sh [--rounds N] [other vs-opentracker.sh options]
# Environment: BITTERN_BENCH_TRANSPORT (epoll|nio, default epoll), BITTERN_BENCH_JVM (default -Xms1g -Xmx1g).
# Needs a built sidecar (mvn -DskipTests package). Stops only the sidecar it started.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${BITTERN_SHARED:-../shared}
port=${BITTERN_BENCH_PORT:-16969}
transport=${BITTERN_BENCH_TRANSPORT:-epoll}
jvm_opts=${BITTERN_BENCH_JVM:--Xms1g -Xmx1g}
dir=$(mktemp -d)
cat > "$dir/bittern.yaml" <<YAML
tracker:
  udp:
    listen: "127.0.0.1:$port"
    metrics: "off"
    workers: 1
    transport: $transport
    private-key: "bench-only-key-not-for-production"
YAML

# shellcheck disable=SC2086
BITTERN_CONFIG="$dir/bittern.yaml" taskset -c 0 java $jvm_opts -jar tracker-udp/target/tracker-udp.jar \
    > "$dir/sidecar.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT

for _ in $(seq 1 60); do
    grep -q "bittern-udp: serving" "$dir/sidecar.log" && break
    kill -0 "$server" || { cat "$dir/sidecar.log"; exit 2; }
    sleep 1
done
echo "sidecar PID $server on CPU 0, transport $transport, JVM options: $jvm_opts (log: $dir/sidecar.log)"
# A JVM on one core keeps compiling for a while: an unmeasured head start beyond the script's own warm-up.
udpload=${TMPDIR:-/tmp}/bittern-bench-$(id -u)/bin/udpload
if [ -x "$udpload" ]; then
    taskset -c 1 "$udpload" -d "${BITTERN_BENCH_PREWARM:-20}" -w 1 -T 10000 -P 100000 -n 50 -a 0.9 -W 128 \
        "127.0.0.1:$port" > /dev/null || true
fi
"$shared/bench/vs-opentracker.sh" --only udp --udp "127.0.0.1:$port" --udp-pid "$server" "$@"
