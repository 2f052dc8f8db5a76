#!/usr/bin/env bash
# Builds Bittern and runs the whole tracker from a fresh clone, with nothing installed but a JDK 17 and Maven:
#   - the WAR on Payara Micro (from Maven Central): HTTP tracker on port 6969, context root /
#   - the UDP sidecar (tracker-udp.jar): UDP tracker on port 6969, IPv4 and IPv6
#   - one Redis both of them use as their peer store, so a swarm is the same over HTTP and UDP: the operator's
#     when TRACKER_STORE_REDIS_URI is set, otherwise a redis-server taken from the embedded-redis Maven artifact,
#     on loopback and without persistence (its swarms are gone when it stops, as with the memory store).
# It prints both announce URLs once both trackers say they are ready. Ctrl-C or SIGTERM stops every process this
# script started, by PID, and nothing else. Server output goes to target/run/*.log.
#
#   BITTERN_CONFIG=/path/bittern.yaml ./run.sh   one configuration file for both trackers (README); the store
#                                                settings below override the file's, since sharing needs Redis
#   TRACKER_STORE_REDIS_URI=redis://... ./run.sh  use that Redis instead of starting one
#   BITTERN_HTTP_PORT=8080 BITTERN_UDP_PORT=8081  other ports (BITTERN_REDIS_PORT for the Redis started here)
#   JAVA_OPTS="-Xmx2g"  SIDECAR_JAVA_OPTS="..."   JVM options of Payara Micro and of the sidecar
#   BITTERN_HTTP_THREADS=8                        Payara Micro's request threads (at most; README, Performance)
set -euo pipefail
cd "$(dirname "$0")"

# `wait -n -p` (bash 5.1) names the child that exited, so a PID is never reused by mistake when stopping.
if (( BASH_VERSINFO[0] < 5 || (BASH_VERSINFO[0] == 5 && BASH_VERSINFO[1] < 1) )); then
    echo "run.sh needs bash 5.1 or later (this is $BASH_VERSION)" >&2
    exit 1
fi

http_port=${BITTERN_HTTP_PORT:-6969}
udp_port=${BITTERN_UDP_PORT:-6969}
redis_port=${BITTERN_REDIS_PORT:-6479}
run_dir=target/run
host=$(hostname -f 2>/dev/null || hostname)

pids=()   # every process started here, in start order
names=()

# Stops what this script started, newest first (trackers before the Redis they write to), each by its PID:
# SIGTERM (all three shut down cleanly on it), then SIGKILL for one still there after 30 s.
stop_all() {
    trap - INT TERM HUP EXIT
    local indexes=("${!pids[@]}") k i pid
    for (( k = ${#indexes[@]} - 1; k >= 0; k-- )); do
        i=${indexes[k]}
        pid=${pids[i]}
        kill -0 "$pid" 2>/dev/null || continue
        echo "stopping ${names[i]} (pid $pid)" >&2
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 60); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
        if kill -0 "$pid" 2>/dev/null; then
            echo "${names[i]} (pid $pid) ignored SIGTERM for 30 s; killing it" >&2
            kill -KILL "$pid" 2>/dev/null || true
        fi
        wait "$pid" 2>/dev/null || true
    done
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all; exit 129' HUP
trap stop_all EXIT

# Starts "$@" in the background with output to target/run/<name>.log and remembers its PID. Job control is on
# just for the fork, so the server gets a process group of its own: a Ctrl-C in the terminal then reaches only
# this script, which stops the servers itself and in order, instead of all of them at once.
start() {
    local name=$1
    shift
    set -m
    "$@" > "$run_dir/$name.log" 2>&1 &
    set +m
    pids+=("$!")
    names+=("$name")
}

# Fails with the end of the log when a started process is gone; used while waiting for readiness.
check_alive() {
    local i
    for i in "${!pids[@]}"; do
        if ! kill -0 "${pids[i]}" 2>/dev/null; then
            echo "${names[i]} exited during start; last lines of $run_dir/${names[i]}.log:" >&2
            tail -n 30 "$run_dir/${names[i]}.log" >&2
            exit 1
        fi
    done
}

# Waits (polling, at most $2 seconds) until the command "${@:3}" succeeds, as long as every server is alive.
wait_until() {
    local what=$1 seconds=$2
    shift 2
    for _ in $(seq 1 $(( seconds * 2 ))); do
        check_alive
        if "$@"; then
            return 0
        fi
        sleep 0.5
    done
    echo "$what was not ready after $seconds s; see $run_dir/*.log" >&2
    exit 1
}

# True when something already accepts TCP connections on 127.0.0.1:$1 (so starting there would fail late).
port_taken() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# A subshell, so a refused connection cannot leave file descriptor 3 open in this shell.
redis_answers() (
    { exec 3<>"/dev/tcp/127.0.0.1/$redis_port"; } 2>/dev/null || exit 1
    printf 'PING\r\n' >&3
    read -r -t 2 reply <&3 || true
    [[ ${reply:-} == +PONG* ]]
)

ready() {
    curl -fsS -o /dev/null --max-time 5 "$1" 2>/dev/null
}

# Payara Micro answers its health endpoint while it may still be deploying; a 200 from /scrape (a bencoded
# answer even without an info_hash) means the WAR is there too.
war_ready() {
    ready "http://127.0.0.1:$http_port/health/ready" && ready "http://127.0.0.1:$http_port/scrape"
}

# ---- build (as before: the WAR, Payara Micro copied beside it, the sidecar jar with target/lib)
mvn -B -q -DskipTests package
mkdir -p "$run_dir"

if port_taken "$http_port"; then
    echo "TCP port $http_port is already in use; set BITTERN_HTTP_PORT to another one" >&2
    exit 1
fi

# ---- Redis
if [[ -n ${TRACKER_STORE_REDIS_URI:-} ]]; then
    redis_uri=$TRACKER_STORE_REDIS_URI
    redis_note="the Redis of TRACKER_STORE_REDIS_URI"   # never printed: it may hold a password
else
    if port_taken "$redis_port"; then
        echo "TCP port $redis_port is already in use; set BITTERN_REDIS_PORT, or TRACKER_STORE_REDIS_URI to use that Redis" >&2
        exit 1
    fi
    # The redis-server binaries ship inside the embedded-redis jar that the tests already use; the version is
    # the one the parent pom pins, so the run and the tests get the same Redis.
    redis_version=$(sed -n 's:.*<embedded-redis.version>\(.*\)</embedded-redis.version>.*:\1:p' pom.xml)
    mvn -B -q -N dependency:copy -Dartifact="com.github.codemonstur:embedded-redis:$redis_version" \
        -DoutputDirectory="$run_dir" -Dmdep.stripVersion=true
    case "$(uname -s)-$(uname -m)" in
        Linux-x86_64) binary_suffix=linux-amd64 ;;
        Linux-aarch64) binary_suffix=linux-arm64 ;;
        Darwin-x86_64) binary_suffix=darwin-amd64 ;;
        Darwin-arm64) binary_suffix=darwin-arm64 ;;
        *) echo "no redis-server in embedded-redis for $(uname -sm); set TRACKER_STORE_REDIS_URI" >&2; exit 1 ;;
    esac
    entry=$(jar tf "$run_dir/embedded-redis.jar" | grep -E "^redis-server-.*-$binary_suffix\$" | head -n 1)
    (cd "$run_dir" && jar xf embedded-redis.jar "$entry" && mv -f "$entry" redis-server && chmod +x redis-server)
    # Loopback only; no RDB snapshots and no AOF, so nothing is written to disk.
    start redis "$run_dir/redis-server" --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no \
        --dir "$run_dir"
    redis_uri="redis://127.0.0.1:$redis_port"
    redis_note="$redis_uri (started here, not persisted)"
    wait_until "Redis" 30 redis_answers
fi

# ---- the two trackers, on that Redis. Environment variables override BITTERN_CONFIG's file (MicroProfile
# Config), which is how both get the same store whatever the file says.
export TRACKER_STORE_TYPE=redis
export TRACKER_STORE_REDIS_URI=$redis_uri

# A fresh runtime folder, so Payara Micro never redeploys an older WAR left there by an earlier run.
rm -rf "$run_dir/payara-root"
# shellcheck disable=SC2086  # JAVA_OPTS is a list of options
# The idle timeout and the young-generation sizing go together (README, Performance): closed connections stay
# reachable for the idle timeout and should die young. BITTERN_HTTP_THREADS caps the request threads.
start payara java ${JAVA_OPTS:--Xmx1g -XX:NewRatio=1 -XX:SurvivorRatio=2 -XX:TargetSurvivorRatio=80} \
    -jar tracker-war/target/payara/payara-micro.jar \
    --deploy tracker-war/target/tracker.war --contextroot / --port "$http_port" \
    --nohazelcast --disablephonehome --rootdir "$run_dir/payara-root" \
    --prebootcommandfile tracker-war/src/main/payara/http-listener.asadmin \
    --minhttpthreads 2 --maxhttpthreads "${BITTERN_HTTP_THREADS:-8}"

# Both address families, as operators expect; IPv4 alone where the kernel has no IPv6.
if [[ -z ${TRACKER_UDP_LISTEN:-} ]]; then
    if [[ -e /proc/net/if_inet6 ]] || [[ $(uname -s) != Linux ]]; then
        export TRACKER_UDP_LISTEN="0.0.0.0:$udp_port,[::]:$udp_port"
    else
        export TRACKER_UDP_LISTEN="0.0.0.0:$udp_port"
    fi
fi
# The sidecar's health listener is how this script knows it is ready, so its address is set here.
export TRACKER_UDP_METRICS=${TRACKER_UDP_METRICS:-127.0.0.1:6880}
if [[ $TRACKER_UDP_METRICS == off ]]; then
    echo "run.sh needs the sidecar's health listener; unset TRACKER_UDP_METRICS or give it an address" >&2
    exit 1
fi
# shellcheck disable=SC2086
start sidecar java ${SIDECAR_JAVA_OPTS:--Xmx512m} -jar tracker-udp/target/tracker-udp.jar

# ---- ready: both health checks say the store answers; Payara Micro takes 20-60 s to deploy the WAR.
wait_until "the UDP sidecar" 120 ready "http://$TRACKER_UDP_METRICS/health/ready"
wait_until "the WAR on Payara Micro" 180 war_ready

cat <<EOF

Bittern is up.
  HTTP announce URL: http://$host:$http_port/announce   (scrape: /scrape, metrics: /metrics, health: /health)
  UDP  announce URL: udp://$host:$udp_port/announce   (sidecar metrics and health: http://$TRACKER_UDP_METRICS/)
  Peer store: $redis_note
  Logs: $run_dir/*.log. Ctrl-C stops everything started here.
EOF

# Serve until a signal arrives (the traps stop everything) or one server exits on its own (then stop the rest).
wait -n -p exited "${pids[@]}" || true
for i in "${!pids[@]}"; do
    if [[ ${pids[i]} == "${exited:-}" ]]; then
        echo "${names[i]} (pid $exited) exited; last lines of $run_dir/${names[i]}.log:" >&2
        tail -n 30 "$run_dir/${names[i]}.log" >&2
        unset 'pids[i]' 'names[i]'
    fi
done
exit 1
