using LowLatency.Analytics;
using LowLatency.Analytics.Indicators;
using LowLatency.Engine.MarketData;

namespace LowLatency.Engine.Strategies;

/// <summary>
/// A trading strategy on one instrument and timeframe, split along the pipeline: <see cref="OnBar"/> runs in
/// the indicator stage and writes features; <see cref="Decide"/> runs in the signal stage and reads only those
/// features, so the two stages may run on different threads. Both are allocation-free.
/// </summary>
public abstract class Strategy
{
    private readonly AverageTrueRange _atr;

    protected Strategy(StrategyDefinition definition, int index, Instrument instrument, Timeframe timeframe)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(instrument);
        Definition = definition;
        Index = index;
        Instrument = instrument;
        Timeframe = timeframe;
        _atr = new AverageTrueRange(definition.Exits.AtrPeriod);
    }

    public StrategyDefinition Definition { get; }

    /// <summary>Position in the engine's strategy list (orders carry it).</summary>
    public int Index { get; }

    public Instrument Instrument { get; }

    public Timeframe Timeframe { get; }

    public string Name => Definition.Name;

    /// <summary>Updates the indicators with a closed bar; writes the features and returns true once enough bars have been seen.</summary>
    public bool OnBar(in OhlcvBar bar, ref FeatureVector features)
    {
        _atr.Update(bar.High, bar.Low, bar.Close);
        features[0] = bar.Close;
        features[1] = _atr.Value;
        var ready = Update(bar, ref features);
        return ready && _atr.IsReady;
    }

    /// <summary>Decides from features alone (signal stage).</summary>
    public Signal Decide(in FeatureVector features)
    {
        var direction = Evaluate(features, out var confidence);
        if (direction == SignalDirection.Short && !Definition.AllowShort)
        {
            direction = SignalDirection.Flat;
        }

        var atr = features[1];
        return new Signal
        {
            Direction = direction,
            Confidence = confidence,
            Price = features[0],
            Atr = atr,
            StopDistance = atr * Definition.Exits.StopLossAtr,
            TakeDistance = atr * Definition.Exits.TakeProfitAtr,
        };
    }

    /// <summary>Strategy-specific indicator updates; features 2 … 11 are the strategy's own.</summary>
    protected abstract bool Update(in OhlcvBar bar, ref FeatureVector features);

    protected abstract SignalDirection Evaluate(in FeatureVector features, out double confidence);
}
