using System.Globalization;
using System.Text.Json;

namespace LowLatency.Binance;

/// <summary>
/// Binance's REST API, spot or USDⓈ-M futures: public and signed requests (HMAC-SHA256 over the query, the key in
/// <c>X-MBX-APIKEY</c>), the server clock's offset measured and added to every <c>timestamp</c>, a <c>-1021</c>
/// ("outside of the recvWindow") answered by measuring the clock again and sending once more (the exchange refused
/// the first, so nothing is doubled), and every request checked against the <see cref="RequestBudget"/> first. It
/// never retries anything else: an answer that leaves the outcome open (a timeout, a lost connection, a 5xx) comes
/// back as <see cref="BinanceAnswer.Unknown"/> for the caller to resolve by a query.
/// </summary>
public sealed class BinanceRestClient(HttpClient http, Uri baseUrl, BinanceMarket market, BinanceCredentials? credentials, RequestBudget budget,
    int recvWindowMs = 5_000, TimeProvider? time = null)
{
    /// <summary>Binance's code for a timestamp outside the request's <c>recvWindow</c> (the clocks disagree).</summary>
    public const int TimestampOutsideRecvWindow = -1021;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private long _offsetMs;

    /// <summary>Server time minus ours, as last measured.</summary>
    public TimeSpan ClockOffset => TimeSpan.FromMilliseconds(Interlocked.Read(ref _offsetMs));

    /// <summary>How often a <c>-1021</c> made us measure the clock again.</summary>
    public int ClockResyncs { get; private set; }

    public RequestBudget Budget => budget;

    private string TimePath => market == BinanceMarket.Spot ? "/api/v3/time" : "/fapi/v1/time";

    /// <summary>Measures the server clock: its <c>serverTime</c> against the middle of our round trip.</summary>
    public async Task<BinanceAnswer> SyncClockAsync(CancellationToken cancel)
    {
        var sent = _time.GetUtcNow();
        var answer = await SendAsync(HttpMethod.Get, TimePath, "", weight: 1, isOrder: false, signed: false, cancel).ConfigureAwait(false);
        if (!answer.Ok)
        {
            return answer;
        }

        var received = _time.GetUtcNow();
        using var document = JsonDocument.Parse(answer.Body);
        if (!document.RootElement.TryGetProperty("serverTime", out var serverTime) || !serverTime.TryGetInt64(out var serverMs))
        {
            return answer with { Message = "the time answer has no serverTime" };
        }

        var middle = sent + ((received - sent) / 2);
        Interlocked.Exchange(ref _offsetMs, serverMs - middle.ToUnixTimeMilliseconds());
        return answer;
    }

    public Task<BinanceAnswer> PublicAsync(string path, string query, int weight, CancellationToken cancel) =>
        SendAsync(HttpMethod.Get, path, query, weight, isOrder: false, signed: false, cancel);

    /// <summary>A request that carries the API key but no signature (Binance's USER_STREAM and MARKET_DATA security types: the listen key).</summary>
    public Task<BinanceAnswer> KeyedAsync(HttpMethod method, string path, string query, int weight, CancellationToken cancel) =>
        credentials is null ? Task.FromResult(BinanceAnswer.Refused(BinanceCredentials.Missing)) : SendAsync(method, path, query, weight, isOrder: false, signed: false, cancel);

    /// <summary>
    /// The account: spot's <c>GET /api/v3/account</c> (weight 20; balances, permissions, <c>canTrade</c>; zero balances
    /// left out), futures' <c>GET /fapi/v2/account</c> (weight 5; <c>canTrade</c>, each margin asset's balances).
    /// </summary>
    public Task<BinanceAnswer> AccountAsync(CancellationToken cancel) => market == BinanceMarket.Spot
        ? SignedAsync(HttpMethod.Get, "/api/v3/account", "omitZeroBalances=true", weight: 20, isOrder: false, cancel)
        : SignedAsync(HttpMethod.Get, "/fapi/v2/account", "", weight: 5, isOrder: false, cancel);

    /// <summary>A signed request (orders, account, user data): its parameters in the query, signed with the timestamp and recvWindow.</summary>
    public async Task<BinanceAnswer> SignedAsync(HttpMethod method, string path, string query, int weight, bool isOrder, CancellationToken cancel)
    {
        if (credentials is null)
        {
            return BinanceAnswer.Refused(BinanceCredentials.Missing);
        }

        var answer = await SendAsync(method, path, query, weight, isOrder, signed: true, cancel).ConfigureAwait(false);
        if (answer.Code != TimestampOutsideRecvWindow)
        {
            return answer;
        }

        ClockResyncs++;
        var clock = await SyncClockAsync(cancel).ConfigureAwait(false);
        return clock.Ok ? await SendAsync(method, path, query, weight, isOrder, signed: true, cancel).ConfigureAwait(false) : answer;
    }

    private async Task<BinanceAnswer> SendAsync(HttpMethod method, string path, string query, int weight, bool isOrder, bool signed, CancellationToken cancel)
    {
        var now = _time.GetUtcNow();
        if (budget.Check(weight, isOrder, now) is { } held)
        {
            return BinanceAnswer.Refused($"{held.Why}; may go at {held.Until:O}");
        }

        var parameters = signed ? Sign(query, now) : query;
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, parameters.Length == 0 ? path : $"{path}?{parameters}"));
        if (credentials is not null)
        {
            request.Headers.Add("X-MBX-APIKEY", credentials.ApiKey);
        }

        try
        {
            using var response = await http.SendAsync(request, cancel).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            budget.OnAnswer(status, response.Headers, _time.GetUtcNow());
            var (code, message) = status >= 400 ? ReadError(body) : (0, null);
            var answer = new BinanceAnswer(status, body, code, message);
            return status >= 500 ? answer with { Unknown = $"HTTP {status}: the exchange may or may not have acted" } : answer;
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancel.IsCancellationRequested))
        {
            return BinanceAnswer.Lost(e.Message);
        }
    }

    /// <summary>
    /// The parameters of a WebSocket API <c>userDataStream.subscribe.signature</c> request (<c>apiKey</c>,
    /// <c>timestamp</c> on the server's clock, <c>signature</c> over them in alphabetical order) as JSON members;
    /// null without credentials.
    /// </summary>
    public string? UserDataSubscriptionParameters()
    {
        if (credentials is null)
        {
            return null;
        }

        var timestamp = _time.GetUtcNow().ToUnixTimeMilliseconds() + Interlocked.Read(ref _offsetMs);
        var payload = string.Create(CultureInfo.InvariantCulture, $"apiKey={credentials.ApiKey}&timestamp={timestamp}");
        return string.Create(CultureInfo.InvariantCulture,
            $"\"apiKey\":{JsonSerializer.Serialize(credentials.ApiKey)},\"timestamp\":{timestamp},\"signature\":{JsonSerializer.Serialize(BinanceSignature.Raw(credentials, payload))}");
    }

    private string Sign(string query, DateTimeOffset now)
    {
        var timestamp = now.ToUnixTimeMilliseconds() + Interlocked.Read(ref _offsetMs);
        var payload = string.Create(CultureInfo.InvariantCulture, $"{query}{(query.Length > 0 ? "&" : "")}recvWindow={recvWindowMs}&timestamp={timestamp}");
        return $"{payload}&signature={BinanceSignature.For(credentials!, payload)}";
    }

    private static (int Code, string? Message) ReadError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("code", out var code) && code.TryGetInt32(out var value)
                ? (value, root.TryGetProperty("msg", out var msg) ? msg.GetString() : null)
                : (0, body);
        }
        catch (JsonException)
        {
            return (0, body.Length > 200 ? body[..200] : body);
        }
    }
}
