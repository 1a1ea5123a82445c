using System.Text.Json;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Pipeline;
using LowLatency.Engine.State;

namespace LowLatency.Engine.Host.Commands;

/// <summary>
/// <c>state [--journal PATH] [--data-dir DIR]</c>: replays a journal into a fresh core (reading only; a bad
/// tail is reported on stderr, not cut) and prints the resulting state as JSON.
/// </summary>
public static class StateCommand
{
    public static int Run(CommandLine options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var config = EngineCommand.LoadConfig(options.Value("--config"));
        var journal = options.Value("--journal") ?? new TradingStore(TradingStore.ResolveDataDirectory(options.Value("--data-dir"))).JournalPath;
        options.RejectUnknown();
        if (!File.Exists(journal))
        {
            throw new CommandLineException($"--journal: {journal} does not exist");
        }

        var registry = InstrumentRegistry.Load(config.Instruments);
        var pipeline = new TradingPipeline(registry, [], config.Account, config.Risk, config.Exchange, measureLatency: false);
        var report = TradingStore.Replay(journal, pipeline.Core);
        if (report.Problem is not null)
        {
            Console.Error.WriteLine($"warning: {journal}: {report.Problem}; {report.BytesTruncated} bytes after the last good record were ignored");
        }

        output.WriteLine(JsonSerializer.Serialize(pipeline.Core.Capture(), TradingCore.SnapshotJson));
        return 0;
    }
}
