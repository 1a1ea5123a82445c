using LowLatency.Engine.Configuration;
using LowLatency.Engine.Host;
using LowLatency.Engine.Host.Commands;

// LowLatency.Engine.Host [engine] [--config PATH] [--duration 30s] [--data-dir DIR] [--clear-halt]
//                       state [--journal PATH] [--data-dir DIR] [--config PATH]
//                       backtest --strategy NAME --symbol SYM --from DATE --to DATE [--data FILE.csv] [--out FILE.json]
//                       indicators --input FILE.csv --output OUT.csv [--hl2]
//                       import --input FILE [--input FILE ...] --symbol SYM --timeframe TF [--format auto|binance|ohlcv] [--data-dir DIR]
//                       backfill --symbol SYM --from DATE [--to DATE] [--binance-symbol SYM] [--market spot|futures] [--network production|testnet] [--data-dir DIR]
//                       astro (--dates FILE | --from DATE --to DATE [--step 1d]) --output OUT.csv
//                       worker [--nats URL] [--concurrency N] [--name NAME] [--config PATH] [--duration 30s]
var verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "engine";
var options = new CommandLine(verb == "engine" && (args.Length == 0 || args[0].StartsWith('-')) ? args : args[1..]);
try
{
    return verb switch
    {
        "engine" => EngineCommand.Run(options),
        "state" => StateCommand.Run(options, Console.Out),
        "backtest" => BacktestCommand.Run(options, Console.Out, Console.Error),
        "indicators" => IndicatorsCommand.Run(options, Console.Error),
        "astro" => AstroCommand.Run(options, Console.Error),
        "import" => ImportCommand.Run(options, Console.Out, Console.Error),
        "backfill" => BackfillCommand.Run(options, Console.Out, Console.Error),
        "worker" => WorkerCommand.Run(options, Console.Out),
        _ => Usage($"unknown command '{verb}'"),
    };
}
catch (ConfigException e)
{
    Console.Error.WriteLine($"configuration error: {e.Message}");
    return 2;
}
catch (InputFileException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
catch (CommandLineException e)
{
    return Usage(e.Message);
}
catch (LowLatency.Engine.Journal.JournalCorruptException e)
{
    Console.Error.WriteLine($"refusing to start: {e.Message}");
    return 3;
}

static int Usage(string problem)
{
    Console.Error.WriteLine($"error: {problem}");
    Console.Error.WriteLine("usage: engine [--config config/engine.json] [--duration 30s] [--data-dir DIR] [--clear-halt]");
    Console.Error.WriteLine("       state [--journal PATH] [--data-dir DIR] [--config config/engine.json]");
    Console.Error.WriteLine("       backtest --strategy NAME --symbol SYM --from YYYY-MM-DD --to YYYY-MM-DD [--data FILE.csv] [--out FILE.json] [--config config/engine.json]");
    Console.Error.WriteLine("       indicators --input FILE.csv --output OUT.csv [--hl2]");
    Console.Error.WriteLine("       import --input FILE [--input FILE ...] --symbol SYM --timeframe TF [--format auto|binance|ohlcv] [--data-dir DIR] [--database POSTGRES] [--instruments FILE]");
    Console.Error.WriteLine("       backfill --symbol SYM --from YYYY-MM-DD [--to YYYY-MM-DD] [--binance-symbol BTCUSDT] [--market spot|futures] [--network production|testnet] [--data-dir DIR] [--database POSTGRES] [--instruments FILE]");
    Console.Error.WriteLine("       astro (--dates FILE | --from DATE --to DATE [--step 1d]) --output OUT.csv");
    Console.Error.WriteLine("       worker [--nats nats://127.0.0.1:4222] [--concurrency N] [--name NAME] [--config config/engine.json] [--duration 30s]");
    return 2;
}
