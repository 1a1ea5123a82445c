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
        var durationText = options.Value("--duration");
        var dataDirectory = TradingStore.ResolveDataDirectory(options.Value("--data-dir"));
        var clearHalt = options.Flag("--clear-halt");
        options.RejectUnknown();
        TimeSpan? duration = null;
        if (durationText is not null)
        {
            duration = DurationParser.TryParse(durationText, out var parsed) ? parsed : throw new CommandLineException($"--duration: '{durationText}' is not a duration such as 30s, 5m or 1h");
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
