using LowLatency.Analytics;
using LowLatency.Analytics.Gann;
using LowLatency.Analytics.Indicators;
using LowLatency.Engine.MarketData;

namespace LowLatency.Engine.Strategies;

/// <summary>
/// <c>gann-sq9</c>: Square-of-9 levels centred on the pivot of the last <c>pivotLookback</c> bars (the highest
/// high or lowest low, whichever is nearer the close; ties go to the low, as in the original). <c>mode</c>:
/// <c>bounce</c> — a bar that reaches within <c>tolerancePercent</c> of the support below and closes up is
/// long, of the resistance above and closes down is short; <c>breakout</c> — a close that crosses a level
/// upwards is long, downwards short; <c>both</c>. <c>rings</c> bounds the levels (5 rings = 40 each side).
/// </summary>
public sealed class GannLevelStrategy : Strategy
{
    private const int Open = 2;
    private const int High = 3;
    private const int Low = 4;
    private const int Support = 5;
    private const int Resistance = 6;
    private const int Step = 7;
    private const int PreviousStep = 8;
    private const int Centre = 9;

    private readonly MonotonicWindow _highest;
    private readonly MonotonicWindow _lowest;
    private readonly int _lookback;
    private readonly int _rings;
    private readonly double _tolerance;
    private readonly bool _bounce;
    private readonly bool _breakout;
    private int _bars;
    private double _previousClose = double.NaN;

    public GannLevelStrategy(StrategyDefinition definition, StrategyParameters parameters, int index, Instrument instrument, Timeframe timeframe)
        : base(definition, index, instrument, timeframe)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _lookback = parameters.Integer("pivotLookback", 100, 2, 100_000);
        _rings = parameters.Integer("rings", 5, 1, 100);
        _tolerance = parameters.Number("tolerancePercent", 0.5, 0, 50) / 100;
        var mode = parameters.Word("mode", "both", "bounce", "breakout", "both");
        _bounce = mode is "bounce" or "both";
        _breakout = mode is "breakout" or "both";
        _highest = new MonotonicWindow(_lookback, maximum: true);
        _lowest = new MonotonicWindow(_lookback, maximum: false);
    }

    protected override bool Update(in OhlcvBar bar, ref FeatureVector features)
    {
        _highest.Add(bar.High);
        _lowest.Add(bar.Low);
        _bars++;
        var high = _highest.Value;
        var low = _lowest.Value;
        var centre = Math.Abs(high - bar.Close) < Math.Abs(bar.Close - low) ? high : low;
        features[Open] = bar.Open;
        features[High] = bar.High;
        features[Low] = bar.Low;
        features[Centre] = centre;
        var bracketed = SquareOfNine.TryBracket(centre, bar.Close, _rings, out var support, out var resistance);
        features[Support] = support;
        features[Resistance] = resistance;
        features[Step] = bracketed ? SquareOfNine.StepBelow(centre, bar.Close) : double.NaN;
        features[PreviousStep] = bracketed && _previousClose > 0 ? SquareOfNine.StepBelow(centre, _previousClose) : double.NaN;
        _previousClose = bar.Close;
        return _bars >= _lookback && bracketed;
    }

    protected override SignalDirection Evaluate(in FeatureVector features, out double confidence)
    {
        var close = features[0];
        confidence = 0.6; // the original Gann strategy's confidence
        if (_breakout && !double.IsNaN(features[PreviousStep]))
        {
            if (features[Step] > features[PreviousStep])
            {
                return SignalDirection.Long;
            }

            if (features[Step] < features[PreviousStep])
            {
                return SignalDirection.Short;
            }
        }

        if (_bounce)
        {
            var support = features[Support];
            var resistance = features[Resistance];
            if (features[Low] <= support * (1 + _tolerance) && close > support && close > features[Open])
            {
                return SignalDirection.Long;
            }

            if (features[High] >= resistance * (1 - _tolerance) && close < resistance && close < features[Open])
            {
                return SignalDirection.Short;
            }
        }

        confidence = 0;
        return SignalDirection.None;
    }
}
