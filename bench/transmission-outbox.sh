#!/usr/bin/env bash
# The outbox's own overhead: schede per second and CPU per scheda of the delivery with PCP costing
# (almost) nothing. The platform runs inside the driver's JVM (src/test/java/it/openesecuzione/bench/OutboxBenchmark.java)
# with an in-memory PCP in place of the HTTP client (a benchmark device, not part of the product: no PDND
# voucher, no tracking tokens, no HTTP), so what is measured is the claims (FOR UPDATE SKIP LOCKED, leases)
# with the per-contract ordering, the payload preparation, the state updates of each step and the
# hash-chained audit appends, on the platform's embedded PostgreSQL.
#
#   bench/transmission-outbox.sh
#
# Steps (all in one JVM): starts the platform with delivery off and demo data on, records CONTRACTS × EVENTS
# events (SC1, I1, then SA1) and a warm-up backlog through the HTTP API with CLIENTS parallel clients, parks
# them and stops the platform; then for each T in THREADS restarts the platform with openesecuzione.pcp.delivery.threads=T, delivers
# the warm-up backlog, puts the measured backlog back in the queue (no PCP ids, new idAppalto) and times
# T threads calling TransmissionDelivery.deliverDue() in a loop until every row is CONFERMATA; then checks the
# end state with SQL and the in-memory PCP's maps (every row confirmed, each contract's schede confirmed in
# seq order, each scheda created once, three audit entries per scheda; the audit chains at the end).
#
# Environment (all optional):
#   CONTRACTS=1000 EVENTS=10     measured backlog: contracts × events each (3 to 20)
#   WARMUP_CONTRACTS=400         warm-up backlog before each measurement (same events per contract)
#   CLIENTS=8                    parallel HTTP clients of the seeding
#   THREADS="2 4 8"              one measured delivery per value T: openesecuzione.pcp.delivery.threads=T
#   CALLERS=                     threads calling deliverDue() (empty: T)
#   SCHEDULER=1                  instead of callers, the product's background delivery: deliverAvailable(), then 250 ms
#   BATCH=, POLL_DELAY=          openesecuzione.pcp.delivery.batch-size / poll-delay (empty: the product's defaults, 50 / 500ms)
#   IDLE_MS=10                   pause of a calling thread after a round that found nothing due
#   BENCH_JFR=1                  a JFR recording of each measured delivery ($BENCH_DIR/outbox-T<n>.jfr) and its breakdown
#   BENCH_PGSTAT=1               PostgreSQL's side: pg_stat_statements (loaded by a restart after the seeding) per measured
#                                delivery; it costs a little, so not for the figures
#   BENCH_SKIP_BUILD=1, BENCH_DIR (default target/bench/transmission-outbox), BENCH_JAVA_OPTS: as in startup.sh
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=bench/lib.sh
source bench/lib.sh
# shellcheck source=bench/transmission-lib.sh
source bench/transmission-lib.sh

CONTRACTS=${CONTRACTS:-1000}
EVENTS=${EVENTS:-10}
WARMUP_CONTRACTS=${WARMUP_CONTRACTS:-400}
CLIENTS=${CLIENTS:-8}
THREADS=${THREADS:-2 4 8}
BATCH=${BATCH:-}
POLL_DELAY=${POLL_DELAY:-}
IDLE_MS=${IDLE_MS:-10}
CALLERS=${CALLERS:-}
SCHEDULER=${SCHEDULER:-0}
for pair in "CONTRACTS:$CONTRACTS:1:20000" "EVENTS:$EVENTS:3:20" "WARMUP_CONTRACTS:$WARMUP_CONTRACTS:1:5000" \
        "CLIENTS:$CLIENTS:1:64" "IDLE_MS:$IDLE_MS:0:1000" ${BATCH:+"BATCH:$BATCH:1:1000"} ${CALLERS:+"CALLERS:$CALLERS:1:16"}; do
    IFS=: read -r name value min max <<<"$pair"
    [[ "$value" =~ ^[0-9]+$ ]] && (( value >= min && value <= max )) || die "$name deve essere un numero da $min a $max, non '$value'"
done
for t in $THREADS; do
    [[ "$t" =~ ^[0-9]+$ ]] && (( t >= 1 && t <= 16 )) || die "THREADS: ogni valore da 1 a 16, non '$t'"
done
[[ -z "$POLL_DELAY" || "$POLL_DELAY" =~ ^[0-9]+(ms|s)$ ]] || die "POLL_DELAY come 500ms o 1s, non '$POLL_DELAY'"
BENCH_DIR=$(realpath -m "${BENCH_DIR:-target/bench/transmission-outbox}")
DATA_DIR="$BENCH_DIR/data/postgres"
LOGS="$BENCH_DIR/logs"
RESULTS="$BENCH_DIR/results.md"
DRIVER_PID=""
TAIL_PID=""

# The driver's JVM holds the platform, which stops its PostgreSQL on SIGTERM (Spring's shutdown hook).
cleanup() {
    if [[ -n "$TAIL_PID" ]]; then kill "$TAIL_PID" 2>/dev/null || true; wait "$TAIL_PID" 2>/dev/null || true; TAIL_PID=""; fi
    if [[ -n "$DRIVER_PID" ]]; then stop_pid "$DRIVER_PID" "driver" || true; DRIVER_PID=""; fi
    stop_orphan_pg "$DATA_DIR" || true
    if [[ -n "${SAMPLER_PID:-}" ]]; then kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""; fi
}

check_bench_dir
trap cleanup EXIT
trap 'exit 130' INT TERM

build_jar
rm -rf "$BENCH_DIR/app" "$BENCH_DIR/driver" "$BENCH_DIR/data" "$LOGS" "$BENCH_DIR"/outbox-T*.jfr
unzip -q "$JAR" 'BOOT-INF/classes/*' 'BOOT-INF/lib/*' -d "$BENCH_DIR/app"
LIBS="$BENCH_DIR/app/BOOT-INF/classes:$BENCH_DIR/app/BOOT-INF/lib/*"
mkdir -p "$BENCH_DIR/driver" "$LOGS"
javac -nowarn -encoding UTF-8 -d "$BENCH_DIR/driver" -cp "$LIBS" src/test/java/it/openesecuzione/bench/OutboxBenchmark.java

report() { echo "$*" | tee -a "$RESULTS"; }
: >"$RESULTS"
report "# Trasmissione: costo proprio della coda (PCP in memoria) — $(date -Iseconds)"
report ""
report "Macchina: $(nproc) CPU, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, $(java -version 2>&1 | head -n 1)"
version="fuori da un repository git"
if git rev-parse --git-dir >/dev/null 2>&1; then
    version="commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src/main || echo ', con modifiche locali in src/main')"
fi
report "JVM: ${BENCH_JAVA_OPTS:-nessuna opzione}; sorgenti: $version"
report "Prima dell'avvio: $(machine_load)"
start_sampler

args=(run --bench-dir="$BENCH_DIR" --results="$RESULTS" --contracts="$CONTRACTS" --events="$EVENTS"
      --warmup-contracts="$WARMUP_CONTRACTS" --clients="$CLIENTS" --threads="$(echo "$THREADS" | tr -s ' ' ',')"
      --idle-ms="$IDLE_MS" --jfr="${BENCH_JFR:-0}" --pg-stats="${BENCH_PGSTAT:-0}")
[[ -n "$BATCH" ]] && args+=(--batch="$BATCH")
[[ -n "$CALLERS" ]] && args+=(--callers="$CALLERS")
[[ "$SCHEDULER" == 1 ]] && args+=(--scheduler=1)
[[ -n "$POLL_DELAY" ]] && args+=(--poll-delay="$POLL_DELAY")

# The platform's log (stdout) goes to a file; the driver's lines (stderr) to the terminal too.
: >"$LOGS/driver.txt"
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of JVM options
java ${BENCH_JAVA_OPTS:-} -Dfile.encoding=UTF-8 -cp "$BENCH_DIR/driver:$LIBS" it.openesecuzione.bench.OutboxBenchmark "${args[@]}" \
    >"$LOGS/platform.log" 2>"$LOGS/driver.txt" &
DRIVER_PID=$!
tail -n +1 -f --pid="$DRIVER_PID" "$LOGS/driver.txt" >&2 &
TAIL_PID=$!
rc=0
wait "$DRIVER_PID" || rc=$?
DRIVER_PID=""
wait "$TAIL_PID" 2>/dev/null || true
TAIL_PID=""

report ""
report "Campioni (ogni 2 s) con una build Maven altrui in corso: $(busy_summary)"
report "Dopo: $(machine_load)"
report "Obiettivo (issue P4): ≥ 500 schede/s"
(( rc == 0 )) || die "il driver è terminato con codice $rc (log: $LOGS/platform.log, $LOGS/driver.txt)"
log "Risultati in $RESULTS, log in $LOGS"
