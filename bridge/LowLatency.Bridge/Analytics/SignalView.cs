namespace LowLatency.Bridge.Analytics;

/// <summary>FE type <c>Signal</c>: <c>signal</c> is BUY, SELL, NEUTRAL or CAUTION; strength 0–1.</summary>
public sealed record SignalView(string Timestamp, string Symbol, string Signal, double Strength, double Price, string Message)
{
    /// <summary>A live engine decision in the frontend's shape; a long or short under 0.5 confidence is <c>CAUTION</c>.</summary>
    public static SignalView From(LowLatency.Ipc.EngineSignal signal, string symbol)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var confidence = double.IsFinite(signal.Confidence) ? Math.Clamp(signal.Confidence, 0, 1) : 0;
        var name = signal.Direction switch
        {
            "long" => confidence < 0.5 ? "CAUTION" : "BUY",
            "short" => confidence < 0.5 ? "CAUTION" : "SELL",
            _ => "NEUTRAL",
        };
        return new SignalView(Api.Timestamps.Iso(signal.TimeMs), symbol, name, Math.Round(confidence, 4), Math.Round(signal.Price, 8), $"{signal.Strategy} (engine, live): {signal.Direction}");
    }
}
