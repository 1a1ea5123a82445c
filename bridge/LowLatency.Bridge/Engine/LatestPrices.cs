using LowLatency.Engine.MarketData;

namespace LowLatency.Bridge.Engine;

/// <summary>Each instrument's latest quote and its day so far (open, high, low, volume, source), from the engine's quotes. Called under <see cref="ReadModel"/>'s lock.</summary>
internal sealed class LatestPrices(InstrumentRegistry registry, PriceSourceMap sources)
{
    private readonly Tick[] _quotes = new Tick[registry.Count];
    private readonly PriceSummary[] _prices = new PriceSummary[registry.Count];

    /// <summary>The latest quote (default when none yet).</summary>
    public Tick Quote(int instrumentId) => _quotes[instrumentId];

    /// <summary>The latest price and the day so far; null before the first quote.</summary>
    public PriceSummary? Price(int instrumentId) => _prices[instrumentId].TimestampMs == 0 ? null : _prices[instrumentId];

    /// <summary>Takes a quote (its instrument known); the price summary it makes.</summary>
    public PriceSummary OnQuote(in Tick tick)
    {
        _quotes[tick.InstrumentId] = tick;
        return _prices[tick.InstrumentId] = Summarise(_prices[tick.InstrumentId], registry[tick.InstrumentId], tick);
    }

    private PriceSummary Summarise(PriceSummary day, Instrument instrument, in Tick tick)
    {
        var bid = tick.BidTicks * instrument.TickSize;
        var ask = tick.AskTicks * instrument.TickSize;
        var price = tick.LastTicks > 0 ? tick.LastTicks * instrument.TickSize : (bid + ask) / 2;
        var size = tick.SizeLots * instrument.LotSize;
        var source = sources.Of(instrument.Id) ?? "unknown";
        var newDay = day.TimestampMs == 0 || Timeframe.D1.BucketStart(tick.TimestampMs) != Timeframe.D1.BucketStart(day.TimestampMs);
        return newDay
            ? new PriceSummary(bid, ask, price, price, price, price, size, tick.TimestampMs, source)
            : new PriceSummary(bid, ask, price, day.Open, Math.Max(day.High, price), Math.Min(day.Low, price), day.Volume + size, tick.TimestampMs, source);
    }
}
