using System.Text.Json;

namespace LowLatency.Engine.Strategies;

/// <summary>A strategy file (<c>config/strategies/*.json</c>) as written.</summary>
public sealed record StrategyDefinition
{
    public string Name { get; init; } = "";

    /// <summary><c>mama-fama-cross</c>, <c>gann-sq9</c> or <c>ensemble</c>.</summary>
    public string Type { get; init; } = "";

    public bool Enabled { get; init; } = true;

    public IReadOnlyList<string> Symbols { get; init; } = [];

    public string Timeframe { get; init; } = "1m";

    public bool AllowShort { get; init; } = true;

    /// <summary>Type-specific numbers and words; unknown keys are errors.</summary>
    public Dictionary<string, JsonElement> Parameters { get; init; } = [];

    public ExitConfig Exits { get; init; } = new();

    public SizingConfig Sizing { get; init; } = new();
}
