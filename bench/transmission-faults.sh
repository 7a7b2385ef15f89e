#!/usr/bin/env bash
# Fault tolerance of the transmission outbox: 10,000 schede (500 contracts × SC1, I1 and 18 SA1)
# recorded through the API and delivered to the PCP simulator while it answers 429, 500 and drops
# connections, by two platform nodes on one database, each node killed with SIGKILL mid-flight and
# restarted; then SQL checks that every scheda is confirmed on PCP exactly once and in order.
#
#   bench/transmission-faults.sh
#
# Topology (bench/transmission-lib.sh): the simulator alone with its own embedded PostgreSQL (ANAC's
# PCP is another system: a platform node killed mid-call leaves the call to finish there, which is how
# answers get lost); node A with the platform's embedded PostgreSQL in $BENCH_DIR/data/postgres on a
# fixed port; node B on node A's PostgreSQL as an external database. Timeline, driven by the number of
# schede confirmed so that it does not depend on the machine's speed:
#   1. simulator, node A, node B up; faults on (FAULTS); seeding starts through both nodes (the seeder
#      sends again only what the database does not hold, so it survives the kills)
#   2. at KILL1 % confirmed (during the seeding): SIGKILL node A; its PostgreSQL survives (a separate
#      process); A restarts with the same data directory and port and finds it running.
#      Before each kill the simulator holds every call LOST_DELAY_MS for 3 s, so that the killed node
#      has calls in flight that the simulator serves all the same: answers lost for certain
#   3. at KILL2 %: SIGKILL node B; B restarts
#   4. at KILL3 %: SIGKILL node A and stop its orphaned PostgreSQL (fast shutdown: node B loses its
#      database too); A restarts and starts PostgreSQL again from the same data directory
#   5. at FAULTS_OFF %: faults off; wait for every scheda (TIMEOUT)
#   6. verification (driver command `verify`), then everything is stopped
#
# Environment (all optional):
#   CONTRACTS=500 SA1=18 CLIENTS=8
#   FAULTS='{"rate429":0.01,"retryAfterSeconds":1,"rate500":0.05,"dropRate":0.03,"delayMs":0}'
#   KILL1=5 KILL2=40 KILL3=65 FAULTS_OFF=90    percentages of the schede confirmed (KILL1 falls in the seeding)
#   TWO_NODES=1               0: node A only (node B's kill is then a second kill of node A)
#   TIMEOUT=1200              seconds for the whole delivery
#   LOST_DELAY_MS=1500        delay the simulator adds to every call for 3 s before each kill (0: none)
#   BENCH_SKIP_BUILD=1, BENCH_DIR (default target/bench/transmission-faults), BENCH_JAVA_OPTS: as in startup.sh
# Exit code: 0 when every check passes, 1 otherwise.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=bench/lib.sh
source bench/lib.sh
# shellcheck source=bench/transmission-lib.sh
source bench/transmission-lib.sh

CONTRACTS=${CONTRACTS:-500}
SA1=${SA1:-18}
CLIENTS=${CLIENTS:-8}
FAULTS=${FAULTS:-'{"rate429":0.01,"retryAfterSeconds":1,"rate500":0.05,"dropRate":0.03,"delayMs":0}'}
KILL1=${KILL1:-5}
KILL2=${KILL2:-40}
KILL3=${KILL3:-65}
FAULTS_OFF=${FAULTS_OFF:-90}
TWO_NODES=${TWO_NODES:-1}
TIMEOUT=${TIMEOUT:-1200}
LOST_DELAY_MS=${LOST_DELAY_MS:-1500}
for pair in "CONTRACTS:$CONTRACTS:1:5000" "SA1:$SA1:0:100" "CLIENTS:$CLIENTS:1:64" "KILL1:$KILL1:1:99" "KILL2:$KILL2:1:99" \
        "KILL3:$KILL3:1:99" "FAULTS_OFF:$FAULTS_OFF:1:100" "TWO_NODES:$TWO_NODES:0:1" "TIMEOUT:$TIMEOUT:60:7200" \
        "LOST_DELAY_MS:$LOST_DELAY_MS:0:20000"; do
    IFS=: read -r name value min max <<<"$pair"
    [[ "$value" =~ ^[0-9]+$ ]] && (( value >= min && value <= max )) || die "$name deve essere un numero da $min a $max, non '$value'"
done
(( KILL1 < KILL2 && KILL2 < KILL3 && KILL3 < FAULTS_OFF )) || die "serve KILL1 < KILL2 < KILL3 < FAULTS_OFF"
ROWS=$((CONTRACTS * (SA1 + 2)))
BENCH_DIR=$(realpath -m "${BENCH_DIR:-target/bench/transmission-faults}")
DATA_DIR="$BENCH_DIR/data/postgres"
LOGS="$BENCH_DIR/logs"
RESULTS="$BENCH_DIR/results.md"
SEED_PID=""
SAMPLER_PID=""

check_bench_dir
trap cleanup_all EXIT
trap 'exit 130' INT TERM

build_jar
prepare_driver
rm -rf "$BENCH_DIR/data" "$LOGS"
mkdir -p "$LOGS"
PG_PORT=$(free_port)
report() { echo "$*" | tee -a "$RESULTS"; }

# The faults with a delay added: for a few seconds before each kill the simulator holds every call
# LOST_DELAY_MS before serving it, so that when a node dies it has calls in flight that the simulator
# serves all the same: answers lost for sure (crea-scheda found again with ricerca-scheda, conferma-scheda
# acknowledged but not recorded).
set_faults() {
    curl -sf --noproxy '*' -m 5 -H 'Content-Type: application/json' -d "$1" "http://127.0.0.1:$SIM_PORT/pcp-sim/_control/faults" \
        >/dev/null || die "il simulatore ha rifiutato i guasti $1"
}
with_delay() {
    sed "s/\"delayMs\" *: *[0-9]*/\"delayMs\":$LOST_DELAY_MS/" <<<"$FAULTS"
}
before_kill() {
    set_faults "$(with_delay)"
    sleep 3
}

: >"$RESULTS"
report "# Trasmissione: tolleranza ai guasti — $(date -Iseconds)"
report ""
report "Macchina: $(nproc) CPU, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, $(java -version 2>&1 | head -n 1)"
report "Prima dell'avvio: $(machine_load)"
report "Schede: $CONTRACTS contratti × $((SA1 + 2)) eventi = $ROWS; guasti $FAULTS; nodi: $( ((TWO_NODES)) && echo 2 || echo 1)"
start_sampler
STARTED=$(now_ms)

start_sim --server.tomcat.accesslog.enabled=true --server.tomcat.accesslog.directory="$LOGS" \
    --server.tomcat.accesslog.prefix=sim-access --server.tomcat.accesslog.suffix=.log \
    '--server.tomcat.accesslog.pattern=%s %m %U'
start_a
NODES="$A_PORT"
if ((TWO_NODES)); then
    start_b
    NODES="$A_PORT,$B_PORT"
fi
[[ "$FAULTS" == *delayMs* ]] || die "FAULTS deve indicare delayMs (anche 0)"
set_faults "$FAULTS"
report "Guasti attivi sul simulatore: $(curl -sf --noproxy '*' -m 5 "http://127.0.0.1:$SIM_PORT/pcp-sim/_control/faults")"

# The seeding runs in the background, through both nodes, while the outbox delivers and the nodes die.
driver seed --pg-port="$PG_PORT" --http-port="$NODES" --tag=faults --contracts="$CONTRACTS" --sa1="$SA1" \
    --clients="$CLIENTS" >"$LOGS/seed.txt" 2>&1 &
SEED_PID=$!
DELIVERY_STARTED=$(now_ms)

wait_confirmed() {   # percentage
    local until=$((ROWS * $1 / 100)) left
    left=$(( TIMEOUT - ($(now_ms) - DELIVERY_STARTED) / 1000 ))
    (( left > 0 )) || left=1
    driver progress --pg-port="$PG_PORT" --tag=faults --expected="$ROWS" --until="$until" --timeout="$left" \
        >>"$LOGS/progress.txt" 2>&1 || { tail -n 25 "$LOGS/progress.txt" >&2; die "$1% delle schede non confermato entro $TIMEOUT s (vedi $LOGS/progress.txt)"; }
    report "- $(( ($(now_ms) - DELIVERY_STARTED) / 1000 )) s: $(tail -n 1 "$LOGS/progress.txt" | sed 's/^ *\[[0-9:]*\] //')"
}

kill_a() {
    log "SIGKILL al nodo A (pid $A_PID)"
    kill -KILL "$A_PID"
    wait "$A_PID" 2>/dev/null || true
    A_PID=""
}

report ""
report "## Cronologia"
report ""
wait_confirmed "$KILL1"
before_kill
report "  SIGKILL al nodo A con chiamate in corso (ritardo di $LOST_DELAY_MS ms sul simulatore), il suo PostgreSQL resta attivo"
kill_a
set_faults "$FAULTS"
sleep 2
start_a
report "  nodo A riavviato sullo stesso PostgreSQL (stessa directory dati e porta) in $((A_UP_MS / 1000)) s"

wait_confirmed "$KILL2"
if ((TWO_NODES)); then
    before_kill
    report "  SIGKILL al nodo B con chiamate in corso"
    log "SIGKILL al nodo B (pid $B_PID)"
    kill -KILL "$B_PID"
    wait "$B_PID" 2>/dev/null || true
    B_PID=""
    set_faults "$FAULTS"
    sleep 2
    start_b
    report "  nodo B riavviato in $((B_UP_MS / 1000)) s"
else
    before_kill
    report "  SIGKILL al nodo A con chiamate in corso"
    kill_a
    set_faults "$FAULTS"
    sleep 2
    start_a
    report "  nodo A riavviato in $((A_UP_MS / 1000)) s"
fi

wait_confirmed "$KILL3"
before_kill
report "  SIGKILL al nodo A e arresto del suo PostgreSQL rimasto attivo$( ((TWO_NODES)) && echo ' (il nodo B resta senza database)')"
kill_a
pg_down=$(now_ms)
stop_orphan_pg "$DATA_DIR"
set_faults "$FAULTS"
sleep 2
start_a
report "  nodo A riavviato con un nuovo PostgreSQL sulla stessa directory dati in $((A_UP_MS / 1000)) s (database assente per $(( ($(now_ms) - pg_down) / 1000 )) s)"

wait_confirmed "$FAULTS_OFF"
curl -sf --noproxy '*' -m 5 -X DELETE "http://127.0.0.1:$SIM_PORT/pcp-sim/_control/faults" >/dev/null || die "guasti non spenti"
report "  guasti spenti"
wait "$SEED_PID" || die "la semina è fallita (vedi $LOGS/seed.txt)"
SEED_PID=""
wait_confirmed 100
DELIVERED_S=$(( ($(now_ms) - DELIVERY_STARTED) / 1000 ))
report "  tutte le $ROWS schede confermate in $DELIVERED_S s ($(awk -v n="$ROWS" -v s="$DELIVERED_S" 'BEGIN { printf "%.1f", n / s }') schede/s in media, semina, guasti e riavvii compresi)"

report ""
report "## Semina (attraverso i due nodi, durante consegna e arresti)"
report ""
grep -E '^(Semina|Contratti|Eventi)' "$LOGS/seed.txt" | tee -a "$RESULTS"

report ""
report "## Guasti iniettati dal simulatore"
report ""
stop_pid "${B_PID:-}" "nodo B"
B_PID=""
# The access log is written at the simulator's shutdown at the latest: read it after the verification.
set +e
driver verify --pg-port="$PG_PORT" --sim-pg-port="$SIM_PG_PORT" --http-port="$A_PORT" --tag=faults --expected="$ROWS" >"$LOGS/verify.txt" 2>&1
verified=$?
set -e
stop_pid "$A_PID" "nodo A"
A_PID=""
stop_pid "$SIM_PID" "simulatore"
SIM_PID=""
access=$(cat "$LOGS"/sim-access*.log 2>/dev/null | grep ' /pcp-sim/modi/rest/' || true)
report "- chiamate ai servizi PCP: $(grep -c . <<<"$access"); 429: $(grep -c '^429 ' <<<"$access"); 500: $(grep -c '^500 ' <<<"$access")"
report "- connessioni chiuse senza risposta: $(grep -c 'connessione chiusa senza risposta' "$LOGS/sim.log" || true)"
report "- risposte per operazione (stato HTTP: numero): $(awk '$3 ~ /modi\/rest/ { n = split($3, p, "/"); c[p[n] " " $1]++ }
    END { for (k in c) print k ": " c[k] }' <<<"$access" | sort | paste -sd ';' | sed 's/;/; /g')"
report "  (un 400 di conferma-scheda è la ripetizione di una conferma già acquisita da PCP, riconosciuta come tale: ERR58/ERR60)"
report "- righe ERROR nei log dei nodi: A $(grep -c ' ERROR ' "$LOGS/node-a.log" || true), B $(grep -c ' ERROR ' "$LOGS/node-b.log" 2>/dev/null || true)"
report ""
cat "$LOGS/verify.txt" | tee -a "$RESULTS"
report ""
report "Avvii dei nodi: $STARTS; durata totale $(( ($(now_ms) - STARTED) / 1000 )) s; campioni (ogni 2 s) con una build Maven altrui in corso: $(busy_summary)"
log "Risultati in $RESULTS, log in $LOGS"
exit "$verified"
