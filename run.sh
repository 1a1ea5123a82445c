#!/usr/bin/env bash
# LowLatency: one entry point for every command a user runs. See README.md.
#   ./run.sh                 build and start engine + bridge on the embedded defaults (http://127.0.0.1:5000; Ctrl-C stops both)
#   ./run.sh bridge          the bridge alone, against a running engine (LL_BRIDGE_URL, LL_ENGINE_PORT override)
#   ./run.sh engine [--config config/engine.json] [--duration 30s] [--data-dir DIR]   the headless engine host
#   ./run.sh state [--journal PATH] [--data-dir DIR]   replay a journal and print the trading state as JSON
#   ./run.sh backtest --strategy NAME --symbol SYM --from DATE --to DATE [--data file.csv] [--out result.json]
#   ./run.sh indicators --input FILE.csv --output OUT.csv [--hl2]   every indicator over your bars (talib.csv's column names)
#   ./run.sh backfill --symbol SYM --from DATE [--to DATE] [--market spot|futures] [--network production|testnet]   Binance 1m klines into the history store
#   ./run.sh import --input FILE [--input FILE ...] --symbol SYM --timeframe TF [--format auto|binance|ohlcv]   bars into the history store
#   ./run.sh astro (--dates FILE | --from DATE --to DATE [--step 1d]) --output OUT.csv   apparent planetary positions (astro.csv's columns)
#   ./run.sh cluster         NATS JetStream, PostgreSQL, two shards, two bridges (:5000, :5001) and a worker on this machine
#   ./run.sh worker [--nats URL] [--concurrency N]   pull backtests and ML trainings from the JetStream work queue (Bridge__Work__Nats sends them)
#   ./run.sh test            restore, build and run every test (TRX results under TestResults/)
#   ./run.sh bench [--quick] [--pipeline] [--analytics] [--workers] [--rounds N] [BenchmarkDotNet args]      benchmarks
#   ./run.sh bench --bridge [--quick]   WebSocket fan-out (100 / 1,000 clients) and REST load against engine + bridge
#   ./run.sh chaos [--cycles N] [--seed S]   engine + bridge processes under load, SIGKILLed at random moments, restarted and checked
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v dotnet >/dev/null 2>&1; then
  echo "run.sh: the .NET 10 SDK is required (dotnet was not found on PATH)." >&2
  exit 127
fi

configuration=Release
command="${1:-start}"
case "$command" in
  -*) command=start ;;            # ./run.sh --duration 30s: options for the default start
  *) [ $# -gt 0 ] && shift ;;
esac

build() {
  # Build output goes to stderr so that commands printing JSON (state) keep stdout clean.
  dotnet build "$1" -c "$configuration" -nologo -v quiet -clp:ErrorsOnly -clp:NoSummary >&2
}

engine_dll="engine/LowLatency.Engine.Host/bin/$configuration/net10.0/LowLatency.Engine.Host.dll"
bridge_dll="bridge/LowLatency.Bridge/bin/$configuration/net10.0/LowLatency.Bridge.dll"
bridge_url="${LL_BRIDGE_URL:-http://127.0.0.1:5000}"
export Bridge__Url="$bridge_url" Bridge__EnginePort="${LL_ENGINE_PORT:-5010}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}" # loopback defaults; Staging/Production need Bridge__ApiKeys__0

case "$command" in
  start)
    build LowLatency.sln
    mkdir -p "${LL_LOG_DIR:-logs}"
    dotnet "$engine_dll" engine "$@" > "${LL_LOG_DIR:-logs}/engine.out" 2>&1 &
    engine_pid=$!
    dotnet "$bridge_dll" > "${LL_LOG_DIR:-logs}/bridge.out" 2>&1 &
    bridge_pid=$!
    stop_all() {
      kill -TERM "$bridge_pid" "$engine_pid" 2>/dev/null || true
      wait "$bridge_pid" "$engine_pid" 2>/dev/null || true
    }
    trap 'stop_all; exit 0' INT TERM
    # Healthy = the bridge answers and reports the engine connected.
    for _ in $(seq 1 120); do
      if ! kill -0 "$engine_pid" 2>/dev/null; then echo "run.sh: the engine exited; see ${LL_LOG_DIR:-logs}/engine.out" >&2; tail -5 "${LL_LOG_DIR:-logs}/engine.out" >&2; stop_all; exit 1; fi
      if ! kill -0 "$bridge_pid" 2>/dev/null; then echo "run.sh: the bridge exited; see ${LL_LOG_DIR:-logs}/bridge.out" >&2; tail -5 "${LL_LOG_DIR:-logs}/bridge.out" >&2; stop_all; exit 1; fi
      if curl -fsS "$bridge_url/api/health" 2>/dev/null | grep -q '"engine_connected":true'; then
        echo "LowLatency is up: engine (simulated feed, paper exchange) + bridge."
        echo "  REST      $bridge_url/api  (e.g. $bridge_url/api/health, $bridge_url/api/trading/status)"
        echo "  logs      ${LL_LOG_DIR:-logs}/engine.out, ${LL_LOG_DIR:-logs}/bridge.out; state in ${LL_DATA_DIR:-data}/"
        echo "Ctrl-C stops both."
        wait "$engine_pid" "$bridge_pid"
        stop_all
        exit 0
      fi
      sleep 0.5
    done
    echo "run.sh: not healthy after 60 s; see ${LL_LOG_DIR:-logs}/" >&2
    stop_all
    exit 1
    ;;
  bridge)
    build bridge/LowLatency.Bridge/LowLatency.Bridge.csproj
    echo "LowLatency bridge on $bridge_url, engine link 127.0.0.1:${LL_ENGINE_PORT:-5010}. Ctrl-C stops it."
    exec dotnet "$bridge_dll" "$@"
    ;;
  engine)
    build engine/LowLatency.Engine.Host/LowLatency.Engine.Host.csproj
    echo "LowLatency engine host: headless, status lines below; logs in ${LL_LOG_DIR:-logs}/engine.log, state in ${LL_DATA_DIR:-data}/. Ctrl-C drains and stops."
    exec dotnet "engine/LowLatency.Engine.Host/bin/$configuration/net10.0/LowLatency.Engine.Host.dll" engine "$@"
    ;;
  chaos)
    build tests/LowLatency.Chaos/LowLatency.Chaos.csproj
    exec dotnet "tests/LowLatency.Chaos/bin/$configuration/net10.0/LowLatency.Chaos.dll" "$@"
    ;;
  cluster)
    # Beyond one machine, on this one: NATS JetStream, PostgreSQL, two shards, two bridges and a worker (README,
    # "The event stream"). Nothing is installed here: a missing server is named with its Debian package.
    missing=""
    command -v nats-server >/dev/null 2>&1 || [ -x /usr/sbin/nats-server ] || missing="$missing nats-server"
    [ -x /usr/lib/postgresql/15/bin/postgres ] || missing="$missing postgresql-15"
    if [ -n "$missing" ]; then
      echo "run.sh cluster: missing$missing; Debian/Ubuntu: sudo apt-get install$missing" >&2
      exit 1
    fi
    nats_bin="$(command -v nats-server || echo /usr/sbin/nats-server)"
    pg_bin=/usr/lib/postgresql/15/bin
    build LowLatency.sln
    root="${LL_DATA_DIR:-data}/cluster"
    logs="${LL_LOG_DIR:-logs}/cluster"
    mkdir -p "$root/nats" "$root/pg" "$root/s1" "$root/s2" "$root/bridge-a" "$root/bridge-b" "$logs"
    as_pg() { if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$root/pg"; runuser -u postgres -- "$@"; else "$@"; fi; }
    if [ ! -f "$root/pg/data/PG_VERSION" ]; then
      as_pg "$pg_bin/initdb" -D "$root/pg/data" -U ll --auth=trust -E UTF8 > "$logs/initdb.out" 2>&1
    fi
    pids=()
    stop_all() {
      for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
      # runuser does not pass the signal on: the postmaster is told by its own pid file
      [ -f "$root/pg/data/postmaster.pid" ] && kill -TERM "$(head -n 1 "$root/pg/data/postmaster.pid")" 2>/dev/null || true
      wait 2>/dev/null || true
    }
    trap 'stop_all; exit 0' INT TERM
    "$nats_bin" -js -a 127.0.0.1 -p 4222 -sd "$root/nats" > "$logs/nats.out" 2>&1 & pids+=($!)
    as_pg "$pg_bin/postgres" -D "$root/pg/data" -p 5433 -c listen_addresses=127.0.0.1 -k "$(cd "$root/pg" && pwd)" > "$logs/postgres.out" 2>&1 & pids+=($!)
    for s in s1 s2; do
      dotnet "$engine_dll" engine --config "config/cluster/shard-$s.json" --data-dir "$root/$s" > "$logs/$s.out" 2>&1 & pids+=($!)
    done
    cluster_env=(Bridge__Cluster__Nats=nats://127.0.0.1:4222 "Bridge__Cluster__Database=Host=127.0.0.1;Port=5433;Username=ll;Database=postgres" Bridge__Cluster__RiskShare=0.5
      Bridge__Cluster__Shards__s1__0=BTC-USD Bridge__Cluster__Shards__s1__1=ETH-USD Bridge__Cluster__Shards__s1__2=BNBUSDT
      Bridge__Cluster__Shards__s2__0=EURUSD Bridge__Cluster__Shards__s2__1=GBPUSD Bridge__Cluster__Shards__s2__2=USDJPY Bridge__Cluster__Shards__s2__3=XAUUSD Bridge__Cluster__Shards__s2__4=US500
      Bridge__Cluster__ServeFrontend=true Bridge__Work__Nats=nats://127.0.0.1:4222)
    env "${cluster_env[@]}" Bridge__Url=http://127.0.0.1:5000 Bridge__EnginePort=5010 Bridge__EngineConfig=config/cluster/shard-s1.json Bridge__DataDirectory="$root/bridge-a" \
      Bridge__EngineSecretFile="$root/s1/link.secret" Bridge__Cluster__Name=bridge-a Bridge__Cluster__Coordinator=true dotnet "$bridge_dll" > "$logs/bridge-a.out" 2>&1 & pids+=($!)
    env "${cluster_env[@]}" Bridge__Url=http://127.0.0.1:5001 Bridge__EnginePort=5011 Bridge__EngineConfig=config/cluster/shard-s2.json Bridge__DataDirectory="$root/bridge-b" \
      Bridge__EngineSecretFile="$root/s2/link.secret" Bridge__Cluster__Name=bridge-b Bridge__Cluster__Coordinator=true dotnet "$bridge_dll" > "$logs/bridge-b.out" 2>&1 & pids+=($!)
    dotnet "$engine_dll" worker --nats nats://127.0.0.1:4222 --concurrency 1 --name worker-1 > "$logs/worker.out" 2>&1 & pids+=($!)
    for _ in $(seq 1 120); do
      for pid in "${pids[@]}"; do
        if ! kill -0 "$pid" 2>/dev/null; then echo "run.sh cluster: a process exited; see $logs/" >&2; tail -n 3 "$logs"/*.out >&2; stop_all; exit 1; fi
      done
      if curl -fsS http://127.0.0.1:5000/api/cluster/shards 2>/dev/null | grep -q '"mirroredThrough"' && curl -fsS http://127.0.0.1:5001/api/cluster/shards 2>/dev/null | grep -q '"mirroredThrough"'; then
        echo "LowLatency cluster is up: nats-server (JetStream, :4222), PostgreSQL (:5433), shards s1 and s2, two bridges, one worker."
        echo "  bridge a  http://127.0.0.1:5000  (linked to s1)   bridge b  http://127.0.0.1:5001  (linked to s2)"
        echo "  both      /api/orders (every shard's, ids SHARD:ID), /api/cluster/shards, /api/cluster/positions, /api/cluster/orders, /api/cluster/fills"
        echo "  logs      $logs/; state in $root/"
        echo "Ctrl-C stops all of it."
        wait -n "${pids[@]}" || true
        echo "run.sh cluster: a process exited; stopping the rest (see $logs/)" >&2
        stop_all
        exit 1
      fi
      sleep 0.5
    done
    echo "run.sh cluster: not up after 60 s; see $logs/" >&2
    stop_all
    exit 1
    ;;
  state | backtest | indicators | astro | import | backfill | worker)
    build engine/LowLatency.Engine.Host/LowLatency.Engine.Host.csproj
    exec dotnet "engine/LowLatency.Engine.Host/bin/$configuration/net10.0/LowLatency.Engine.Host.dll" "$command" "$@"
    ;;
  test)
    if ! command -v npm >/dev/null 2>&1; then
      echo "run.sh: Node.js and npm are missing; the Socket.IO tests (real npm socket.io-client) will fail. Debian/Ubuntu: sudo apt-get install nodejs npm" >&2
    fi
    if [ ! -f /usr/include/quickfix/Session.h ] || [ ! -d /usr/share/doc/libquickfix-doc/examples ]; then
      echo "run.sh: QuickFIX is missing; the FIX tests (against QuickFIX's acceptors) will fail. Debian/Ubuntu: sudo apt-get install libquickfix-dev libquickfix-doc g++" >&2
    fi
    if ! command -v nats-server >/dev/null 2>&1 && [ ! -x /usr/sbin/nats-server ]; then
      echo "run.sh: nats-server is missing; the cluster tests (a real JetStream) will fail. Debian/Ubuntu: sudo apt-get install nats-server" >&2
    fi
    if [ ! -x /usr/lib/postgresql/15/bin/postgres ]; then
      echo "run.sh: PostgreSQL 15 is missing; the read-side tests (a real PostgreSQL) will fail. Debian/Ubuntu: sudo apt-get install postgresql-15" >&2
    fi
    rm -rf TestResults
    dotnet test LowLatency.sln -c "$configuration" -nologo --logger trx --results-directory TestResults "$@"
    ;;
  bench)
    if [ "${1:-}" = "--bridge" ]; then
      shift
      build benchmarks/LowLatency.Bridge.Benchmarks/LowLatency.Bridge.Benchmarks.csproj
      exec dotnet "benchmarks/LowLatency.Bridge.Benchmarks/bin/$configuration/net10.0/LowLatency.Bridge.Benchmarks.dll" "$@"
    fi
    build benchmarks/LowLatency.Benchmarks/LowLatency.Benchmarks.csproj
    # The working directory holds BenchmarkDotNet's artifacts (git-ignored).
    exec dotnet "benchmarks/LowLatency.Benchmarks/bin/$configuration/net10.0/LowLatency.Benchmarks.dll" "$@"
    ;;
  help | -h | --help)
    sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
    ;;
  *)
    echo "run.sh: unknown command '$command'" >&2
    sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
