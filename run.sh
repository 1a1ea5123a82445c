#!/usr/bin/env bash
# LowLatency: one entry point for every command a user runs. See README.md.
#   ./run.sh                 build and start the system on its embedded defaults (Ctrl-C stops it)
#   ./run.sh engine [--config config/engine.json] [--duration 30s] [--data-dir DIR]   the headless engine host
#   ./run.sh state [--journal PATH] [--data-dir DIR]   replay a journal and print the trading state as JSON
#   ./run.sh backtest --strategy NAME --symbol SYM --from DATE --to DATE [--data file.csv] [--out result.json]
#   ./run.sh test            restore, build and run every test (TRX results under TestResults/)
#   ./run.sh bench [--quick] [--pipeline] [--rounds N] [BenchmarkDotNet args]      benchmarks
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

case "$command" in
  start | engine)
    build engine/LowLatency.Engine.Host/LowLatency.Engine.Host.csproj
    echo "LowLatency engine host: headless, status lines below; logs in ${LL_LOG_DIR:-logs}/engine.log, state in ${LL_DATA_DIR:-data}/. Ctrl-C drains and stops."
    exec dotnet "engine/LowLatency.Engine.Host/bin/$configuration/net10.0/LowLatency.Engine.Host.dll" engine "$@"
    ;;
  state | backtest)
    build engine/LowLatency.Engine.Host/LowLatency.Engine.Host.csproj
    exec dotnet "engine/LowLatency.Engine.Host/bin/$configuration/net10.0/LowLatency.Engine.Host.dll" "$command" "$@"
    ;;
  test)
    rm -rf TestResults
    dotnet test LowLatency.sln -c "$configuration" -nologo --logger trx --results-directory TestResults "$@"
    ;;
  bench)
    build benchmarks/LowLatency.Benchmarks/LowLatency.Benchmarks.csproj
    # The working directory holds BenchmarkDotNet's artifacts (git-ignored).
    exec dotnet "benchmarks/LowLatency.Benchmarks/bin/$configuration/net10.0/LowLatency.Benchmarks.dll" "$@"
    ;;
  help | -h | --help)
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
    ;;
  *)
    echo "run.sh: unknown command '$command'" >&2
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
