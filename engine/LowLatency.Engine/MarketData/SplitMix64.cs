namespace LowLatency.Engine.MarketData;

/// <summary>
/// A small, fast, allocation-free pseudo-random generator (SplitMix64) whose sequence is fixed by our code,
/// not by the runtime: the same seed gives the same market on every machine and .NET version.
/// </summary>
public struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal (Box–Muller; one of the pair is discarded to stay stateless).</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble(); // (0, 1]: log is finite
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
