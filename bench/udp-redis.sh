#!/usr/bin/env bash
# The sidecar on the Redis peer store: announces per second through one Redis, and latency at a fixed rate.
# Redis (the binary inside the embedded-redis test artifact) and the sidecar share CPU 0, as one node would;
# udpload runs on CPU 1. The server CPU reported is the sum of both processes.
#   bench/udp-redis.sh [runs]          (default 3 runs of each measurement)
# Environment: BITTERN_BENCH_WORKERS (sidecar workers, default 1), BITTERN_BENCH_TRANSPORT (default epoll),
# BITTERN_BENCH_RATE (open-loop rate for the latency run, default 50000/s).
# Needs a built sidecar (mvn -DskipTests install). Stops only the processes it started.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${BITTERN_SHARED:-../shared}
runs=${1:-3}
udp_port=${BITTERN_BENCH_PORT:-16971}
redis_port=${BITTERN_BENCH_REDIS_PORT:-16379}
workers=${BITTERN_BENCH_WORKERS:-1}
transport=${BITTERN_BENCH_TRANSPORT:-epoll}
rate=${BITTERN_BENCH_RATE:-50000}
dir=$(mktemp -d)

jar=$(find ~/.m2/repository/com/github/codemonstur/embedded-redis -name 'embedded-redis-*.jar' | sort | tail -1)
unzip -q -o -j "$jar" 'redis-server-6.2.6-v5-linux-amd64' -d "$dir"
chmod +x "$dir/redis-server-6.2.6-v5-linux-amd64"
taskset -c 0 "$dir/redis-server-6.2.6-v5-linux-amd64" --port "$redis_port" --bind 127.0.0.1 --save "" \
    --appendonly no > "$dir/redis.log" 2>&1 &
redis=$!
cat > "$dir/bittern.yaml" <<YAML
tracker:
  store:
    type: redis
    redis:
      uri: "redis://127.0.0.1:$redis_port"
  udp:
    listen: "127.0.0.1:$udp_port"
    metrics: "off"
    workers: $workers
    transport: $transport
    private-key: "bench-only-key-not-for-production"
YAML
BITTERN_CONFIG="$dir/bittern.yaml" taskset -c 0 java -Xms1g -Xmx1g -jar tracker-udp/target/tracker-udp.jar \
    > "$dir/sidecar.log" 2>&1 &
sidecar=$!
trap 'kill "$sidecar" "$redis" 2>/dev/null; wait "$sidecar" "$redis" 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
    grep -q "bittern-udp: serving" "$dir/sidecar.log" && break
    kill -0 "$sidecar" || { cat "$dir/sidecar.log"; exit 2; }
    sleep 1
done

bin=$dir/udpload
gcc -O2 -o "$bin" "$shared/bench/udpload.c" -lm
load="$bin -w 1 -T 10000 -P 100000 -n 50 -W 128 127.0.0.1:$udp_port"
echo "sidecar PID $sidecar + redis PID $redis on CPU 0, $workers workers, transport $transport (logs in $dir)"
# shellcheck disable=SC2086
taskset -c 1 $load -d 20 -a 0.9 > /dev/null # JIT warm-up and swarms filled
echo "== closed loop, 128 in flight: throughput (90 % announces, 10 % scrapes)"
# shellcheck disable=SC2086
python3 "$shared/bench/bench_runs.py" --runs "$runs" --pid "$sidecar,$redis" --cpu 1 -- $load -d 5 -a 0.9
echo "== open loop at $rate requests/s: latency"
# shellcheck disable=SC2086
python3 "$shared/bench/bench_runs.py" --runs "$runs" --pid "$sidecar,$redis" --cpu 1 -- $load -d 5 -a 0.9 -r "$rate"
