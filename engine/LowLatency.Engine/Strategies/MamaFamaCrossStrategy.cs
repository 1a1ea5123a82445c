using LowLatency.Analytics;
using LowLatency.Analytics.Indicators;
using LowLatency.Engine.MarketData;

namespace LowLatency.Engine.Strategies;

/// <summary>
/// <c>mama-fama-cross</c>: long when MAMA crosses above FAMA, short (or flat) when it crosses below. Parameters:
/// <c>fastLimit</c> (0.5), <c>slowLimit</c> (0.05), <c>source</c> (<c>hl2</c> as Ehlers uses, or <c>close</c>).
/// Confidence grows with the gap between the lines relative to ATR.
/// </summary>
public sealed class MamaFamaCrossStrategy : Strategy
{
    private const int Mama = 2;
    private const int Fama = 3;
    private const int PreviousMama = 4;
    private const int PreviousFama = 5;

    private readonly MesaAdaptiveMovingAverage _mama;
    private readonly bool _hl2;
    private double _previousMama = double.NaN;
    private double _previousFama = double.NaN;

    public MamaFamaCrossStrategy(StrategyDefinition definition, StrategyParameters parameters, int index, Instrument instrument, Timeframe timeframe)
        : base(definition, index, instrument, timeframe)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var fast = parameters.Number("fastLimit", 0.5, 0.01, 0.99);
        var slow = parameters.Number("slowLimit", 0.05, 0.01, 0.99);
        if (slow > fast)
        {
            throw new Configuration.ConfigException(parameters.File, "parameters.slowLimit", $"{slow} is above fastLimit {fast}");
        }

        _hl2 = parameters.Word("source", "hl2", "hl2", "close") == "hl2";
        _mama = new MesaAdaptiveMovingAverage(fast, slow);
    }

    protected override bool Update(in OhlcvBar bar, ref FeatureVector features)
    {
        _mama.Update(_hl2 ? (bar.High + bar.Low) / 2 : bar.Close);
        features[PreviousMama] = _previousMama;
        features[PreviousFama] = _previousFama;
        features[Mama] = _previousMama = _mama.Mama;
        features[Fama] = _previousFama = _mama.Fama;
        return _mama.IsReady && !double.IsNaN(features[PreviousMama]);
    }

    protected override SignalDirection Evaluate(in FeatureVector features, out double confidence)
    {
        var before = features[PreviousMama] - features[PreviousFama];
        var now = features[Mama] - features[Fama];
        confidence = Math.Clamp(0.5 + (Math.Abs(now) / Math.Max(features[1], double.Epsilon) * 0.5), 0.5, 0.95);
        if (before <= 0 && now > 0)
        {
            return SignalDirection.Long;
        }

        if (before >= 0 && now < 0)
        {
            return SignalDirection.Short;
        }

        confidence = 0;
        return SignalDirection.None;
    }
}
