using LowLatency.Analytics;
using LowLatency.Bridge.Configuration;
using LowLatency.Bridge.Engine;
using LowLatency.Bridge.Storage;
using LowLatency.Engine.MarketData;
using LowLatency.History;
using Microsoft.Extensions.Options;

namespace LowLatency.Bridge.Analytics;

/// <summary>
/// Candles for a range, from the history store and never fabricated behind the user's back. An instrument with
/// real history (imported, or built from a feed) or a live feed gets the stored real bars inside the range and
/// nothing else, with what was there stated (<see cref="CandleSet"/>). Made-up bars appear only where asked for
/// (<c>synthetic</c>) or where the instrument has no history and no live feed at all: seeded synthetic bars
/// (kept in their own table so the same request returns the same bars), with the simulator's own bars in the
/// slots it priced; every one labelled.
/// </summary>
public sealed class CandleService(BarWriteQueue history, InstrumentRegistry registry, PriceSourceMap sources, IOptions<BridgeOptions> options)
{
    /// <summary>The candles, or an error text (range too long for the timeframe, empty range).</summary>
    public async Task<(CandleSet Bars, string? Error)> GetAsync(Instrument instrument, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to, bool synthetic = false)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var fromMs = timeframe.BucketStart(from.ToUnixTimeMilliseconds());
        var toMs = to.ToUnixTimeMilliseconds();
        var none = new CandleSet([], fromMs, toMs, null);
        if (toMs <= fromMs)
        {
            return (none, "endDate must be after startDate");
        }

        var first = timeframe.NextBucketStart(fromMs) - fromMs;
        var estimate = (toMs - fromMs) / Math.Max(1, first);
        if (estimate > options.Value.MaxBarsPerRequest)
        {
            return (none, $"about {estimate} {timeframe.Name()} bars: more than {options.Value.MaxBarsPerRequest} per request; narrow the dates or use a longer timeframe");
        }

        try
        {
            await history.FlushAsync().WaitAsync(TimeSpan.FromSeconds(options.Value.HistoryFlushTimeoutSeconds)).ConfigureAwait(false); // the live bars the engine closed before this request
        }
        catch (TimeoutException)
        {
            throw new HistoryUnavailableException($"the history store has not written the bars queued before this request within {options.Value.HistoryFlushTimeoutSeconds:0.#} s ({history.Pending} waiting); is its database reachable?");
        }

        var store = history.Store;
        var coverage = store.RealCoverage(instrument.Symbol, timeframe);
        if (!synthetic && (coverage is not null || sources.HasLiveFeed(instrument.Id)))
        {
            return (new CandleSet(store.Range(instrument.Symbol, timeframe, fromMs, toMs, withSimulated: false), fromMs, toMs, coverage), null);
        }

        var made = SyntheticBars(instrument, timeframe, fromMs, toMs, first);
        if (!synthetic)
        {
            // No history and no live feed: where the simulator priced a slot, its bar is what the live chart showed.
            var simulated = store.Range(instrument.Symbol, timeframe, fromMs, toMs).ToDictionary(b => b.Bar.OpenTimeMs);
            var slots = made.Select(b => b.Bar.OpenTimeMs).ToHashSet();
            made = [.. made.Select(b => simulated.GetValueOrDefault(b.Bar.OpenTimeMs, b)), .. simulated.Values.Where(s => !slots.Contains(s.Bar.OpenTimeMs))];
            made.Sort((a, b) => a.Bar.OpenTimeMs.CompareTo(b.Bar.OpenTimeMs));
        }

        return (new CandleSet(made, fromMs, toMs, coverage), null);
    }

    private List<SourcedBar> SyntheticBars(Instrument instrument, Timeframe timeframe, long fromMs, long toMs, long barMs)
    {
        var kept = history.Store.SyntheticRange(instrument.Symbol, timeframe, fromMs, toMs).ToDictionary(b => b.OpenTimeMs);
        var bars = new List<SourcedBar>();
        foreach (var bar in Synthesise(instrument, timeframe, fromMs, toMs, barMs))
        {
            if (kept.TryGetValue(bar.OpenTimeMs, out var earlier))
            {
                bars.Add(new SourcedBar(earlier, PriceSources.Synthetic));
                continue;
            }

            history.WriteSynthetic(instrument.Symbol, timeframe, bar);
            bars.Add(new SourcedBar(bar, PriceSources.Synthetic));
        }

        return bars;
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
