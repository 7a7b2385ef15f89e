# Shared helpers for the benchmark scripts (sourced, not run). Bash only, localhost only.
#
# Every function works from the repository root (the caller cd's there first) and keeps its state in
# a few globals: APP_PID, APP_PORT, APP_LOG, DATA_DIR, BENCH_DIR, JAR.

# Never let curl go through a proxy: everything here talks to 127.0.0.1.
export NO_PROXY='*' no_proxy='*'

APP_PID=""
APP_PORT=""

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERRORE: $*"; exit 1; }

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# A TCP port nobody listens on (bounded number of attempts).
free_port() {
    local attempt port
    for attempt in $(seq 1 200); do
        port=$(( 20000 + RANDOM % 20000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    die "nessuna porta libera trovata"
}

# One line describing how busy the machine is: load average and other JVMs/Maven builds running.
machine_load() {
    local load mvn jvms
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    mvn=$(foreign_builds)
    jvms=$(pgrep -c java || true)
    echo "load average $load; JVM in esecuzione: $jvms (di cui Maven/surefire: $mvn)"
}

# Refuses a BENCH_DIR that a later rm -rf of its data directory could make dangerous.
check_bench_dir() {
    case "$BENCH_DIR" in
        / | "$HOME" | "$ROOT" | /tmp | /work | "") die "BENCH_DIR=$BENCH_DIR non è ammesso: usare una directory dedicata" ;;
    esac
    [[ "$(cd / && realpath -m "$BENCH_DIR" | tr -cd / | wc -c)" -ge 2 ]] || die "BENCH_DIR=$BENCH_DIR è troppo in alto nel file system"
}

# Builds the executable jar (unless BENCH_SKIP_BUILD=1) and copies it into $BENCH_DIR, so that a
# rebuild by someone else while the benchmark runs cannot pull the jar from under the JVM.
# Tests are neither compiled nor run: the benchmark does not need them.
build_jar() {
    local source_jar=target/openesecuzione-0.1.0-SNAPSHOT.jar
    mkdir -p "$BENCH_DIR"
    if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
        log "Compilazione del jar (./mvnw -q -Dmaven.test.skip=true package)…"
        ./mvnw -q -Dmaven.test.skip=true package
    fi
    [[ -f "$source_jar" ]] || die "$source_jar non esiste: compilare con ./mvnw -q -DskipTests package"
    unzip -l "$source_jar" 'BOOT-INF/lib/*' >/dev/null 2>&1 \
        || die "$source_jar non è il jar eseguibile di Spring Boot (manca BOOT-INF/lib): ricompilare"
    cp "$source_jar" "$BENCH_DIR/app.jar"
    JAR="$BENCH_DIR/app.jar"
}

# Launches the platform in the background on a free port; does not wait. APP_STARTED_MS is the
# moment of launch.
start_app() {
    APP_LOG=$1
    APP_PORT=$(free_port)
    APP_STARTED_MS=$(now_ms)
    # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of JVM options
    java ${BENCH_JAVA_OPTS:-} -jar "$JAR" \
        --server.port="$APP_PORT" \
        --openesecuzione.embedded-db.data-directory="$DATA_DIR" \
        >"$APP_LOG" 2>&1 &
    APP_PID=$!
}

# Maven builds (or their test JVMs) of someone else running now.
foreign_builds() {
    pgrep -fc '^[^ ]*java .*(plexus-classworlds|surefirebooter)' || true
}

# Polls /actuator/health every 50 ms until it answers status UP. Fails if the process dies or
# $1 seconds pass. About once a second it also looks for someone else's Maven build and sets
# BUSY_SEEN to the largest number of such processes seen.
BUSY_SEEN=0
wait_healthy() {
    local timeout_s=$1 deadline polls=0 busy
    deadline=$(( $(now_ms) + timeout_s * 1000 ))
    BUSY_SEEN=0
    while (( $(now_ms) < deadline )); do
        if (( polls++ % 20 == 0 )); then
            busy=$(foreign_builds)
            if (( busy > BUSY_SEEN )); then BUSY_SEEN=$busy; fi
        fi
        if ! kill -0 "$APP_PID" 2>/dev/null; then
            tail -n 40 "$APP_LOG" >&2 || true
            die "la piattaforma è terminata durante l'avvio (log: $APP_LOG)"
        fi
        if curl -s --noproxy '*' -m 1 "http://127.0.0.1:$APP_PORT/actuator/health" 2>/dev/null \
                | grep -q '"status":"UP"'; then
            return 0
        fi
        sleep 0.05
    done
    tail -n 40 "$APP_LOG" >&2 || true
    die "la piattaforma non è diventata UP entro $timeout_s s (log: $APP_LOG)"
}

# The port of the embedded PostgreSQL, from the log line the platform writes at start.
embedded_pg_port() {
    local port
    port=$(sed -n 's/.*PostgreSQL incorporato avviato in [0-9]* ms su porta \([0-9]*\).*/\1/p' "$APP_LOG" | tail -n 1)
    [[ -n "$port" ]] || die "porta del PostgreSQL incorporato non trovata in $APP_LOG"
    echo "$port"
}

# Stops the PostgreSQL of $DATA_DIR if it is still running (only after a forced kill of the JVM).
stop_orphan_postgres() {
    local pidfile="$DATA_DIR/postmaster.pid" pg_pid i
    [[ -f "$pidfile" ]] || return 0
    pg_pid=$(head -n 1 "$pidfile" 2>/dev/null || true)
    if [[ "$pg_pid" =~ ^[0-9]+$ ]] && kill -0 "$pg_pid" 2>/dev/null; then
        log "Arresto del PostgreSQL rimasto attivo (pid $pg_pid)"
        kill -INT "$pg_pid" 2>/dev/null || true   # fast shutdown
        for i in $(seq 1 300); do
            kill -0 "$pg_pid" 2>/dev/null || return 0
            sleep 0.1
        done
        kill -KILL "$pg_pid" 2>/dev/null || true
    fi
}

# SIGTERM, then waits (bounded) for a clean exit; SIGKILL only as a last resort. Sets STOP_MS (how
# long the shutdown took) and STOP_FORCED (1 if SIGKILL was needed). Not to be run in a subshell:
# it must reap its own child.
STOP_MS=0
STOP_FORCED=0
stop_app() {
    local pid=$APP_PID started i
    STOP_MS=0
    STOP_FORCED=0
    [[ -n "$pid" ]] || return 0
    APP_PID=""
    started=$(now_ms)
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for i in $(seq 1 600); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$pid" 2>/dev/null; then
            log "La piattaforma (pid $pid) non si è fermata in 60 s: SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            STOP_FORCED=1
        fi
    fi
    wait "$pid" 2>/dev/null || true
    stop_orphan_postgres
    STOP_MS=$(( $(now_ms) - started ))
}

# For trap: stop whatever is still running, quietly.
cleanup_app() {
    if [[ -n "$APP_PID" ]]; then
        log "Pulizia: arresto della piattaforma (pid $APP_PID)"
        stop_app || true
    fi
}

# Median and max of integers given as arguments, as "median max". Median of an even count is the
# mean of the two middle values.
median_max() {
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
        if (NR == 0) { print "- -"; exit }
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%d %d\n", m, v[NR] }'
}
