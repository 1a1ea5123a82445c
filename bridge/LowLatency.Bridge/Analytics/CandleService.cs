using LowLatency.Bridge.Configuration;
using LowLatency.Bridge.Storage;
using LowLatency.Engine.MarketData;
using Microsoft.Extensions.Options;

namespace LowLatency.Bridge.Analytics;

/// <summary>
/// Candles for a range: the stored bars (built by the bridge from the engine's quotes, or imported), and where
/// the range has none (or the stored ones begin later than asked), seeded synthetic bars (the same simulator as
/// the engine's feed, labelled <c>synthetic</c>) that are stored so the same request returns the same candles.
/// </summary>
public sealed class CandleService(HistoryQueries history, BridgeStore store, InstrumentRegistry registry, IOptions<BridgeOptions> options)
{
    /// <summary>The bars, or an error text (range too long for the timeframe, empty range).</summary>
    public async Task<(IReadOnlyList<(OhlcvBar Bar, string Source)> Bars, string? Error)> GetAsync(Instrument instrument, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var fromMs = timeframe.BucketStart(from.ToUnixTimeMilliseconds());
        var toMs = to.ToUnixTimeMilliseconds();
        if (toMs <= fromMs)
        {
            return ([], "endDate must be after startDate");
        }

        var first = timeframe.NextBucketStart(fromMs) - fromMs;
        var estimate = (toMs - fromMs) / Math.Max(1, first);
        if (estimate > options.Value.MaxBarsPerRequest)
        {
            return ([], $"about {estimate} {timeframe.Name()} bars: more than {options.Value.MaxBarsPerRequest} per request; narrow the dates or use a longer timeframe");
        }

        await store.FlushAsync().ConfigureAwait(false);
        var stored = history.Bars(instrument.Symbol, timeframe, fromMs, toMs);
        if (stored.Count > 0 && stored[0].Bar.OpenTimeMs - fromMs < first)
        {
            return (stored, null);
        }

        // Nothing stored, or the stored bars start later than asked: synthesise the missing start. It ends where
        // the stored bars begin, scaled so its last close is their first open (no jump for an indicator to see).
        var endMs = stored.Count > 0 ? stored[0].Bar.OpenTimeMs : toMs;
        var synthetic = Synthesise(instrument, timeframe, fromMs, endMs, first);
        if (stored.Count > 0)
        {
            synthetic.RemoveAll(b => b.OpenTimeMs >= endMs);
            if (synthetic.Count > 0 && synthetic[^1].Close > 0)
            {
                Scale(synthetic, stored[0].Bar.Open / synthetic[^1].Close);
            }
        }

        foreach (var bar in synthetic)
        {
            var b = bar;
            store.Write(c => BarWriter.Upsert(c, instrument.Symbol, timeframe, b, "synthetic"));
        }

        return ([.. synthetic.Select(b => (b, "synthetic")), .. stored], null);
    }

    private static void Scale(List<OhlcvBar> bars, double factor)
    {
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            (b.Open, b.High, b.Low, b.Close) = (b.Open * factor, b.High * factor, b.Low * factor, b.Close * factor);
            bars[i] = b;
        }
    }

    private List<OhlcvBar> Synthesise(Instrument instrument, Timeframe timeframe, long fromMs, long toMs, long barMs)
    {
        // About 24 ticks a bar (at least one a second): enough for a realistic high/low, cheap for 5,000 bars.
        var interval = Math.Max(1000, barMs / 24);
        var seed = options.Value.SyntheticSeed ^ (instrument.Id * 7919) ^ (int)timeframe;
        using var source = new SimulatedTickSource(registry, [instrument.Id], fromMs, toMs, interval, new SimulatorOptions { Seed = (ulong)seed });
        var aggregator = new BarAggregator(registry.Count, [timeframe]);
        var sink = new CollectingSink();
        var tick = default(Tick);
        while (source.TryNext(ref tick))
        {
            var price = tick.LastTicks > 0 ? tick.LastTicks : (tick.BidTicks + tick.AskTicks) / 2;
            aggregator.OnTrade(tick.InstrumentId, tick.TimestampMs, (double)(price * instrument.TickSize), (double)(tick.SizeLots * instrument.LotSize), sink);
        }

        if (aggregator.TryGetOpenBar(instrument.Id, timeframe, out var last))
        {
            sink.Bars.Add(last);
        }

        return sink.Bars;
    }

    private sealed class CollectingSink : IBarSink
    {
        public List<OhlcvBar> Bars { get; } = [];

        public void OnBarClosed(int instrumentId, Timeframe timeframe, in OhlcvBar bar) => Bars.Add(bar);
    }
}
