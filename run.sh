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
#   ./run.sh worker [--nats URL] [--concurrency N]   pull optimiser backtests from the JetStream work queue (Bridge__Work__Nats sends them)
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
    sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
    ;;
  *)
    echo "run.sh: unknown command '$command'" >&2
    sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
