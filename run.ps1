# LowLatency: the same commands as run.sh, for Windows PowerShell / pwsh. See README.md.
#   ./run.ps1                 build and start the system on its embedded defaults (Ctrl-C stops it)
#   ./run.ps1 engine [--config config/engine.json] [--duration 30s] [--data-dir DIR]
#   ./run.ps1 state [--journal PATH] [--data-dir DIR]
#   ./run.ps1 backtest --strategy NAME --symbol SYM --from DATE --to DATE [--data file.csv]
#   ./run.ps1 test            restore, build and run every test (TRX results under TestResults/)
#   ./run.ps1 bench [--quick] [--rounds N] [BenchmarkDotNet args]
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

switch ($command) {
    { $_ -in 'start', 'engine' } {
        Build-Project 'engine/LowLatency.Engine.Host/LowLatency.Engine.Host.csproj'
        Write-Host 'LowLatency engine host: headless, status lines below; logs in logs/engine.log. Ctrl-C drains and stops.'
        dotnet "engine/LowLatency.Engine.Host/bin/$configuration/net10.0/LowLatency.Engine.Host.dll" engine @rest
        exit $LASTEXITCODE
    }
    { $_ -in 'state', 'backtest' } {
        Build-Project 'engine/LowLatency.Engine.Host/LowLatency.Engine.Host.csproj'
        dotnet "engine/LowLatency.Engine.Host/bin/$configuration/net10.0/LowLatency.Engine.Host.dll" $command @rest
        exit $LASTEXITCODE
    }
    'test' {
        if (Test-Path TestResults) { Remove-Item -Recurse -Force TestResults }
        dotnet test LowLatency.sln -c $configuration -nologo --logger trx --results-directory TestResults @rest
        exit $LASTEXITCODE
    }
    'bench' {
        Build-Project 'benchmarks/LowLatency.Benchmarks/LowLatency.Benchmarks.csproj'
        dotnet "benchmarks/LowLatency.Benchmarks/bin/$configuration/net10.0/LowLatency.Benchmarks.dll" @rest
        exit $LASTEXITCODE
    }
    default {
        Write-Error "run.ps1: unknown command '$command' (start, engine, state, backtest, test, bench)"
        exit 2
    }
}
