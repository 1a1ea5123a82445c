using System.Globalization;
using System.Text.Json;
using LowLatency.Binance;

namespace LowLatency.Bridge.Api;

/// <summary>
/// The exchange account as the exchange itself reports it: <c>GET /api/broker/binance/balance</c> asks Binance
/// (a signed account request, keys from the environment only) and returns its non-zero balances exactly. No key,
/// an unreachable exchange or a refused key is an error saying which, never an empty or invented balance.
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
        BinanceCredentials? credentials;
        try
        {
            credentials = BinanceCredentials.FromEnvironment(BinanceMarket.Spot);
        }
        catch (InvalidOperationException e)
        {
            return Problems.Of(StatusCodes.Status503ServiceUnavailable, "Exchange not configured", e.Message);
        }

        if (credentials is null)
        {
            return Problems.Of(StatusCodes.Status503ServiceUnavailable, "Exchange not configured", $"{BinanceCredentials.Missing} for the bridge");
        }

        var root = BinanceEndpoints.Rest(BinanceMarket.Spot, testnet);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var client = new BinanceRestClient(http, root, BinanceMarket.Spot, credentials, RequestBudget.Spot());
        var clock = await client.SyncClockAsync(cancel).ConfigureAwait(false);
        var answer = clock.Ok ? await client.AccountAsync(cancel).ConfigureAwait(false) : clock;
        if (!answer.Ok)
        {
            return Problems.Of(StatusCodes.Status502BadGateway, "Exchange error", $"Binance at {root}: {answer}");
        }

        try
        {
            return Results.Json(new { success = true, exchange = "binance", testnet, balances = Balances(answer.Body), timestamp = Timestamps.Now() });
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
            var free = decimal.Parse(balance.GetProperty("free").GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);
            var locked = decimal.Parse(balance.GetProperty("locked").GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (free != 0 || locked != 0)
            {
                list.Add(new { asset = balance.GetProperty("asset").GetString(), free, locked, total = free + locked });
            }
        }

        return list;
    }
}
