using LowLatency.Binance;

namespace LowLatency.Bridge.Storage;

/// <summary>A klines backfill run through the API: what it fetches, its progress (0–1), what it wrote, and how it ended.</summary>
public sealed class BackfillJob(string id, string symbol, string exchangeSymbol, BinanceMarket market, bool testnet, long fromMs, long toMs) : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();

    public string Id { get; } = id;

    /// <summary>Our instrument, the store's symbol.</summary>
    public string Symbol { get; } = symbol;

    /// <summary>Binance's symbol (<c>BTCUSDT</c>).</summary>
    public string ExchangeSymbol { get; } = exchangeSymbol;

    public BinanceMarket Market { get; } = market;

    public bool Testnet { get; } = testnet;

    public long FromMs { get; } = fromMs;

    public long ToMs { get; } = toMs;

    /// <summary><c>queued</c>, <c>running</c>, <c>completed</c>, <c>failed</c> or <c>cancelled</c>.</summary>
    public string Status { get; private set; } = "queued";

    public double Progress { get; private set; }

    public LowLatency.History.Binance.KlineBackfillResult? Result { get; private set; }

    public string? Error { get; private set; }

    public CancellationToken Cancellation => _cancel.Token;

    public bool Finished => Status is "completed" or "failed" or "cancelled";

    /// <summary>Asks the job to stop; false when it had already finished.</summary>
    public bool Cancel()
    {
        if (Finished)
        {
            return false;
        }

        _cancel.Cancel();
        return true;
    }

    public void Dispose() => _cancel.Dispose();

    internal void Running() => Status = "running";

    internal void ReportProgress(double progress) => Progress = Math.Clamp(progress, 0, 1);

    internal void Complete(LowLatency.History.Binance.KlineBackfillResult result)
    {
        (Result, Progress, Status) = (result, 1, "completed");
    }

    internal void Fail(string error) => (Error, Status) = (error, "failed");

    internal void Cancelled() => Status = "cancelled";
}
