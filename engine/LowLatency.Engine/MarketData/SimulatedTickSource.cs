namespace LowLatency.Engine.MarketData;

/// <summary>
/// Seeded synthetic history: one instrument (or all, in turn) from <c>from</c> to <c>to</c>, a tick every
/// <c>intervalMs</c>, prices from the <see cref="MarketSimulator"/>. Same arguments → same ticks.
/// </summary>
public sealed class SimulatedTickSource : ITickSource
{
    private readonly MarketSimulator _simulator;
    private readonly int[] _instruments;
    private readonly long _fromMs;
    private readonly long _toMs;
    private readonly long _intervalMs;
    private long _timeMs;
    private int _next;

    public SimulatedTickSource(InstrumentRegistry registry, IReadOnlyList<int> instrumentIds, long fromMs, long toMs, long intervalMs, SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(instrumentIds);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalMs, 1);
        if (toMs <= fromMs)
        {
            throw new ArgumentException("The end must be after the start.", nameof(toMs));
        }

        _simulator = new MarketSimulator(registry, options);
        _instruments = [.. instrumentIds];
        (_fromMs, _toMs, _intervalMs, _timeMs) = (fromMs, toMs, intervalMs, fromMs);
        Description = $"synthetic (seed {options.Seed}, a tick every {intervalMs} ms)";
    }

    public string Description { get; }

    public string Source => PriceSources.Synthetic;

    public double Progress => Math.Clamp((double)(_timeMs - _fromMs) / (_toMs - _fromMs), 0, 1);

    /// <summary>How many ticks the whole range holds.</summary>
    public long TotalTicks => (_toMs - _fromMs + _intervalMs - 1) / _intervalMs * _instruments.Length;

    public bool TryNext(ref Tick tick)
    {
        if (_timeMs >= _toMs)
        {
            return false;
        }

        _simulator.Next(_instruments[_next], _timeMs, ref tick);
        if (++_next == _instruments.Length)
        {
            _next = 0;
            _timeMs += _intervalMs;
        }

        return true;
    }

    public void Dispose()
    {
    }
}
