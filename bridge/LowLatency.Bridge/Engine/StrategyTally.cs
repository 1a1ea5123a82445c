namespace LowLatency.Bridge.Engine;

/// <summary>
/// Each engine strategy's realised P&amp;L (net of fees: the balance change its fills made) and fill count for the
/// current UTC day, by the strategy index the fills carry. Fed by the read model under its lock.
/// </summary>
public sealed class StrategyTally
{
    private readonly Dictionary<int, (long Day, decimal Pnl, int Fills)> _today = [];

    public void OnFill(int strategyIndex, long timeMs, decimal balanceChange)
    {
        if (strategyIndex < 0)
        {
            return;
        }

        var day = timeMs / 86_400_000;
        var (d, pnl, fills) = _today.GetValueOrDefault(strategyIndex);
        _today[strategyIndex] = d == day ? (day, pnl + balanceChange, fills + 1) : (day, balanceChange, 1);
    }

    /// <summary>Today's realised P&amp;L and fills of a strategy (zeros when it has none today).</summary>
    public (decimal Pnl, int Fills) Today(int strategyIndex, long nowMs)
    {
        var (day, pnl, fills) = _today.GetValueOrDefault(strategyIndex);
        return day == nowMs / 86_400_000 ? (pnl, fills) : (0, 0);
    }
}
