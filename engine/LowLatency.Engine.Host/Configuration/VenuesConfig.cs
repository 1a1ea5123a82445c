namespace LowLatency.Engine.Host.Configuration;

/// <summary>
/// <c>engine.json</c>'s <c>venues</c>: named FIX sessions and Binance accounts, and which instruments trade on which (the rest on the
/// paper exchange). Credentials are never in the file: each session names the environment variables holding them.
/// </summary>
public sealed record VenuesConfig
{
    public IReadOnlyDictionary<string, FixSessionConfig> Fix { get; init; } = new Dictionary<string, FixSessionConfig>();

    /// <summary>Named Binance accounts (keys from the environment).</summary>
    public IReadOnlyDictionary<string, BinanceVenueConfig> Binance { get; init; } = new Dictionary<string, BinanceVenueConfig>();

    /// <summary>Instrument symbol → its venue: <c>paper</c>, a session named in <see cref="Fix"/> or an account in <see cref="Binance"/>, with the venue's symbol.</summary>
    public IReadOnlyDictionary<string, InstrumentVenueConfig> Instruments { get; init; } = new Dictionary<string, InstrumentVenueConfig>();
}
