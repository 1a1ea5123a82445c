namespace LowLatency.Engine.Host.Configuration;

/// <summary>
/// One source of prices in <c>engine.json</c> (<c>feeds</c>, or the single <c>feed</c>): the seeded simulator
/// (<see cref="Symbols"/>, or every instrument no other feed prices), or a CSV file replayed at a speed.
/// </summary>
public sealed record FeedConfig
{
    /// <summary>The feed's name in statuses and metrics (default: its type); unique among the feeds.</summary>
    public string? Name { get; init; }

    /// <summary><c>simulator</c> or <c>csv</c>.</summary>
    public string Type { get; init; } = "simulator";

    /// <summary>Simulator: ticks per second over all its instruments.</summary>
    public double TicksPerSecond { get; init; } = 2_000;

    public ulong Seed { get; init; } = 42;

    /// <summary>Simulator: the symbols to simulate (empty: every instrument that no other feed prices).</summary>
    public IReadOnlyList<string> Symbols { get; init; } = [];

    /// <summary>CSV: the file, and the symbol its rows belong to.</summary>
    public string? Path { get; init; }

    public string? Symbol { get; init; }

    /// <summary>CSV: replay speed (1 = real time, 60 = a minute per second); 0 = as fast as possible.</summary>
    public double Speed { get; init; } = 1;

    /// <summary>The name used when none is given.</summary>
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Type : Name;
}
