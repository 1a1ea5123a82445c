namespace LowLatency.Engine.MarketData;

/// <summary>
/// The one place that names where a price came from, as every price, bar and status shows it: <c>simulator</c>,
/// <c>csv</c>, <c>fix:SESSION</c>, <c>binance</c>, <c>imported</c>, or <c>synthetic</c>. Only the simulator and synthetic
/// history are made up here; everything else was recorded or received from a market.
/// </summary>
public static class PriceSources
{
    public const string Simulator = "simulator";
    public const string Csv = "csv";
    public const string Imported = "imported";
    public const string Synthetic = "synthetic";

    /// <summary>Prices received from Binance's market data streams.</summary>
    public const string Binance = "binance";

    /// <summary>Prices received on the FIX market data session named <paramref name="session"/>.</summary>
    public static string Fix(string session) => "fix:" + session;

    /// <summary>Whether prices of this source were invented here rather than observed in a market.</summary>
    public static bool IsMadeUp(string source) => source is Simulator or Synthetic;

    /// <summary>Whether this source is a live market feed (a venue's prices arriving now), not a replay or a file.</summary>
    public static bool IsLive(string source) => !IsMadeUp(source) && source is not (Csv or Imported);
}
