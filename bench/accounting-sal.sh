#!/usr/bin/env bash
# SAL benchmark: a works contract with ITEMS price items and MEASUREMENTS entries in the measurement
# book. Computing its SAL must take under 200 ms, generating its PDF under 1 s.
#
#   bench/accounting-sal.sh
#
# Starts the platform on a fresh data directory, seeds the contract through the HTTP API (timed, with
# CLIENTS parallel clients and a personal API token of genova.rup), then the driver
# src/test/java/it/openesecuzione/bench/AccountingBenchmark.java, run in source-file mode on the jar's own
# classes, measures:
#   1. SalCalculator.fromMeasurements in process, on the price list and book read back through the API
#      (warm-up, then RUNS timed computations);
#   2. POST …/accounting/sal/preview end to end (PostgreSQL reads under row-level security, computation,
#      JSON of every line), PREVIEW_WARMUP + PREVIEW_RUNS, with the CPU the platform and its PostgreSQL
#      spend per preview;
#   3. the database reads of a preview with EXPLAIN ANALYZE and through JDBC, as oe_app (RLS in force) and
#      as superuser (RLS bypassed);
#   4. POST …/accounting/sal (SAL 1 recorded, timed once), then GET …/documents/sal/1.pdf and .xlsx
#      (DOC_WARMUP + DOC_RUNS each; "non disponibile" when the platform answers 404).
#
# Environment (all optional):
#   ITEMS=2000 MEASUREMENTS=20000 SAFETY=5 (percent of safety items) SEED=20261127 CLIENTS=8
#   RUNS=50 WARMUP=300       in-process computations timed / warm-up
#   PREVIEW_WARMUP=5 PREVIEW_RUNS=30 DOC_WARMUP=3 DOC_RUNS=10
#   BENCH_JFR=1              a JFR recording (settings=profile) of the platform during steps 1–4
#                            ($BENCH_DIR/platform.jfr)
#   BENCH_REUSE=1            measure again the contract a previous run seeded (its data directory is kept; each run
#                            withdraws SAL 1 at the end, so the book is free again); otherwise a fresh data directory
#   BENCH_SKIP_BUILD=1, BENCH_DIR (default target/bench/accounting-sal), BENCH_JAVA_OPTS: as in startup.sh
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=bench/lib.sh
source bench/lib.sh

ITEMS=${ITEMS:-2000}
MEASUREMENTS=${MEASUREMENTS:-20000}
SAFETY=${SAFETY:-5}
SEED=${SEED:-20261127}
CLIENTS=${CLIENTS:-8}
RUNS=${RUNS:-50}
WARMUP=${WARMUP:-300}
PREVIEW_WARMUP=${PREVIEW_WARMUP:-5}
PREVIEW_RUNS=${PREVIEW_RUNS:-30}
DOC_WARMUP=${DOC_WARMUP:-3}
DOC_RUNS=${DOC_RUNS:-10}
for pair in "ITEMS:$ITEMS:1:100000" "MEASUREMENTS:$MEASUREMENTS:1:1000000" "SAFETY:$SAFETY:0:100" "SEED:$SEED:0:999999999999" \
        "CLIENTS:$CLIENTS:1:64" "RUNS:$RUNS:1:10000" "WARMUP:$WARMUP:0:100000" "PREVIEW_WARMUP:$PREVIEW_WARMUP:0:1000" \
        "PREVIEW_RUNS:$PREVIEW_RUNS:1:1000" "DOC_WARMUP:$DOC_WARMUP:1:100" "DOC_RUNS:$DOC_RUNS:1:1000"; do
    IFS=: read -r name value min max <<<"$pair"
    [[ "$value" =~ ^[0-9]+$ ]] && (( value >= min && value <= max )) || die "$name deve essere un numero da $min a $max, non '$value'"
done
(( MEASUREMENTS >= ITEMS )) || die "MEASUREMENTS ($MEASUREMENTS) deve essere almeno ITEMS ($ITEMS): una misura per voce, poi le altre"
BENCH_DIR=$(realpath -m "${BENCH_DIR:-target/bench/accounting-sal}")
DATA_DIR="$BENCH_DIR/data/postgres"
DRIVER=src/test/java/it/openesecuzione/bench/AccountingBenchmark.java
RESULTS="$BENCH_DIR/results.md"

check_bench_dir
SAMPLER_PID=""
cleanup() {
    if [[ -n "$SAMPLER_PID" ]]; then
        kill "$SAMPLER_PID" 2>/dev/null || true
        wait "$SAMPLER_PID" 2>/dev/null || true
        SAMPLER_PID=""
    fi
    cleanup_app
}
trap cleanup EXIT
trap 'exit 130' INT TERM

build_jar
REUSE=0
if [[ "${BENCH_REUSE:-0}" == 1 && -s "$BENCH_DIR/contract.txt" && -d "$DATA_DIR" ]]; then
    REUSE=1
    log "BENCH_REUSE=1: riuso del contratto $(cat "$BENCH_DIR/contract.txt") già seminato in $BENCH_DIR/data"
    rm -rf "$BENCH_DIR/app" "$BENCH_DIR/documents"
else
    rm -rf "$BENCH_DIR/app" "$BENCH_DIR/data" "$BENCH_DIR/documents" "$BENCH_DIR/contract.txt"
fi
# The driver runs on the jar's own classes and libraries (SalCalculator, Jackson, the PostgreSQL driver): no test build.
unzip -q "$JAR" 'BOOT-INF/classes/*' 'BOOT-INF/lib/*' -d "$BENCH_DIR/app"
CLASSPATH_DRIVER="$BENCH_DIR/app/BOOT-INF/classes:$BENCH_DIR/app/BOOT-INF/lib/*"
driver() {
    java -Dfile.encoding=UTF-8 -cp "$CLASSPATH_DRIVER" "$DRIVER" "$@"
}

{
    echo "# Contabilità: SAL e PDF — $(date -Iseconds)"
    echo
    echo "Macchina: $(nproc) CPU, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, $(java -version 2>&1 | head -n 1)"
    echo "Prima dell'avvio: $(machine_load)"
} | tee "$RESULTS"

start_app "$BENCH_DIR/app.log"
wait_healthy 300
log "Piattaforma UP sulla porta $APP_PORT in $(( $(now_ms) - APP_STARTED_MS )) ms (pid $APP_PID)"
PG_PORT=$(embedded_pg_port)

# Every 2 s (for at most two hours), whether someone else's Maven build is running: the figures are
# only comparable when nobody else used the two cores.
for i in $(seq 1 3600); do foreign_builds; sleep 2; done >"$BENCH_DIR/busy.txt" 2>/dev/null &
SAMPLER_PID=$!

if (( REUSE == 0 )); then
    {
        echo
        echo "## Semina attraverso l'API ($CLIENTS client in parallelo, token personale di genova.rup)"
        echo
    } | tee -a "$RESULTS"
    driver seed --pg-port="$PG_PORT" --http-port="$APP_PORT" --items="$ITEMS" --measurements="$MEASUREMENTS" --safety="$SAFETY" \
        --clients="$CLIENTS" --seed="$SEED" --contract-file="$BENCH_DIR/contract.txt" | tee -a "$RESULTS"
    echo "Dopo la semina: $(machine_load)" | tee -a "$RESULTS"
else
    echo "Contratto già seminato da un'esecuzione precedente (BENCH_REUSE=1): nessuna semina" | tee -a "$RESULTS"
fi
CONTRACT=$(cat "$BENCH_DIR/contract.txt")
# Let the seeding's tail (audit listeners, autovacuum of the new rows) settle before timing.
sleep 10

if [[ "${BENCH_JFR:-0}" == 1 ]]; then
    jcmd "$APP_PID" JFR.start name=bench settings=profile >/dev/null
fi
echo "Prima delle misure: $(machine_load)" | tee -a "$RESULTS"
driver measure --pg-port="$PG_PORT" --http-port="$APP_PORT" --contract="$CONTRACT" --runs="$RUNS" --warmup="$WARMUP" \
    --preview-warmup="$PREVIEW_WARMUP" --preview-runs="$PREVIEW_RUNS" --pdf-warmup="$DOC_WARMUP" --pdf-runs="$DOC_RUNS" \
    --app-pid="$APP_PID" --pg-data="$DATA_DIR" --out="$BENCH_DIR/documents" | tee -a "$RESULTS"
if [[ "${BENCH_JFR:-0}" == 1 ]]; then
    jcmd "$APP_PID" JFR.dump name=bench filename="$BENCH_DIR/platform.jfr" >/dev/null
    jcmd "$APP_PID" JFR.stop name=bench >/dev/null
    log "Registrazione JFR in $BENCH_DIR/platform.jfr"
fi

kill "$SAMPLER_PID" 2>/dev/null || true
wait "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=""
busy=$(awk '$1 > 0 { b++ } END { printf "%d su %d", b, NR }' "$BENCH_DIR/busy.txt")
{
    echo
    echo "Alla fine: $(machine_load)"
    echo "Campioni (ogni 2 s) con una build Maven altrui in corso: $busy"
} | tee -a "$RESULTS"
stop_app
log "Risultati in $RESULTS; documenti e piani (explain.txt) in $BENCH_DIR/documents"
