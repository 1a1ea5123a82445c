namespace LowLatency.Engine.MarketData;

/// <summary>
/// How a bar is replayed as trades, one rule for every bar source (a CSV of bars, the history store): four
/// trades, the open, then the nearer extreme, the other extreme, the close, spread over the bar's duration,
/// each carrying a quarter of its volume (at least one lot).
/// </summary>
public static class BarTicks
{
    /// <summary>Writes the bar's four trades (prices in ticks) into <paramref name="ticks"/>; returns 4.</summary>
    public static int Expand(Instrument instrument, long openTimeMs, long durationMs, long open, long high, long low, long close, double volume, Span<Tick> ticks)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var lots = Math.Max(1, (long)(volume / 4 / (double)instrument.LotSize));
        var step = Math.Max(1, durationMs / 4);
        var upFirst = high - open < open - low; // the nearer extreme comes first
        ticks[0] = Trade(instrument.Id, openTimeMs, open, lots);
        ticks[1] = Trade(instrument.Id, openTimeMs + step, upFirst ? high : low, lots);
        ticks[2] = Trade(instrument.Id, openTimeMs + (2 * step), upFirst ? low : high, lots);
        ticks[3] = Trade(instrument.Id, openTimeMs + (3 * step), close, lots);
        return 4;
    }

    private static Tick Trade(int instrumentId, long time, long price, long lots) =>
        new() { InstrumentId = instrumentId, TimestampMs = time, BidTicks = price, AskTicks = price, LastTicks = price, SizeLots = lots };
}
