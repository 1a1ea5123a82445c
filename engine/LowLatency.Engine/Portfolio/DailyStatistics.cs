namespace LowLatency.Engine.Portfolio;

/// <summary>
/// One UTC day of trading: closing fills (trades), wins, losses, realised P&amp;L net of fees, and the deepest
/// fall of the balance below the day's high (closed-trade drawdown, replayable from fills alone).
/// </summary>
public sealed class DailyStatistics
{
    public long DayStartMs { get; internal set; }

    public decimal StartBalance { get; internal set; }

    public long Trades { get; internal set; }

    public long Wins { get; internal set; }

    public long Losses { get; internal set; }

    public long Fills { get; internal set; }

    /// <summary>Net of fees, account currency.</summary>
    public decimal RealizedPnl { get; internal set; }

    public decimal Fees { get; internal set; }

    public decimal HighBalance { get; internal set; }

    /// <summary>Largest fall from the day's high balance, account currency (≥ 0).</summary>
    public decimal MaxDrawdown { get; internal set; }

    internal void Start(long dayStartMs, decimal balance)
    {
        DayStartMs = dayStartMs;
        StartBalance = HighBalance = balance;
        Trades = Wins = Losses = Fills = 0;
        RealizedPnl = Fees = MaxDrawdown = 0;
    }
}
