# LowLatency: the same commands as run.sh, for Windows PowerShell / pwsh. See README.md.
#   ./run.ps1                 build and start engine + bridge on the embedded defaults (http://127.0.0.1:5000; Ctrl-C stops both)
#   ./run.ps1 bridge          the bridge alone, against a running engine
#   ./run.ps1 engine [--config config/engine.json] [--duration 30s] [--data-dir DIR]
#   ./run.ps1 state [--journal PATH] [--data-dir DIR]
#   ./run.ps1 backtest --strategy NAME --symbol SYM --from DATE --to DATE [--data file.csv]
#   ./run.ps1 indicators --input FILE.csv --output OUT.csv [--hl2]
#   ./run.ps1 astro (--dates FILE | --from DATE --to DATE [--step 1d]) --output OUT.csv
#   ./run.ps1 backfill --symbol SYM --from DATE [--to DATE] [--market spot|futures] [--network production|testnet]   Binance 1m klines into the history store
#   ./run.ps1 import --input FILE [--input FILE ...] --symbol SYM --timeframe TF [--format auto|binance|ohlcv]
#   ./run.ps1 test            restore, build and run every test (TRX results under TestResults/)
#   ./run.ps1 bench [--quick] [--rounds N] [BenchmarkDotNet args]
#   ./run.ps1 bench --bridge [--quick]
#   ./run.ps1 chaos [--cycles N] [--seed S]
$ErrorActionPreference = 'Stop'
Set-Location -Path $PSScriptRoot
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    Write-Error 'run.ps1: the .NET 10 SDK is required (dotnet was not found on PATH).'
    exit 127
}

$configuration = 'Release'
$command = if ($args.Count -gt 0) { $args[0] } else { 'start' }
$rest = if ($args.Count -gt 1) { $args[1..($args.Count - 1)] } else { @() }
if ($command -like '-*') {
    # ./run.ps1 --duration 30s: options for the default start
    $rest = $args
    $command = 'start'
}

function Build-Project([string] $project) {
    dotnet build $project -c $configuration -nologo -v quiet -clp:ErrorsOnly
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

$engineDll = "engine/LowLatency.Engine.Host/bin/$configuration/net10.0/LowLatency.Engine.Host.dll"
$bridgeDll = "bridge/LowLatency.Bridge/bin/$configuration/net10.0/LowLatency.Bridge.dll"
$bridgeUrl = if ($env:LL_BRIDGE_URL) { $env:LL_BRIDGE_URL } else { 'http://127.0.0.1:5000' }
$env:Bridge__Url = $bridgeUrl
if (-not $env:ASPNETCORE_ENVIRONMENT) { $env:ASPNETCORE_ENVIRONMENT = 'Development' }
$env:Bridge__EnginePort = if ($env:LL_ENGINE_PORT) { $env:LL_ENGINE_PORT } else { '5010' }

switch ($command) {
    'start' {
        Build-Project 'LowLatency.sln'
        New-Item -ItemType Directory -Force -Path logs | Out-Null
        $engine = Start-Process dotnet -ArgumentList (@($engineDll, 'engine') + $rest) -NoNewWindow -PassThru -RedirectStandardOutput logs/engine.out -RedirectStandardError logs/engine.err
        $bridge = Start-Process dotnet -ArgumentList @($bridgeDll) -NoNewWindow -PassThru -RedirectStandardOutput logs/bridge.out -RedirectStandardError logs/bridge.err
        try {
            $healthy = $false
            for ($i = 0; $i -lt 120 -and -not $healthy; $i++) {
                if ($engine.HasExited -or $bridge.HasExited) { Write-Error 'run.ps1: engine or bridge exited; see logs/'; exit 1 }
                try { $healthy = (Invoke-RestMethod "$bridgeUrl/api/health").engine_connected } catch { }
                if (-not $healthy) { Start-Sleep -Milliseconds 500 }
            }
            if (-not $healthy) { Write-Error 'run.ps1: not healthy after 60 s; see logs/'; exit 1 }
            Write-Host "LowLatency is up: engine + bridge. REST $bridgeUrl/api. Ctrl-C stops both."
            Wait-Process -Id $engine.Id, $bridge.Id
        }
        finally {
            foreach ($p in @($bridge, $engine)) { if (-not $p.HasExited) { Stop-Process -Id $p.Id } }
        }
        exit 0
    }
    'bridge' {
        Build-Project 'bridge/LowLatency.Bridge/LowLatency.Bridge.csproj'
        Write-Host "LowLatency bridge on $bridgeUrl. Ctrl-C stops it."
        dotnet $bridgeDll @rest
        exit $LASTEXITCODE
    }
    'engine' {
        Build-Project 'engine/LowLatency.Engine.Host/LowLatency.Engine.Host.csproj'
        Write-Host 'LowLatency engine host: headless, status lines below; logs in logs/engine.log. Ctrl-C drains and stops.'
        dotnet "engine/LowLatency.Engine.Host/bin/$configuration/net10.0/LowLatency.Engine.Host.dll" engine @rest
        exit $LASTEXITCODE
    }
    { $_ -in 'state', 'backtest', 'indicators', 'astro', 'import', 'backfill' } {
        Build-Project 'engine/LowLatency.Engine.Host/LowLatency.Engine.Host.csproj'
        dotnet "engine/LowLatency.Engine.Host/bin/$configuration/net10.0/LowLatency.Engine.Host.dll" $command @rest
        exit $LASTEXITCODE
    }
    'chaos' {
        Build-Project 'tests/LowLatency.Chaos/LowLatency.Chaos.csproj'
        dotnet "tests/LowLatency.Chaos/bin/$configuration/net10.0/LowLatency.Chaos.dll" @rest
        exit $LASTEXITCODE
    }
    'test' {
        if (-not (Get-Command npm -ErrorAction SilentlyContinue)) {
            Write-Warning "Node.js and npm are missing; the Socket.IO tests (real npm socket.io-client) will fail. Install Node.js LTS (it brings npm)."
        }
        if (Test-Path TestResults) { Remove-Item -Recurse -Force TestResults }
        dotnet test LowLatency.sln -c $configuration -nologo --logger trx --results-directory TestResults @rest
        exit $LASTEXITCODE
    }
    'bench' {
        if ($rest.Count -gt 0 -and $rest[0] -eq '--bridge') {
            Build-Project 'benchmarks/LowLatency.Bridge.Benchmarks/LowLatency.Bridge.Benchmarks.csproj'
            $bridgeArgs = if ($rest.Count -gt 1) { $rest[1..($rest.Count - 1)] } else { @() }
            dotnet "benchmarks/LowLatency.Bridge.Benchmarks/bin/$configuration/net10.0/LowLatency.Bridge.Benchmarks.dll" @bridgeArgs
            exit $LASTEXITCODE
        }
        Build-Project 'benchmarks/LowLatency.Benchmarks/LowLatency.Benchmarks.csproj'
        dotnet "benchmarks/LowLatency.Benchmarks/bin/$configuration/net10.0/LowLatency.Benchmarks.dll" @rest
        exit $LASTEXITCODE
    }
    default {
        Write-Error "run.ps1: unknown command '$command' (start, bridge, engine, state, backtest, indicators, astro, import, backfill, chaos, test, bench)"
        exit 2
    }
}
