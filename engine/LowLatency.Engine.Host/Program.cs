using LowLatency.Engine.Configuration;
using LowLatency.Engine.Host;
using LowLatency.Engine.Host.Configuration;
using NLog.Extensions.Logging;

// Headless engine host: `LowLatency.Engine.Host [--config PATH] [--duration 30s]`.
var configPath = ArgValue(args, "--config");
var durationText = ArgValue(args, "--duration");
TimeSpan? duration = null;
if (durationText is not null)
{
    if (!DurationParser.TryParse(durationText, out var parsed))
    {
        Console.Error.WriteLine($"--duration: '{durationText}' is not a duration such as 30s, 5m or 1h");
        return 2;
    }

    duration = parsed;
}

EngineConfig config;
try
{
    // The embedded defaults apply when no file is named and config/engine.json is absent.
    config = configPath is not null ? EngineConfigLoader.Load(configPath)
        : File.Exists("config/engine.json") ? EngineConfigLoader.Load("config/engine.json")
        : EngineDefaults.Config;
}
catch (ConfigException e)
{
    Console.Error.WriteLine($"configuration error: {e.Message}");
    return 2;
}

using var loggerFactory = LoggingSetup.CreateLoggerFactory();
var logger = loggerFactory.CreateLogger("engine");
using var stop = duration is { } d ? new CancellationTokenSource(d) : new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // drain and exit cleanly instead of dying mid-batch
    stop.Cancel();
};
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM,
    context =>
    {
        context.Cancel = true;
        stop.Cancel();
    });

var exitCode = new EngineHost(config, logger, Console.Out).Run(stop.Token);
NLog.LogManager.Shutdown();
return exitCode;

static string? ArgValue(string[] args, string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
