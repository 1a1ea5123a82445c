using LowLatency.Engine.Configuration;

namespace LowLatency.Engine.Host.Configuration;

/// <summary>
/// One Binance account as a venue in <c>engine.json</c> (<c>venues.binance.NAME</c>). Keys are never in the file:
/// they come from <c>LL_BINANCE_API_KEY</c>/<c>LL_BINANCE_API_SECRET</c> (futures: the <c>LL_BINANCE_FUTURES_</c> pair where
/// set). Addresses default to production's or the testnet's, overridden by the <c>LL_BINANCE_*_URL</c> variables,
/// and by <see cref="RestUrl"/>/<see cref="WsUrl"/> here above both.
/// </summary>
public sealed record BinanceVenueConfig
{
    /// <summary><c>spot</c> or <c>futures</c> (USDⓈ-M, one-way position mode).</summary>
    public string Market { get; init; } = "spot";

    /// <summary>Futures: the leverage set on each routed symbol at every connection (1–125; null: the account's as it is).</summary>
    public int? Leverage { get; init; }

    /// <summary>Futures: <c>isolated</c> or <c>cross</c>, set on each routed symbol at every connection (null: the account's as it is).</summary>
    public string? MarginType { get; init; }

    public bool IsFutures => Market == "futures";

    public bool Testnet { get; init; }

    public string? RestUrl { get; init; }

    public string? WsUrl { get; init; }

    /// <summary>
    /// Where the account's order events come from: <c>listenKey</c> (a listen key on the stream address, kept
    /// alive) or <c>webSocketApi</c> (the WebSocket API's <c>userDataStream.subscribe.signature</c>, where Binance is
    /// moving spot accounts).
    /// </summary>
    public string UserDataStream { get; init; } = "listenKey";

    /// <summary>The WebSocket API's address, overriding <c>LL_BINANCE_WS_API_URL</c> and the built-in one.</summary>
    public string? WsApiUrl { get; init; }

    /// <summary>Binance's <c>recvWindow</c>: how long a signed request stays valid after its timestamp (1–60,000 ms).</summary>
    public int RecvWindowMs { get; init; } = 5_000;

    /// <summary>What our client order ids start with, before the incarnation and the engine's order id.</summary>
    public string ClOrdIdPrefix { get; init; } = "LL";

    /// <summary>How often the listen key is kept alive (1–59 minutes; Binance lets it lapse after 60).</summary>
    public int KeepAliveMinutes { get; init; } = 30;

    /// <summary>At most how long new orders wait, after each user-data connection, for the REST reconciliation (100–600,000 ms).</summary>
    public int ReconcileTimeoutMs { get; init; } = 10_000;

    /// <summary>How often a cancel Binance refuses while the order still works is sent again (0–100).</summary>
    public int CancelRetries { get; init; } = 3;

    /// <summary>Refuses what Binance's venue cannot be: an error names the field (<paramref name="at"/> is <c>venues.binance.NAME</c>).</summary>
    public void Validate(string file, string at)
    {
        if (Market is not ("spot" or "futures"))
        {
            throw new ConfigException(file, $"{at}.market", $"'{Market}' is neither 'spot' nor 'futures'");
        }

        if (!IsFutures && (Leverage is not null || MarginType is not null))
        {
            throw new ConfigException(file, Leverage is not null ? $"{at}.leverage" : $"{at}.marginType", "leverage and margin type are futures' settings; this account is spot");
        }

        if (Leverage is < 1 or > 125)
        {
            throw new ConfigException(file, $"{at}.leverage", $"{Leverage}: 1–125 (Binance's range; a symbol's brackets may allow less)");
        }

        if (MarginType is not (null or "isolated" or "cross"))
        {
            throw new ConfigException(file, $"{at}.marginType", $"'{MarginType}' is neither 'isolated' nor 'cross'");
        }

        if (IsFutures && UserDataStream == "webSocketApi")
        {
            throw new ConfigException(file, $"{at}.userDataStream", "USDⓈ-M futures deliver order events by listen key only");
        }

        CheckUrl(file, $"{at}.restUrl", RestUrl, "http", "https");
        CheckUrl(file, $"{at}.wsUrl", WsUrl, "ws", "wss");
        CheckUrl(file, $"{at}.wsApiUrl", WsApiUrl, "ws", "wss");
        if (UserDataStream is not ("listenKey" or "webSocketApi"))
        {
            throw new ConfigException(file, $"{at}.userDataStream", $"'{UserDataStream}' is neither 'listenKey' nor 'webSocketApi'");
        }

        if (RecvWindowMs is < 1 or > 60_000)
        {
            throw new ConfigException(file, $"{at}.recvWindowMs", $"{RecvWindowMs}: 1–60,000 ms (Binance's limit)");
        }

        if (string.IsNullOrWhiteSpace(ClOrdIdPrefix) || ClOrdIdPrefix.Length > 8 || !ClOrdIdPrefix.All(char.IsAsciiLetterOrDigit))
        {
            throw new ConfigException(file, $"{at}.clOrdIdPrefix", $"'{ClOrdIdPrefix}': 1–8 letters or digits (Binance allows 36 characters in a client order id)");
        }

        if (KeepAliveMinutes is < 1 or > 59)
        {
            throw new ConfigException(file, $"{at}.keepAliveMinutes", $"{KeepAliveMinutes}: 1–59 minutes (a listen key lapses after 60)");
        }

        if (ReconcileTimeoutMs is < 100 or > 600_000)
        {
            throw new ConfigException(file, $"{at}.reconcileTimeoutMs", $"{ReconcileTimeoutMs}: 100–600,000 ms");
        }

        if (CancelRetries is < 0 or > 100)
        {
            throw new ConfigException(file, $"{at}.cancelRetries", $"{CancelRetries}: 0–100");
        }
    }

    private static void CheckUrl(string file, string at, string? value, params string[] schemes)
    {
        if (value is not null && (!Uri.TryCreate(value, UriKind.Absolute, out var url) || !schemes.Contains(url.Scheme)))
        {
            throw new ConfigException(file, at, $"'{value}' is not a {string.Join(" or ", schemes.Select(s => s + "://"))} address");
        }
    }
}
