using System.Text.Json;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Pipeline;
using LowLatency.Engine.State;

namespace LowLatency.Engine.Host.Commands;

/// <summary>
/// <c>state [--journal PATH] [--data-dir DIR]</c>: rebuilds the state into a fresh core, reading only (a bad tail
/// is reported on stderr, not cut), and prints it as JSON: from the data directory, its newest snapshot and the
/// journal after it (so segments retired since still count); with <c>--journal</c> (a directory of segments or one
/// segment file), the journal alone from its first record.
/// </summary>
public static class StateCommand
{
    public static int Run(CommandLine options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var config = EngineCommand.LoadConfig(options.Value("--config"));
        var journalOption = options.Value("--journal");
        var store = new TradingStore(TradingStore.ResolveDataDirectory(options.Value("--data-dir")));
        var journal = journalOption ?? store.JournalDirectory;
        options.RejectUnknown();
        if (!File.Exists(journal) && !Directory.Exists(journal))
        {
            throw new CommandLineException($"--journal: {journal} does not exist");
        }

        var registry = InstrumentRegistry.Load(config.Instruments);
        var (risk, account) = ShardScope.Budget(config, ShardScope.Map(config, registry), registry); // a shard's journal starts from its share of the capital
        var pipeline = new TradingPipeline(registry, [], account, risk, config.Exchange, measureLatency: false);
        var report = journalOption is null ? store.Read(pipeline.Core) : TradingStore.Replay(journal, pipeline.Core);
        if (report.Problem is not null)
        {
            Console.Error.WriteLine($"warning: {journal}: {report.Problem}; {report.BytesTruncated} bytes after the last good record were ignored");
        }

        output.WriteLine(JsonSerializer.Serialize(pipeline.Core.Capture(), TradingCore.SnapshotJson));
        return 0;
    }
}
