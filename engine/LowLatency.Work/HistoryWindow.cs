using LowLatency.Analytics;
using LowLatency.Engine.Backtest;
using LowLatency.Engine.MarketData;

namespace LowLatency.Work;

/// <summary>The stored bars a task's window covers, carried with the task: a worker needs no access to the bridge's history store.</summary>
public sealed record HistoryWindow(Timeframe Timeframe, string Source, OhlcvBar[] Bars)
{
    public static HistoryWindow? Of(HistoryBars? history, DateTimeOffset from, DateTimeOffset to) =>
        history is null ? null : new HistoryWindow(history.Timeframe, history.Source, [.. history.Between(from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds())]);

    public HistoryBars ToHistoryBars() => new(Timeframe, Bars, Source);
}
