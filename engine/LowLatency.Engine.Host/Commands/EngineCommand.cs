using LowLatency.Engine.Host.Configuration;
using LowLatency.Engine.State;

namespace LowLatency.Engine.Host.Commands;

/// <summary>
/// <c>engine [--config F] [--duration 30s] [--data-dir DIR] [--clear-halt]</c>: the headless engine until Ctrl-C,
/// SIGTERM or the duration. <c>--clear-halt</c> lifts a halt or kill switch recovered from the journal (journalled
/// as the operator's ClearHalt command); without it a recovered halt stays.
/// </summary>
public static class EngineCommand
{
    public static int Run(CommandLine options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = LoadConfig(options.Value("--config"));
        var duration = options.Duration("--duration");
        var dataDirectory = TradingStore.ResolveDataDirectory(options.Value("--data-dir"));
        var clearHalt = options.Flag("--clear-halt");
        options.RejectUnknown();
        using var loggerFactory = LoggingSetup.CreateLoggerFactory();
        var logger = loggerFactory.CreateLogger("engine");
        using var stop = new StopSignal(duration);
        var exitCode = new EngineHost(config, dataDirectory, logger, Console.Out, clearHalt).Run(stop.Token);
        NLog.LogManager.Shutdown();
        return exitCode;
    }

    /// <summary>The named file, else <c>config/engine.json</c> when present, else the embedded defaults.</summary>
    public static EngineConfig LoadConfig(string? path) =>
        path is not null ? EngineConfigLoader.Load(path)
        : File.Exists("config/engine.json") ? EngineConfigLoader.Load("config/engine.json")
        : EngineDefaults.Config;
}
