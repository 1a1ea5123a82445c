namespace LowLatency.Engine.Backtest;

/// <summary>What a backtest writes: its inputs, the metrics, every fill, and how the run went (timing is not part of determinism).</summary>
public sealed record BacktestResult
{
    public string Strategy { get; init; } = "";

    public string Symbol { get; init; } = "";

    public DateTimeOffset From { get; init; }

    public DateTimeOffset To { get; init; }

    /// <summary>Where the ticks came from; synthetic history says so.</summary>
    public string Data { get; init; } = "";

    public bool SyntheticData { get; init; }

    /// <summary>The prices' source (<see cref="MarketData.PriceSources"/>): <c>synthetic</c>, <c>csv</c>, <c>imported</c>, a feed's.</summary>
    public string DataSource { get; init; } = "";

    /// <summary>The first and last input time (bar open or tick), null for no input.</summary>
    public DateTimeOffset? DataFrom { get; init; }

    public DateTimeOffset? DataTo { get; init; }

    /// <summary>Stored bars the run read (null when its input was not bars from the store).</summary>
    public long? InputBars { get; init; }

    public long Ticks { get; init; }

    public long Bars { get; init; }

    public BacktestMetrics Metrics { get; init; } = new();

    public IReadOnlyList<BacktestTrade> Trades { get; init; } = [];

    /// <summary>The fills paired into closed trades (<see cref="Portfolio.RoundTripLedger"/>), net of fees.</summary>
    public IReadOnlyList<Portfolio.RoundTrip> RoundTrips { get; init; } = [];

    /// <summary>The entry fees the positions still open carry (final equity = initial + Σ trip P&amp;L + open P&amp;L − these).</summary>
    public decimal OpenEntryFees { get; init; }

    /// <summary>Equity at the end of each UTC day.</summary>
    public IReadOnlyList<EquityPoint> EquityCurve { get; init; } = [];

    /// <summary>Positions open at the end, marked at the last mid (final equity = balance + their unrealised P&amp;L).</summary>
    public IReadOnlyList<BacktestOpenPosition> OpenPositions { get; init; } = [];

    /// <summary>The first risk halt (daily loss, drawdown, …) and when it stopped trading; null when none did.</summary>
    public BacktestHalt? Halt { get; init; }

    public double ElapsedSeconds { get; init; }

    public double TicksPerSecond { get; init; }
}
