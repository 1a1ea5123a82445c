namespace LowLatency.Engine.Portfolio;

/// <summary>The trading account: its currency, opening balance, and fixed conversion rates for quote currencies.</summary>
public sealed record AccountOptions
{
    public string Currency { get; init; } = "USD";

    public decimal InitialBalance { get; init; } = 100_000m;

    /// <summary>Quote currencies pegged to the account currency at a fixed rate (e.g. USDT = 1 USD).</summary>
    public IReadOnlyDictionary<string, decimal> FixedRates { get; init; } = new Dictionary<string, decimal> { ["USDT"] = 1m };

    /// <summary>A cluster shard's slice of the account (<c>cluster.riskShare</c>): what its journal starts from, for the shard and every mirror of it.</summary>
    public AccountOptions Share(double share) => this with { InitialBalance = InitialBalance * (decimal)share };
}
