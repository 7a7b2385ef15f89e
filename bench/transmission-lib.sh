# Helpers of the transmission benchmarks (sourced after bench/lib.sh, not run). Bash only, localhost only.
#
# The topology of both benchmarks: the PCP simulator runs alone (PcpSimulatorApplication, from the same
# jar) with its own embedded PostgreSQL, as ANAC's PCP is a separate system; the platform nodes run with
# their own simulator switched off and the SIMULATOR environment pointing at it. Node A starts the
# platform's embedded PostgreSQL on a fixed port (so that a restarted node A finds it again, see
# docs/benchmarks.md); node B, when there is one, uses that database as an external one.
#
# Globals: BENCH_DIR, JAR, LOGS, SIM_PID, SIM_PORT, SIM_PG_PORT, SIM_DATA, A_PID, A_PORT, B_PID, B_PORT,
# PG_PORT, DATA_DIR, DRIVER_CP.

SIM_PID=""
A_PID=""
B_PID=""
STARTS=0

# Compiles the driver once against the jar's own classes and libraries (no test build, no pom change).
prepare_driver() {
    rm -rf "$BENCH_DIR/app" "$BENCH_DIR/driver"
    unzip -q "$JAR" 'BOOT-INF/classes/*' 'BOOT-INF/lib/*' -d "$BENCH_DIR/app"
    local libs="$BENCH_DIR/app/BOOT-INF/classes:$BENCH_DIR/app/BOOT-INF/lib/*"
    mkdir -p "$BENCH_DIR/driver"
    javac -nowarn -encoding UTF-8 -d "$BENCH_DIR/driver" -cp "$libs" src/test/java/it/openesecuzione/bench/TransmissionBenchmark.java
    DRIVER_CP="$BENCH_DIR/driver:$libs"
}

driver() {
    java -Dfile.encoding=UTF-8 -cp "$DRIVER_CP" it.openesecuzione.bench.TransmissionBenchmark "$@"
}

# Polls an URL every 100 ms until it answers 200 (and, with $4, contains that text). Fails if the process dies.
wait_up() {
    local pid=$1 url=$2 log=$3 expect=${4:-} timeout_s=${5:-300} deadline body
    deadline=$(( $(now_ms) + timeout_s * 1000 ))
    while (( $(now_ms) < deadline )); do
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -n 40 "$log" >&2 || true
            die "il processo $pid è terminato durante l'avvio (log: $log)"
        fi
        if body=$(curl -sf --noproxy '*' -m 2 "$url" 2>/dev/null) && [[ -z "$expect" || "$body" == *"$expect"* ]]; then
            return 0
        fi
        sleep 0.1
    done
    tail -n 40 "$log" >&2 || true
    die "$url non ha risposto entro $timeout_s s (log: $log)"
}

# The standalone PCP simulator with its own embedded PostgreSQL. Extra arguments are Spring properties.
start_sim() {
    local log="$LOGS/sim.log"
    SIM_PORT=${SIM_PORT:-$(free_port)}
    SIM_DATA="$BENCH_DIR/data/sim"
    # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of JVM options
    java ${BENCH_JAVA_OPTS:-} -Dloader.main=it.openesecuzione.pcpsim.PcpSimulatorApplication -cp "$JAR" \
        org.springframework.boot.loader.launch.PropertiesLauncher \
        --server.port="$SIM_PORT" --openesecuzione.embedded-db.data-directory="$SIM_DATA" \
        --openesecuzione.pcp-sim.control-enabled=true "$@" >>"$log" 2>&1 &
    SIM_PID=$!
    wait_up "$SIM_PID" "http://127.0.0.1:$SIM_PORT/pcp-sim/_status" "$log" '"enabled":true'
    SIM_PG_PORT=$(sed -n 's/.*PostgreSQL incorporato avviato in [0-9]* ms su porta \([0-9]*\).*/\1/p' "$log" | tail -n 1)
    [[ -n "$SIM_PG_PORT" ]] || die "porta del PostgreSQL del simulatore non trovata in $log"
    log "Simulatore PCP su 127.0.0.1:$SIM_PORT (pid $SIM_PID, PostgreSQL sulla porta $SIM_PG_PORT)"
}

# The arguments every platform node gets: no simulator of its own, PCP = the standalone simulator.
platform_args() {
    echo "--openesecuzione.pcp-sim.enabled=false" \
        "--openesecuzione.pcp.environments.SIMULATOR.base-url=http://127.0.0.1:$SIM_PORT/pcp-sim" \
        "--openesecuzione.pcp.environments.SIMULATOR.token-endpoint=http://127.0.0.1:$SIM_PORT/pcp-sim/token" \
        "--openesecuzione.pcp.environments.SIMULATOR.token-audience=http://127.0.0.1:$SIM_PORT/pcp-sim/token"
}

# Node A: the platform with its embedded PostgreSQL in $DATA_DIR on the fixed port $PG_PORT. Extra
# arguments are Spring properties. Waits until healthy; sets A_PID and A_UP_MS (time to healthy).
start_a() {
    local log="$LOGS/node-a.log" started
    A_PORT=${A_PORT:-$(free_port)}
    echo "----- avvio $(date -Iseconds)" >>"$log"
    started=$(now_ms)
    # shellcheck disable=SC2086,SC2046
    java ${BENCH_JAVA_OPTS:-} -jar "$JAR" --server.port="$A_PORT" \
        --openesecuzione.embedded-db.data-directory="$DATA_DIR" --openesecuzione.embedded-db.port="$PG_PORT" \
        $(platform_args) "$@" >>"$log" 2>&1 &
    A_PID=$!
    STARTS=$((STARTS + 1))
    wait_up "$A_PID" "http://127.0.0.1:$A_PORT/actuator/health" "$log" '"status":"UP"'
    A_UP_MS=$(( $(now_ms) - started ))
    log "Nodo A su 127.0.0.1:$A_PORT (pid $A_PID), UP in $A_UP_MS ms"
}

# Node B: the platform on node A's PostgreSQL as an external database (migrations as the cluster's superuser,
# the application as oe_app, as docs/operations.md prescribes for an external database).
start_b() {
    local log="$LOGS/node-b.log" started
    B_PORT=${B_PORT:-$(free_port)}
    echo "----- avvio $(date -Iseconds)" >>"$log"
    started=$(now_ms)
    # shellcheck disable=SC2086,SC2046
    SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/openesecuzione" \
        SPRING_DATASOURCE_USERNAME=oe_app SPRING_DATASOURCE_PASSWORD=oe_app \
        SPRING_FLYWAY_USER=postgres SPRING_FLYWAY_PASSWORD= \
        java ${BENCH_JAVA_OPTS:-} -jar "$JAR" --server.port="$B_PORT" $(platform_args) "$@" >>"$log" 2>&1 &
    B_PID=$!
    STARTS=$((STARTS + 1))
    wait_up "$B_PID" "http://127.0.0.1:$B_PORT/actuator/health" "$log" '"status":"UP"'
    B_UP_MS=$(( $(now_ms) - started ))
    log "Nodo B su 127.0.0.1:$B_PORT (pid $B_PID, database del nodo A), UP in $B_UP_MS ms"
}

# SIGTERM and a bounded wait, SIGKILL as a last resort. Must run in this shell (it reaps its child).
stop_pid() {
    local pid=$1 name=$2 i
    [[ -n "$pid" ]] || return 0
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for i in $(seq 1 600); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$pid" 2>/dev/null; then
            log "$name (pid $pid) non si è fermato in 60 s: SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    wait "$pid" 2>/dev/null || true
}

# Stops the PostgreSQL of a data directory if it still runs (after a SIGKILL of the JVM that started it).
stop_orphan_pg() {
    local dir=$1 pg_pid i
    [[ -f "$dir/postmaster.pid" ]] || return 0
    pg_pid=$(head -n 1 "$dir/postmaster.pid" 2>/dev/null || true)
    if [[ "$pg_pid" =~ ^[0-9]+$ ]] && kill -0 "$pg_pid" 2>/dev/null; then
        kill -INT "$pg_pid" 2>/dev/null || true   # fast shutdown: aborts open transactions, keeps committed ones
        for i in $(seq 1 300); do
            kill -0 "$pg_pid" 2>/dev/null || return 0
            sleep 0.1
        done
        kill -KILL "$pg_pid" 2>/dev/null || true
    fi
}

# For trap: node B first (it uses node A's database), then A and its PostgreSQL, then the simulator.
cleanup_all() {
    local pid
    for pid in "${SEED_PID:-}" "${SAMPLER_PID:-}"; do
        if [[ -n "$pid" ]]; then
            kill "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    SEED_PID=""
    SAMPLER_PID=""
    if [[ -n "$B_PID" ]]; then stop_pid "$B_PID" "nodo B" || true; B_PID=""; fi
    if [[ -n "$A_PID" ]]; then stop_pid "$A_PID" "nodo A" || true; A_PID=""; fi
    if [[ -n "${DATA_DIR:-}" ]]; then stop_orphan_pg "$DATA_DIR" || true; fi
    if [[ -n "$SIM_PID" ]]; then stop_pid "$SIM_PID" "simulatore" || true; SIM_PID=""; fi
    if [[ -n "${SIM_DATA:-}" ]]; then stop_orphan_pg "$SIM_DATA" || true; fi
    return 0
}

# CPU time (user + system, including reaped children) of a process, in ms; 0 if it is gone.
cpu_ms() {
    awk -v tck="$(getconf CLK_TCK)" '{ printf "%d\n", ($14 + $15 + $16 + $17) * 1000 / tck }' "/proc/$1/stat" 2>/dev/null || echo 0
}

# CPU time of a PostgreSQL cluster: the postmaster (with the backends it reaped) and its live children.
pg_cpu_ms() {
    local pm total c
    pm=$(head -n 1 "$1/postmaster.pid" 2>/dev/null) || { echo 0; return; }
    total=$(cpu_ms "$pm")
    for c in $(pgrep -P "$pm"); do
        total=$(( total + $(cpu_ms "$c") ))
    done
    echo "$total"
}

# Every 2 s, whether someone else's Maven build runs (the figures are comparable only on an idle machine).
start_sampler() {
    for i in $(seq 1 1800); do foreign_builds; sleep 2; done >"$BENCH_DIR/busy.txt" 2>/dev/null &
    SAMPLER_PID=$!
}

busy_summary() {
    awk '$1 > 0 { b++ } END { printf "%d su %d", b, NR }' "$BENCH_DIR/busy.txt"
}
