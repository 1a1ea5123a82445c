namespace LowLatency.Engine.State;

/// <summary>The day's statistics in a <see cref="StateSnapshot"/>.</summary>
public sealed record DailySnapshot
{
    public long DayStartMs { get; init; }

    public decimal StartBalance { get; init; }

    public long Trades { get; init; }

    public long Wins { get; init; }

    public long Losses { get; init; }

    public long Fills { get; init; }

    public decimal RealizedPnl { get; init; }

    public decimal Fees { get; init; }

    public decimal HighBalance { get; init; }

    public decimal MaxDrawdown { get; init; }
}
