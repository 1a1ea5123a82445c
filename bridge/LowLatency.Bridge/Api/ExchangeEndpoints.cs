using System.Globalization;
using System.Text.Json;
using LowLatency.Binance;

namespace LowLatency.Bridge.Api;

/// <summary>
/// The exchange account as the exchange itself reports it: <c>GET /api/broker/binance/balance</c> asks Binance
/// (a signed account request, keys from the environment only) and returns its non-zero balances exactly. No key,
/// an unreachable exchange or a refused key is an error saying which, never an empty or invented balance.
/// <c>?exchange=binanceusdm</c> asks the USDⓈ-M futures account instead: each margin asset's wallet, available,
/// unrealized and margin balances.
/// </summary>
public static class ExchangeEndpoints
{
    public static void MapExchanges(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/broker/binance/balance", BinanceBalance);
    }

    private static async Task<IResult> BinanceBalance(HttpRequest request, CancellationToken cancel)
    {
        var testnetText = request.Query["testnet"].ToString();
        if (testnetText.Length > 0 && !bool.TryParse(testnetText, out _))
        {
            return Problems.BadRequest($"testnet must be true or false, not '{testnetText}'");
        }

        var testnet = testnetText.Length > 0 && bool.Parse(testnetText);
        var exchange = request.Query["exchange"].ToString() is { Length: > 0 } named ? named : "binance";
        if (BinanceExchanges.Market(exchange) is not { } market)
        {
            return Problems.BadRequest($"exchange must be {BinanceExchanges.Names}, not '{exchange}'");
        }

        BinanceCredentials? credentials;
        try
        {
            credentials = BinanceCredentials.FromEnvironment(market);
        }
        catch (InvalidOperationException e)
        {
            return Problems.Of(StatusCodes.Status503ServiceUnavailable, "Exchange not configured", e.Message);
        }

        if (credentials is null)
        {
            return Problems.Of(StatusCodes.Status503ServiceUnavailable, "Exchange not configured", $"{BinanceCredentials.Missing} for the bridge");
        }

        var root = BinanceEndpoints.Rest(market, testnet);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var client = new BinanceRestClient(http, root, market, credentials, RequestBudget.For(market));
        var clock = await client.SyncClockAsync(cancel).ConfigureAwait(false);
        var answer = clock.Ok ? await client.AccountAsync(cancel).ConfigureAwait(false) : clock;
        if (!answer.Ok)
        {
            return Problems.Of(StatusCodes.Status502BadGateway, "Exchange error", $"Binance at {root}: {answer}");
        }

        try
        {
            var balances = market == BinanceMarket.Spot ? Balances(answer.Body) : MarginBalances(answer.Body);
            return Results.Json(new { success = true, exchange = BinanceExchanges.Name(market), testnet, balances, timestamp = Timestamps.Now() });
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            return Problems.Of(StatusCodes.Status502BadGateway, "Exchange error", $"Binance at {root} answered an account without readable balances: {e.Message}");
        }
    }

    private static List<object> Balances(string body)
    {
        using var document = JsonDocument.Parse(body);
        var list = new List<object>();
        foreach (var balance in document.RootElement.GetProperty("balances").EnumerateArray())
        {
            var free = Decimal(balance, "free");
            var locked = Decimal(balance, "locked");
            if (free != 0 || locked != 0)
            {
                list.Add(new { asset = balance.GetProperty("asset").GetString(), free, locked, total = free + locked });
            }
        }

        return list;
    }

    /// <summary>Futures' margin assets with a balance: Binance's own figures, <c>free</c> the available balance and <c>total</c> the margin balance.</summary>
    private static List<object> MarginBalances(string body)
    {
        using var document = JsonDocument.Parse(body);
        var list = new List<object>();
        foreach (var asset in document.RootElement.GetProperty("assets").EnumerateArray())
        {
            var wallet = Decimal(asset, "walletBalance");
            var available = Decimal(asset, "availableBalance");
            var unrealized = Decimal(asset, "unrealizedProfit");
            var margin = Decimal(asset, "marginBalance");
            if (wallet != 0 || unrealized != 0 || available != 0)
            {
                list.Add(new { asset = asset.GetProperty("asset").GetString(), free = available, total = margin, walletBalance = wallet, availableBalance = available, unrealizedProfit = unrealized, marginBalance = margin });
            }
        }

        return list;
    }

    private static decimal Decimal(JsonElement element, string name) =>
        decimal.Parse(element.GetProperty(name).GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);
}
