using LowLatency.Analytics;
using LowLatency.Analytics.Gann;
using LowLatency.Analytics.Indicators;
using LowLatency.Analytics.Indicators.Ehlers;
using LowLatency.Engine.MarketData;

namespace LowLatency.Engine.Strategies;

/// <summary>
/// <c>ensemble</c>: weighted votes like the original signal engine (ORIGINAL_ENGINES.md §5), without its bugs.
/// Components, each a direction and a confidence 0–100:
/// <list type="bullet">
/// <item><c>gann</c>: position p of the close between the Square-of-9 support and resistance around the lowest low of
/// <c>lookback</c> bars; p &lt; 0.3 buys with (0.3−p)·200+50, p &gt; 0.7 sells, capped at 95.</item>
/// <item><c>ehlers</c>: real Ehlers DSP (the original's "ehlers" was momentum): MAMA above FAMA and Fisher above its trigger buys
/// at 75; both below sells; disagreement abstains.</item>
/// <item><c>momentum</c>: 10-bar momentum beyond ±2% casts 2 votes, RSI(14) beyond 30/70 one; 50 + share·40.</item>
/// <item><c>trend</c>: close &gt; SMA20 &gt; SMA50 buys at 65, the reverse sells (the original's "ml" was this MA stack).</item>
/// <item><c>pattern</c>: higher high and higher low than 5 bars ago buys at 55, lower both sells.</item>
/// </list>
/// Score per side = Σ w·conf/100 of that side's votes / Σ w of all components; the winning side trades when above
/// <c>threshold</c> (0.4). Unlike the original, abstaining (HOLD) never becomes a short, and the weights are
/// read from this file's <c>weights</c> (a misspelt key is an error, not silently the defaults).
/// </summary>
public sealed class EnsembleStrategy : Strategy
{
    public static readonly string[] Components = ["gann", "ehlers", "momentum", "trend", "pattern"];

    private static readonly Dictionary<string, double> DefaultWeights = new(StringComparer.OrdinalIgnoreCase)
    {
        ["gann"] = 0.25, ["ehlers"] = 0.20, ["momentum"] = 0.20, ["trend"] = 0.25, ["pattern"] = 0.10,
    };

    private readonly double[] _weights = new double[5];
    private readonly double _weightSum;
    private readonly double _threshold;
    private readonly int _rings;
    private readonly MonotonicWindow _lowest;
    private readonly MesaAdaptiveMovingAverage _mama = new();
    private readonly FisherTransform _fisher = new();
    private readonly RelativeStrengthIndex _rsi = new(14);
    private readonly SimpleMovingAverage _sma20 = new(20);
    private readonly SimpleMovingAverage _sma50 = new(50);
    private readonly RollingWindow _closes = new(11);
    private readonly RollingWindow _highs = new(6);
    private readonly RollingWindow _lows = new(6);
    private readonly int _lookback;
    private int _bars;

    public EnsembleStrategy(StrategyDefinition definition, StrategyParameters parameters, int index, Instrument instrument, Timeframe timeframe)
        : base(definition, index, instrument, timeframe)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var weights = parameters.Numbers("weights", DefaultWeights, Components);
        for (var i = 0; i < Components.Length; i++)
        {
            _weights[i] = weights.TryGetValue(Components[i], out var w) ? w : 0;
        }

        _weightSum = _weights.Sum();
        if (_weightSum <= 0)
        {
            throw new Configuration.ConfigException(parameters.File, "parameters.weights", "at least one weight must be above 0");
        }

        _threshold = parameters.Number("threshold", 0.4, 0.01, 1);
        _lookback = parameters.Integer("lookback", 100, 20, 100_000);
        _rings = parameters.Integer("rings", 5, 1, 100);
        _lowest = new MonotonicWindow(_lookback, maximum: false);
    }

    protected override bool Update(in OhlcvBar bar, ref FeatureVector features)
    {
        _bars++;
        _lowest.Add(bar.Low);
        _mama.Update((bar.High + bar.Low) / 2);
        _fisher.Update((bar.High + bar.Low) / 2);
        _rsi.Update(bar.Close);
        _sma20.Update(bar.Close);
        _sma50.Update(bar.Close);
        _closes.Add(bar.Close);
        _highs.Add(bar.High);
        _lows.Add(bar.Low);

        var close = bar.Close;
        Vote(ref features, 0, GannVote(close, out var c0), c0);
        Vote(ref features, 1, EhlersVote(out var c1), c1);
        Vote(ref features, 2, MomentumVote(close, out var c2), c2);
        Vote(ref features, 3, TrendVote(close, out var c3), c3);
        Vote(ref features, 4, PatternVote(bar, out var c4), c4);
        return _bars >= 50;
    }

    protected override SignalDirection Evaluate(in FeatureVector features, out double confidence)
    {
        double buy = 0, sell = 0;
        for (var i = 0; i < Components.Length; i++)
        {
            var direction = features[2 + (2 * i)];
            var score = _weights[i] * features[3 + (2 * i)] / 100;
            if (direction > 0)
            {
                buy += score;
            }
            else if (direction < 0)
            {
                sell += score;
            }
        }

        buy /= _weightSum;
        sell /= _weightSum;
        var best = Math.Max(buy, sell);
        confidence = Math.Min(best, 0.95);
        if (best > _threshold && buy != sell)
        {
            return buy > sell ? SignalDirection.Long : SignalDirection.Short;
        }

        confidence = 0;
        return SignalDirection.None;
    }

    private static void Vote(ref FeatureVector features, int component, int direction, double confidence)
    {
        features[2 + (2 * component)] = direction;
        features[3 + (2 * component)] = direction == 0 ? 0 : confidence;
    }

    private int GannVote(double close, out double confidence)
    {
        confidence = 0;
        if (_bars < 20 || !SquareOfNine.TryBracket(_lowest.Value, close, _rings, out var support, out var resistance) || resistance <= support)
        {
            return 0;
        }

        var p = (close - support) / (resistance - support);
        if (p < 0.3)
        {
            confidence = Math.Min(95, ((0.3 - p) * 200) + 50);
            return 1;
        }

        if (p > 0.7)
        {
            confidence = Math.Min(95, ((p - 0.7) * 200) + 50);
            return -1;
        }

        return 0;
    }

    private int EhlersVote(out double confidence)
    {
        confidence = 75;
        if (!_mama.IsReady)
        {
            return 0;
        }

        var cycle = Math.Sign(_mama.Mama - _mama.Fama);
        var fisher = Math.Sign(_fisher.Value - _fisher.Trigger);
        return cycle == fisher ? cycle : 0;
    }

    private int MomentumVote(double close, out double confidence)
    {
        confidence = 0;
        if (!_closes.IsFull || !_rsi.IsReady)
        {
            return 0;
        }

        var momentum = (close - _closes[10]) / _closes[10];
        int buys = 0, sells = 0;
        if (momentum > 0.02)
        {
            buys += 2;
        }
        else if (momentum < -0.02)
        {
            sells += 2;
        }

        if (_rsi.Value < 30)
        {
            buys++;
        }
        else if (_rsi.Value > 70)
        {
            sells++;
        }

        if (buys == sells)
        {
            return 0;
        }

        confidence = 50 + (Math.Max(buys, sells) / (double)(buys + sells) * 40);
        return buys > sells ? 1 : -1;
    }

    private int TrendVote(double close, out double confidence)
    {
        confidence = 65;
        if (!_sma50.IsReady)
        {
            return 0;
        }

        if (close > _sma20.Value && _sma20.Value > _sma50.Value)
        {
            return 1;
        }

        return close < _sma20.Value && _sma20.Value < _sma50.Value ? -1 : 0;
    }

    private int PatternVote(in OhlcvBar bar, out double confidence)
    {
        confidence = 55;
        if (!_highs.IsFull)
        {
            return 0;
        }

        if (bar.High > _highs[5] && bar.Low > _lows[5])
        {
            return 1;
        }

        return bar.High < _highs[5] && bar.Low < _lows[5] ? -1 : 0;
    }
}
