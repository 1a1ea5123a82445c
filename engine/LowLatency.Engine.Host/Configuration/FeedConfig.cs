namespace LowLatency.Engine.Host.Configuration;

/// <summary>Where ticks come from: the seeded simulator (every instrument, or <see cref="Symbols"/>) or a CSV file replayed at a speed.</summary>
public sealed record FeedConfig
{
    /// <summary><c>simulator</c> or <c>csv</c>.</summary>
    public string Type { get; init; } = "simulator";

    /// <summary>Simulator: ticks per second over all its instruments.</summary>
    public double TicksPerSecond { get; init; } = 2_000;

    public ulong Seed { get; init; } = 42;

    /// <summary>Simulator: the symbols to simulate (empty: every instrument).</summary>
    public IReadOnlyList<string> Symbols { get; init; } = [];

    /// <summary>CSV: the file, and the symbol its rows belong to.</summary>
    public string? Path { get; init; }

    public string? Symbol { get; init; }

    /// <summary>CSV: replay speed (1 = real time, 60 = a minute per second); 0 = as fast as possible.</summary>
    public double Speed { get; init; } = 1;
}
