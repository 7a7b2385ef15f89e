#!/usr/bin/env bash
# Outbox throughput: schede per second delivered end to end to the PCP simulator (crea-scheda,
# conferma-scheda, esito-operazione, each with its PDND voucher and tracking token), with a backlog of
# CONTRACTS × SCHEDE events recorded beforehand, faults off, the simulator's confirmation delay at
# SIM_DELAY and no ANAC material (no schema or DMN checks), so that mostly the outbox's own cost is
# measured. Also the CPU time each process spends per scheda, which tells where the time goes.
#
#   bench/transmission-throughput.sh
#
# Steps: starts the simulator alone (own embedded PostgreSQL) and node A with delivery switched off;
# records the events through the API (timed: that is the seeding benchmark) for the measured run and a
# smaller warm-up run, and parks them (due in ten years); then for each configuration in CONFIGS starts
# node A with delivery on, delivers the warm-up backlog (JIT warm-up), puts the measured backlog back in
# the queue as freshly recorded (driver command `reset`: no PCP ids, new idAppalto) and times its
# delivery. Finally, with LIVE_RATE > 0, events recorded at a steady LIVE_RATE per second while the
# default configuration delivers, for the time from recording to confirmation under a load below capacity.
#
# Environment (all optional):
#   CONTRACTS=200 SCHEDE=20   backlog: contracts × events each (SC1, I1, then SA1)
#   WARMUP_CONTRACTS=50       warm-up backlog (same events per contract)
#   CLIENTS=8                 parallel HTTP clients of the seeding
#   CONFIGS="default no-digest"  configurations, each a preset (default, no-digest, threads-4, threads-16,
#                             batch-200, no-digest-threads-16) or custom:--a=b,--c=d (Spring properties)
#   SIM_DELAY=0ms             the simulator's confirmation-delay
#   LIVE_CONTRACTS=40 LIVE_RATE=10  the steady-load run (LIVE_RATE=0 skips it)
#   BENCH_JFR=1               a JFR recording of node A during each measured delivery ($BENCH_DIR/<config>.jfr)
#   BENCH_SKIP_BUILD=1, BENCH_DIR (default target/bench/transmission-throughput), BENCH_JAVA_OPTS: as in startup.sh
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=bench/lib.sh
source bench/lib.sh
# shellcheck source=bench/transmission-lib.sh
source bench/transmission-lib.sh

CONTRACTS=${CONTRACTS:-200}
SCHEDE=${SCHEDE:-20}
WARMUP_CONTRACTS=${WARMUP_CONTRACTS:-50}
CLIENTS=${CLIENTS:-8}
CONFIGS=${CONFIGS:-default no-digest}
SIM_DELAY=${SIM_DELAY:-0ms}
LIVE_CONTRACTS=${LIVE_CONTRACTS:-40}
LIVE_RATE=${LIVE_RATE:-10}
for pair in "CONTRACTS:$CONTRACTS:1:5000" "SCHEDE:$SCHEDE:3:100" "WARMUP_CONTRACTS:$WARMUP_CONTRACTS:1:5000" \
        "CLIENTS:$CLIENTS:1:64" "LIVE_CONTRACTS:$LIVE_CONTRACTS:1:5000" "LIVE_RATE:$LIVE_RATE:0:1000"; do
    IFS=: read -r name value min max <<<"$pair"
    [[ "$value" =~ ^[0-9]+$ ]] && (( value >= min && value <= max )) || die "$name deve essere un numero da $min a $max, non '$value'"
done
SA1=$((SCHEDE - 2))
ROWS=$((CONTRACTS * SCHEDE))
BENCH_DIR=$(realpath -m "${BENCH_DIR:-target/bench/transmission-throughput}")
DATA_DIR="$BENCH_DIR/data/postgres"
LOGS="$BENCH_DIR/logs"
RESULTS="$BENCH_DIR/results.md"

config_args() {
    case "$1" in
        default) echo "" ;;
        no-digest) echo "--openesecuzione.pcp.bind-tracking-digest=false" ;;
        threads-4) echo "--openesecuzione.pcp.delivery.threads=4" ;;
        threads-16) echo "--openesecuzione.pcp.delivery.threads=16 --openesecuzione.pcp.delivery.batch-size=100" ;;
        batch-200) echo "--openesecuzione.pcp.delivery.batch-size=200 --openesecuzione.pcp.delivery.threads=16" ;;
        no-digest-threads-16) echo "--openesecuzione.pcp.bind-tracking-digest=false --openesecuzione.pcp.delivery.threads=16 --openesecuzione.pcp.delivery.batch-size=100" ;;
        custom:*) echo "${1#custom:}" | tr ',' ' ' ;;
        *) die "configurazione sconosciuta: $1" ;;
    esac
}
for config in $CONFIGS; do config_args "$config" >/dev/null; done

check_bench_dir
trap cleanup_all EXIT
trap 'exit 130' INT TERM

build_jar
prepare_driver
rm -rf "$BENCH_DIR/data" "$LOGS"
mkdir -p "$LOGS"
PG_PORT=$(free_port)
report() { echo "$*" | tee -a "$RESULTS"; }
: >"$RESULTS"
report "# Trasmissione: throughput della coda — $(date -Iseconds)"
report ""
report "Macchina: $(nproc) CPU, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, $(java -version 2>&1 | head -n 1)"
report "Prima dell'avvio: $(machine_load)"
start_sampler

start_sim --openesecuzione.pcp-sim.confirmation-delay="$SIM_DELAY"
start_a --openesecuzione.pcp.delivery.enabled=false
report ""
report "## Semina attraverso l'API (consegna spenta)"
report ""
driver seed --pg-port="$PG_PORT" --http-port="$A_PORT" --tag=main --contracts="$CONTRACTS" --sa1="$SA1" --clients="$CLIENTS" | tee -a "$RESULTS"
driver seed --pg-port="$PG_PORT" --http-port="$A_PORT" --tag=warm --contracts="$WARMUP_CONTRACTS" --sa1="$SA1" --clients="$CLIENTS" >"$LOGS/seed-warm.txt"
driver park --pg-port="$PG_PORT" --tag=main >/dev/null
driver park --pg-port="$PG_PORT" --tag=warm >/dev/null
stop_pid "$A_PID" "nodo A"
A_PID=""

SUMMARY=()
for config in $CONFIGS; do
    # shellcheck disable=SC2046
    start_a --openesecuzione.pcp.delivery.enabled=true $(config_args "$config")
    report ""
    report "## Configurazione $config: $(config_args "$config" | sed 's/^$/(valori predefiniti)/')"
    report ""
    driver reset --pg-port="$PG_PORT" --tag=warm >/dev/null
    driver progress --pg-port="$PG_PORT" --tag=warm --expected=$((WARMUP_CONTRACTS * SCHEDE)) --timeout=900 --quiet=1 \
        || die "il riscaldamento non è terminato (log: $LOGS/node-a.log)"
    if [[ "${BENCH_JFR:-0}" == 1 ]]; then
        jcmd "$A_PID" JFR.start name=bench settings=profile >/dev/null
    fi
    load_before=$(machine_load)
    a0=$(cpu_ms "$A_PID"); p0=$(pg_cpu_ms "$DATA_DIR"); s0=$(cpu_ms "$SIM_PID"); q0=$(pg_cpu_ms "$SIM_DATA")
    t0=$(now_ms)
    driver reset --pg-port="$PG_PORT" --tag=main >/dev/null
    driver progress --pg-port="$PG_PORT" --tag=main --expected="$ROWS" --timeout=1800 >"$LOGS/progress-$config.txt" \
        || die "la consegna non è terminata (log: $LOGS/node-a.log, $LOGS/progress-$config.txt)"
    t1=$(now_ms)
    a1=$(cpu_ms "$A_PID"); p1=$(pg_cpu_ms "$DATA_DIR"); s1=$(cpu_ms "$SIM_PID"); q1=$(pg_cpu_ms "$SIM_DATA")
    if [[ "${BENCH_JFR:-0}" == 1 ]]; then
        jcmd "$A_PID" JFR.dump name=bench filename="$BENCH_DIR/$config.jfr" >/dev/null
        jcmd "$A_PID" JFR.stop name=bench >/dev/null
    fi
    driver report --pg-port="$PG_PORT" --tag=main --since-ms="$t0" | tee -a "$RESULTS"
    report "Carico: prima $load_before; alla fine $(machine_load)"
    cpu_line=$(awk -v n="$ROWS" -v a=$((a1 - a0)) -v p=$((p1 - p0)) -v s=$((s1 - s0)) -v q=$((q1 - q0)) -v w=$((t1 - t0)) 'BEGIN {
        printf "CPU per scheda: piattaforma (JVM) %.1f ms, suo PostgreSQL %.1f ms, simulatore (JVM) %.1f ms, suo PostgreSQL %.1f ms;", a / n, p / n, s / n, q / n
        printf " in tutto %.1f ms; durata %.1f s, CPU usata in media %.2f core", (a + p + s + q) / n, w / 1000, (a + p + s + q) / w }')
    report "$cpu_line"
    rate=$(awk -v n="$ROWS" -v w=$((t1 - t0)) 'BEGIN { printf "%.1f", n / (w / 1000) }')
    SUMMARY+=("$config: $rate schede/s ($ROWS in $(( (t1 - t0) / 1000 )) s); $cpu_line")
    stop_pid "$A_PID" "nodo A"
    A_PID=""
done

if (( LIVE_RATE > 0 )); then
    start_a --openesecuzione.pcp.delivery.enabled=true
    report ""
    report "## Carico costante: $LIVE_CONTRACTS contratti × $SCHEDE eventi registrati a $LIVE_RATE eventi/s mentre la coda consegna (valori predefiniti)"
    report ""
    driver reset --pg-port="$PG_PORT" --tag=warm >/dev/null
    driver progress --pg-port="$PG_PORT" --tag=warm --expected=$((WARMUP_CONTRACTS * SCHEDE)) --timeout=900 --quiet=1 \
        || die "il riscaldamento non è terminato (log: $LOGS/node-a.log)"
    t0=$(now_ms)
    driver seed --pg-port="$PG_PORT" --http-port="$A_PORT" --tag=live --contracts="$LIVE_CONTRACTS" --sa1="$SA1" \
        --clients="$CLIENTS" --rate="$LIVE_RATE" | tee -a "$RESULTS"
    driver progress --pg-port="$PG_PORT" --tag=live --expected=$((LIVE_CONTRACTS * SCHEDE)) --timeout=900 --quiet=1 \
        || die "la consegna del carico costante non è terminata"
    driver report --pg-port="$PG_PORT" --tag=live --since-ms="$t0" | tee -a "$RESULTS"
    stop_pid "$A_PID" "nodo A"
    A_PID=""
fi

report ""
report "## Riepilogo"
report ""
for line in "${SUMMARY[@]}"; do report "- $line"; done
report "Campioni (ogni 2 s) con una build Maven altrui in corso: $(busy_summary)"
report "Obiettivo: ≥ 500 schede/s"
log "Risultati in $RESULTS, log in $LOGS"
