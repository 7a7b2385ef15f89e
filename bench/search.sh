#!/usr/bin/env bash
# Search benchmark: with 200,000 contracts in the database, searches by CIG and by text through
# GET /api/v1/contracts?q=… must answer in under 50 ms at the 95th percentile.
#
#   bench/search.sh
#
# Starts the platform (its own data directory), inserts the contracts once through the embedded
# cluster's superuser (reused by later runs), creates a personal API token for genova.rup, then
# the driver src/test/java/it/openesecuzione/bench/SearchBenchmark.java times the searches over HTTP
# (client-side, per request), sequentially and with several concurrent clients, and runs EXPLAIN
# ANALYZE of every search as the application role oe_app with row-level security in force.
#
# Environment (all optional):
#   CONTRACTS=200000  contracts in the database (inserted only if fewer are there)
#   QUERIES=500       measured searches per kind (CIG, text)
#   WARMUP=300        warm-up searches, not measured
#   CLIENTS=4         concurrent clients of the second pass (1 skips it)
#   BENCH_RESEED=1    delete the benchmark's database first and insert everything again
#   BENCH_SKIP_BUILD=1, BENCH_DIR (default target/bench/search), BENCH_JAVA_OPTS: as in startup.sh
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=bench/lib.sh
source bench/lib.sh

CONTRACTS=${CONTRACTS:-200000}
QUERIES=${QUERIES:-500}
WARMUP=${WARMUP:-300}
CLIENTS=${CLIENTS:-4}
for pair in "CONTRACTS:$CONTRACTS:1000:2000000" "QUERIES:$QUERIES:10:100000" "WARMUP:$WARMUP:0:100000" "CLIENTS:$CLIENTS:1:64"; do
    IFS=: read -r name value min max <<<"$pair"
    [[ "$value" =~ ^[0-9]+$ ]] && (( value >= min && value <= max )) || die "$name deve essere un numero da $min a $max, non '$value'"
done
BENCH_DIR=$(realpath -m "${BENCH_DIR:-target/bench/search}")
DATA_DIR="$BENCH_DIR/data/postgres"
DRIVER=src/test/java/it/openesecuzione/bench/SearchBenchmark.java
RESULTS="$BENCH_DIR/results.md"

check_bench_dir
SAMPLER_PID=""
cleanup() {
    if [[ -n "$SAMPLER_PID" ]]; then
        kill "$SAMPLER_PID" 2>/dev/null || true
        wait "$SAMPLER_PID" 2>/dev/null || true
    fi
    cleanup_app
}
trap cleanup EXIT
trap 'exit 130' INT TERM

build_jar
# The driver runs on the jar's own classes and libraries (Cig, the PostgreSQL driver): no test build.
rm -rf "$BENCH_DIR/app"
unzip -q "$JAR" 'BOOT-INF/classes/*' 'BOOT-INF/lib/*' -d "$BENCH_DIR/app"
CLASSPATH_DRIVER="$BENCH_DIR/app/BOOT-INF/classes:$BENCH_DIR/app/BOOT-INF/lib/*"

if [[ "${BENCH_RESEED:-0}" == 1 ]]; then
    log "BENCH_RESEED=1: cancellazione di $BENCH_DIR/data"
    rm -rf "$BENCH_DIR/data"
fi

{
    echo "# Ricerca contratti — $(date -Iseconds), $(nproc) core, $(java -version 2>&1 | head -n 1)"
    echo
    echo "Prima dell'avvio: $(machine_load)"
} | tee "$RESULTS"

start_app "$BENCH_DIR/app.log"
wait_healthy 300
log "Piattaforma UP sulla porta $APP_PORT in $(( $(now_ms) - APP_STARTED_MS )) ms"
PG_PORT=$(embedded_pg_port)

# Every 2 s (for at most an hour), whether someone else's Maven build is running: the figures are
# only comparable when nobody else used the two cores.
for i in $(seq 1 1800); do foreign_builds; sleep 2; done >"$BENCH_DIR/busy.txt" 2>/dev/null &
SAMPLER_PID=$!

java -Xmx2g -Dfile.encoding=UTF-8 -cp "$CLASSPATH_DRIVER" "$DRIVER" \
    --pg-port="$PG_PORT" --http-port="$APP_PORT" --contracts="$CONTRACTS" --queries="$QUERIES" \
    --warmup="$WARMUP" --clients="$CLIENTS" --out="$BENCH_DIR" | tee -a "$RESULTS"

kill "$SAMPLER_PID" 2>/dev/null || true
wait "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=""
busy=$(awk '$1 > 0 { b++ } END { printf "%d su %d", b, NR }' "$BENCH_DIR/busy.txt")
{
    echo "Alla fine: $(machine_load)"
    echo "Campioni (ogni 2 s) con una build Maven altrui in corso: $busy"
} | tee -a "$RESULTS"
stop_app
log "Risultati in $RESULTS, piani EXPLAIN in $BENCH_DIR/explain.txt"
