namespace LowLatency.Engine.MarketData;

/// <summary>
/// A seeded multi-instrument market: each instrument follows a geometric random walk at its own annual
/// volatility (scaled by the time since its last tick), switching between calm and volatile regimes and
/// jumping now and then; quotes carry a spread that suits the asset class and widens when volatile. The same
/// seed and timestamps give the same ticks, bit for bit. Allocation-free per tick.
/// </summary>
public sealed class MarketSimulator
{
    private const double MillisecondsPerYear = 365.25 * 24 * 3600 * 1000;

    private readonly Instrument[] _instruments;
    private readonly double[] _logPrice;
    private readonly double[] _tickSize;
    private readonly double[] _sigmaPerSqrtMs;
    private readonly long[] _lastTimestamp;
    private readonly bool[] _volatile;
    private readonly SimulatorOptions _options;
    private SplitMix64 _random;

    public MarketSimulator(InstrumentRegistry registry, SimulatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _options = options ?? new SimulatorOptions();
        _options.Validate();
        _instruments = [.. registry.All];
        _logPrice = [.. _instruments.Select(i => Math.Log((double)i.ReferencePrice))];
        _tickSize = [.. _instruments.Select(i => (double)i.TickSize)];
        _sigmaPerSqrtMs = [.. _instruments.Select(i => i.AnnualVolatility / Math.Sqrt(MillisecondsPerYear))];
        _lastTimestamp = new long[_instruments.Length];
        Array.Fill(_lastTimestamp, long.MinValue);
        _volatile = new bool[_instruments.Length];
        _random = new SplitMix64(_options.Seed);
    }

    public int InstrumentCount => _instruments.Length;

    /// <summary>Whether an instrument is in its volatile regime now.</summary>
    public bool IsVolatile(int instrumentId) => _volatile[instrumentId];

    /// <summary>Writes the next tick of <paramref name="instrumentId"/> at <paramref name="timestampMs"/> into <paramref name="tick"/>.</summary>
    public void Next(int instrumentId, long timestampMs, ref Tick tick)
    {
        if ((uint)instrumentId >= (uint)_instruments.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(instrumentId), instrumentId, "No such instrument.");
        }

        // The first tick of an instrument moves it as if a second had passed.
        var elapsedMs = _lastTimestamp[instrumentId] == long.MinValue ? 1000 : Math.Max(1, timestampMs - _lastTimestamp[instrumentId]);
        _lastTimestamp[instrumentId] = timestampMs;
        if (_random.NextDouble() < _options.RegimeSwitchProbability)
        {
            _volatile[instrumentId] = !_volatile[instrumentId];
        }

        var factor = _volatile[instrumentId] ? _options.VolatileVolatilityFactor : _options.CalmVolatilityFactor;
        var sigma = _sigmaPerSqrtMs[instrumentId] * Math.Sqrt(elapsedMs) * factor;
        var step = (sigma * _random.NextGaussian()) - (0.5 * sigma * sigma);
        if (_random.NextDouble() < _options.JumpProbability)
        {
            step += (_random.NextDouble() < 0.5 ? -1 : 1) * _options.JumpSizeInSigmas * sigma;
        }

        _logPrice[instrumentId] += step;
        var tickSize = _tickSize[instrumentId];
        var mid = Math.Max(2, Math.Round(Math.Exp(_logPrice[instrumentId]) / tickSize));
        var halfSpread = HalfSpreadTicks(_instruments[instrumentId].AssetClass, _volatile[instrumentId]);
        var bid = Math.Max(1, (long)mid - halfSpread);
        var ask = (long)mid + halfSpread;

        tick.InstrumentId = instrumentId;
        tick.TimestampMs = timestampMs;
        tick.BidTicks = bid;
        tick.AskTicks = ask;
        tick.LastTicks = _random.NextDouble() < 0.5 ? bid : ask; // a trade hits one side
        tick.SizeLots = 1 + (long)(-Math.Log(1.0 - _random.NextDouble()) * 20); // exponential sizes, mean ~21 lots
    }

    private long HalfSpreadTicks(AssetClass assetClass, bool isVolatile)
    {
        long half = assetClass switch
        {
            AssetClass.Crypto => 1 + (long)(_random.NextDouble() * 3),
            AssetClass.Forex => 1 + (long)(_random.NextDouble() * 2),
            AssetClass.Metal => 2 + (long)(_random.NextDouble() * 4),
            _ => 1 + (long)(_random.NextDouble() * 2),
        };
        return isVolatile ? half * 3 : half;
    }
}
