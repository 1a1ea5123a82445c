using LowLatency.Engine.MarketData;

namespace LowLatency.Engine.Host.Commands;

/// <summary>The <c>--symbol</c> option of the commands: an instrument of <c>instruments.json</c> by symbol or alias, or a refusal that lists them.</summary>
public static class SymbolOption
{
    /// <exception cref="CommandLineException">No instrument of <paramref name="instrumentsFile"/> is called <paramref name="symbol"/>.</exception>
    public static Instrument Resolve(string symbol, string instrumentsFile)
    {
        var registry = InstrumentRegistry.Load(instrumentsFile);
        return registry.TryResolve(symbol, out var instrument)
            ? instrument
            : throw new CommandLineException($"--symbol: unknown symbol '{symbol}' (instruments in {instrumentsFile}: {string.Join(", ", registry.All.Select(i => i.Symbol))})");
    }
}
