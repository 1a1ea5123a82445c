using System.Globalization;
using System.Text.Json;
using LowLatency.Binance;

namespace LowLatency.Bridge.Venues;

/// <summary>
/// The Settings page's "test connection" for <c>crypto_exchange</c>: Binance's server time (reachable, and how far
/// its clock is from ours), then a signed account request (the key, its secret, the clock within the recvWindow,
/// the key's permission). The answer names the failing step and Binance's error code; keys from the body are used
/// for this request only, else those of the environment, and never kept or echoed.
/// </summary>
internal static class BinanceConnectionTest
{
    public static async Task<(bool Connected, string Message)> RunAsync(string exchange, string? apiKey, string? apiSecret, bool testnet, TimeSpan timeout)
    {
        if (BinanceExchanges.Market(exchange) is not { } market)
        {
            return (false, $"No '{exchange}' exchange adapter in this build: crypto_exchange supports {BinanceExchanges.Names}.");
        }

        BinanceCredentials? credentials;
        try
        {
            credentials = !string.IsNullOrEmpty(apiKey) && !string.IsNullOrEmpty(apiSecret) ? new BinanceCredentials(apiKey, apiSecret) : BinanceCredentials.FromEnvironment(market);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            return (false, e.Message); // a key we cannot sign with, named, before anything is sent
        }

        var root = BinanceEndpoints.Rest(market, testnet);
        var where = $"Binance{(market == BinanceMarket.Spot ? "" : " USDⓈ-M futures")}{(testnet ? " testnet" : "")} at {root}";
        using var http = new HttpClient { Timeout = timeout };
        var client = new BinanceRestClient(http, root, market, credentials, RequestBudget.For(market));
        var time = await client.SyncClockAsync(CancellationToken.None).ConfigureAwait(false);
        if (!time.Ok)
        {
            return (false, $"{where} did not answer its server time: {time}.");
        }

        var offset = client.ClockOffset.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture);
        if (credentials is null)
        {
            return (false, $"{where} is reachable (clock offset {offset} ms), but no API key was given or set (LL_BINANCE_API_KEY, LL_BINANCE_API_SECRET{(market == BinanceMarket.Spot ? "" : "; or LL_BINANCE_FUTURES_API_KEY/_SECRET")}): the key is not tested.");
        }

        var account = await client.AccountAsync(CancellationToken.None).ConfigureAwait(false);
        if (!account.Ok)
        {
            return (false, $"{where} is reachable (clock offset {offset} ms), but the account request failed: {Why(account)}.");
        }

        var canTrade = CanTrade(account.Body);
        return (canTrade, canTrade
            ? $"Connected to {where}: key accepted, trading allowed, clock offset {offset} ms."
            : $"Connected to {where} and the key is accepted, but the account may not trade (canTrade false): check the key's permissions.");
    }

    private static string Why(BinanceAnswer answer) => answer.Code switch
    {
        -2015 => $"the API key is wrong, not allowed from this IP, or lacks the permission (Binance {answer.Code}: {answer.Message})",
        -2014 => $"the API key's format is invalid (Binance {answer.Code}: {answer.Message})",
        -1022 => $"the signature is not valid: the API secret does not belong to the key (Binance {answer.Code}: {answer.Message})",
        -1021 => $"clock skew: our timestamp is outside the recvWindow even after measuring the server's clock again (Binance {answer.Code}: {answer.Message})",
        0 => answer.ToString(),
        _ => $"Binance {answer.Code}: {answer.Message}",
    };

    private static bool CanTrade(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("canTrade", out var value) && value.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
