using System.Net;
using LowLatency.BinanceEmulator;
using LowLatency.Bridge.Tests.Support;

namespace LowLatency.Bridge.Tests.Api;

/// <summary>
/// <c>POST /api/broker/test-connection</c> with <c>brokerType: "crypto_exchange"</c> calls Binance (its emulator, at
/// the address <c>LL_BINANCE_REST_URL</c> gives, as an operator would point it): server time, then a signed account
/// request; truthful about a wrong key, a wrong secret, a skewed clock and an exchange that is not there.
/// </summary>
[NonParallelizable]
public sealed class BinanceConnectionTestTests : StandaloneBridgeFixture, IDisposable
{
    private const string Key = "ui-test-key";
    private const string Secret = "ui-test-secret";
    private BinanceRestEmulator? _exchange;

    [SetUp]
    public void PointAtTheEmulator()
    {
        _exchange = new BinanceRestEmulator(Key, Secret);
        Environment.SetEnvironmentVariable("LL_BINANCE_REST_URL", _exchange.BaseUrl.ToString());
    }

    [TearDown]
    public void Dispose()
    {
        Environment.SetEnvironmentVariable("LL_BINANCE_REST_URL", null);
        _exchange?.Dispose();
    }

    private Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body)> Test(string key, string secret) =>
        Post("/api/broker/test-connection", $$"""{"brokerType":"crypto_exchange","exchange":"binance","apiKey":"{{key}}","apiSecret":"{{secret}}","testnet":true}""");

    [Test]
    public async Task The_right_key_connects_and_the_secret_is_not_echoed()
    {
        var (status, body) = await Test(Key, Secret);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("connected").GetBoolean(), Is.True, body.ToString());
        Assert.That(body.GetProperty("message").GetString(), Does.Contain("key accepted").And.Contain("testnet"));
        Assert.That(body.ToString(), Does.Not.Contain(Secret));
        Assert.That(_exchange!.Requests["/api/v3/account"], Is.EqualTo(1));
    }

    [Test]
    public async Task A_futures_account_is_tested_on_its_own_endpoints()
    {
        Environment.SetEnvironmentVariable("LL_BINANCE_FUTURES_REST_URL", _exchange!.BaseUrl.ToString());
        try
        {
            var (_, body) = await Post("/api/broker/test-connection", $$"""{"brokerType":"crypto_exchange","exchange":"binanceusdm","apiKey":"{{Key}}","apiSecret":"{{Secret}}","testnet":true}""");
            Assert.That(body.GetProperty("connected").GetBoolean(), Is.True, body.ToString());
            Assert.That(body.GetProperty("message").GetString(), Does.Contain("USDⓈ-M futures"));
            Assert.That((_exchange.Requests.GetValueOrDefault("/fapi/v1/time"), _exchange.Requests.GetValueOrDefault("/fapi/v2/account")), Is.EqualTo((1, 1)));
        }
        finally
        {
            Environment.SetEnvironmentVariable("LL_BINANCE_FUTURES_REST_URL", null);
        }
    }

    [Test]
    public async Task A_wrong_key_and_a_wrong_secret_are_told_apart_with_binances_codes()
    {
        var (_, wrongKey) = await Test("nobody", Secret);
        Assert.That(wrongKey.GetProperty("connected").GetBoolean(), Is.False);
        Assert.That(wrongKey.GetProperty("message").GetString(), Does.Contain("API key is wrong").And.Contain("-2015"));

        var (_, wrongSecret) = await Test(Key, "not-the-secret");
        Assert.That(wrongSecret.GetProperty("message").GetString(), Does.Contain("signature is not valid").And.Contain("-1022"));
    }

    [Test]
    public async Task A_private_key_we_cannot_sign_with_is_refused_with_the_reason_and_nothing_is_sent()
    {
        var (status, body) = await Test(Key, "-----BEGIN RSA PRIVATE KEY-----\\nMIIBOgIBAAJBAK==\\n-----END RSA PRIVATE KEY-----");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("connected").GetBoolean(), Is.False);
        Assert.That(body.GetProperty("message").GetString(), Does.Contain("PKCS#8"));
        Assert.That(_exchange!.Requests.ContainsKey("/api/v3/account"), Is.False);
    }

    [Test]
    public async Task A_skewed_clock_is_measured_and_the_test_still_connects()
    {
        _exchange!.Skew = TimeSpan.FromSeconds(-40);
        var (_, body) = await Test(Key, Secret);
        Assert.That(body.GetProperty("connected").GetBoolean(), Is.True, body.ToString());
        Assert.That(body.GetProperty("message").GetString(), Does.Match("clock offset -(39|40)\\d{3} ms"));
    }

    [Test]
    public async Task An_exchange_that_is_not_there_and_an_unknown_exchange_say_so()
    {
        _exchange!.Dispose();
        var (_, gone) = await Test(Key, Secret);
        Assert.That(gone.GetProperty("connected").GetBoolean(), Is.False);
        Assert.That(gone.GetProperty("message").GetString(), Does.Contain("did not answer its server time"));

        var (_, kraken) = await Post("/api/broker/test-connection", """{"brokerType":"crypto_exchange","exchange":"kraken"}""");
        Assert.That(kraken.GetProperty("message").GetString(), Does.Contain("'kraken'"));
        var (status, _) = await Post("/api/broker/test-connection", """{"brokerType":"crypto_exchange","testnet":"yes"}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}
