namespace LowLatency.Engine.Host.Configuration;

/// <summary>Where one instrument trades, and what the venue calls it (default: our symbol).</summary>
public sealed record InstrumentVenueConfig
{
    public string Venue { get; init; } = "paper";

    public string? Symbol { get; init; }
}
