using System.Net;
using System.Text.Json;
using LowLatency.BinanceEmulator;
using LowLatency.Bridge.Tests.Support;

namespace LowLatency.Bridge.Tests.Api;

/// <summary><c>GET /api/broker/binance/balance</c>: the account's balances as Binance (its emulator) reports them, or an error saying why not.</summary>
[NonParallelizable]
public sealed class BinanceBalanceTests : StandaloneBridgeFixture, IDisposable
{
    private const string Key = "balance-key";
    private const string Secret = "balance-secret";
    private static readonly string[] Variables = ["LL_BINANCE_REST_URL", "LL_BINANCE_FUTURES_REST_URL", "LL_BINANCE_API_KEY", "LL_BINANCE_API_SECRET"];
    private BinanceRestEmulator? _exchange;

    [SetUp]
    public void PointAtTheEmulator()
    {
        _exchange = new BinanceRestEmulator(Key, Secret);
        Environment.SetEnvironmentVariable("LL_BINANCE_REST_URL", _exchange.BaseUrl.ToString());
        Environment.SetEnvironmentVariable("LL_BINANCE_FUTURES_REST_URL", _exchange.BaseUrl.ToString());
    }

    [TearDown]
    public void Dispose()
    {
        foreach (var variable in Variables)
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        _exchange?.Dispose();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> Balance(string more = "")
    {
        using var response = await Http.GetAsync(new Uri($"/api/broker/binance/balance?testnet=true{more}", UriKind.Relative));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Test]
    public async Task The_accounts_balances_come_from_the_exchange_exactly()
    {
        Environment.SetEnvironmentVariable("LL_BINANCE_API_KEY", Key);
        Environment.SetEnvironmentVariable("LL_BINANCE_API_SECRET", Secret);
        var (status, body) = await Balance();
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        var btc = body.GetProperty("balances").EnumerateArray().Single();
        Assert.That(btc.GetProperty("asset").GetString(), Is.EqualTo("BTC"));
        Assert.That(btc.GetProperty("free").GetDecimal(), Is.EqualTo(4723846.89208129m));
        Assert.That(body.GetProperty("testnet").GetBoolean(), Is.True);
    }

    [Test]
    public async Task The_futures_accounts_margin_balances_come_from_the_exchange_exactly()
    {
        Environment.SetEnvironmentVariable("LL_BINANCE_API_KEY", Key);
        Environment.SetEnvironmentVariable("LL_BINANCE_API_SECRET", Secret);
        var (status, body) = await Balance("&exchange=binanceusdm");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        var usdt = body.GetProperty("balances").EnumerateArray().Single(); // BNB's zero balance left out
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("exchange").GetString(), Is.EqualTo("binanceusdm"));
            Assert.That(usdt.GetProperty("asset").GetString(), Is.EqualTo("USDT"));
            Assert.That(usdt.GetProperty("availableBalance").GetDecimal(), Is.EqualTo(99800.25m));
            Assert.That(usdt.GetProperty("unrealizedProfit").GetDecimal(), Is.EqualTo(12.5m));
            Assert.That(usdt.GetProperty("total").GetDecimal(), Is.EqualTo(100012.5m), "the margin balance");
            Assert.That(_exchange!.Requests.GetValueOrDefault("/fapi/v2/account"), Is.EqualTo(1));
        });

        using var unknown = await Http.GetAsync(new Uri("/api/broker/binance/balance?exchange=kraken", UriKind.Relative));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task No_key_a_refused_key_and_a_bad_parameter_are_errors_not_empty_balances()
    {
        var (missing, missingBody) = await Balance();
        Assert.That(missing, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(missingBody.GetProperty("detail").GetString(), Does.Contain("LL_BINANCE_API_KEY"));

        Environment.SetEnvironmentVariable("LL_BINANCE_API_KEY", "someone-else");
        Environment.SetEnvironmentVariable("LL_BINANCE_API_SECRET", Secret);
        var (refused, refusedBody) = await Balance();
        Assert.That(refused, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(refusedBody.GetProperty("detail").GetString(), Does.Contain("-2015"));

        using var bad = await Http.GetAsync(new Uri("/api/broker/binance/balance?testnet=maybe", UriKind.Relative));
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}
