using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using LowLatency.Binance;

namespace LowLatency.BinanceEmulator;

/// <summary>
/// Binance's REST API as its documentation describes it, on a free loopback port: <c>/api/v3/time</c>, a signed
/// <c>/api/v3/account</c> that checks the key, the HMAC signature and the timestamp against its own clock
/// (<c>-2015</c>, <c>-1022</c>, <c>-1021</c>), the <c>X-MBX-USED-WEIGHT-1M</c> header on every answer, and faults
/// on request (a 429 or 418 with <c>Retry-After</c>, a 503 before or after acting, a clock running ahead of ours), listen keys
/// (<c>/api/v3/userDataStream</c>: <c>POST</c>, <c>PUT</c>, lapsing on request), klines, and the signed order endpoints of <see cref="Book"/>;
/// the same for USDⓈ-M futures under <c>/fapi/</c> (<see cref="Futures"/>, <c>/fapi/v1/listenKey</c>).
/// </summary>
public sealed class BinanceRestEmulator : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _apiKey;
    private readonly string _secret;
    private readonly byte[]? _ed25519PublicKey;
    private readonly ConcurrentQueue<(int Status, int RetryAfterSeconds, bool Acted)> _faults = new();
    private readonly ConcurrentDictionary<string, bool> _listenKeys = new();
    private string? _lastKey;
    private int _usedWeight;
    private int _keepAlives;

    /// <param name="ed25519PublicKey">The account's key is an Ed25519 key with this public half: signatures are checked with it instead of the HMAC secret.</param>
    public BinanceRestEmulator(string apiKey, string secret, byte[]? ed25519PublicKey = null)
    {
        (_apiKey, _secret, _ed25519PublicKey) = (apiKey, secret, ed25519PublicKey);
        BaseUrl = new Uri($"http://127.0.0.1:{LoopbackListener.Start(_listener)}/");
        _ = Task.Run(() => LoopbackListener.AcceptAsync(_listener, ServeAsync));
    }

    public Uri BaseUrl { get; }

    /// <summary>How far the exchange's clock runs ahead of ours.</summary>
    public TimeSpan Skew { get; set; }

    /// <summary>The weight the next answer reports as used before it (the exchange's count of this minute).</summary>
    public int UsedWeight { get => _usedWeight; set => _usedWeight = value; }

    public ConcurrentDictionary<string, int> Requests { get; } = new();

    /// <summary>The listen keys handed out.</summary>
    public IReadOnlyCollection<string> ListenKeys => _listenKeys.Keys.ToArray();

    /// <summary>Keep-alives accepted.</summary>
    public int KeepAlives => _keepAlives;

    /// <summary>Lets <paramref name="listenKey"/> lapse: its keep-alive is refused from now on (<c>-1125</c>).</summary>
    public void Expire(string listenKey) => _listenKeys[listenKey] = false;

    /// <summary>Minutes (their open times) the exchange has no kline for.</summary>
    public ConcurrentDictionary<long, bool> MissingKlines { get; } = new();

    /// <summary>
    /// The next answer is <paramref name="status"/>; with <paramref name="acted"/> the exchange did what was asked
    /// first (an answer lost after the act: its outcome unknown to the client), otherwise nothing happened.
    /// </summary>
    public void FailNext(int status, int retryAfterSeconds = 0, bool acted = true) => _faults.Enqueue((status, retryAfterSeconds, acted));

    /// <summary>What <c>/api/v3/depth</c> answers (a test sets the book's snapshot; null: <c>-1121</c>).</summary>
    public string? DepthSnapshot { get; set; }

    /// <summary>Whether <c>/api/v3/exchangeInfo</c> answers (false: 503, so a client knows no filters).</summary>
    public bool ExchangeInfoAvailable { get; set; } = true;

    /// <summary>The spot account's orders (the matching book and its user data events).</summary>
    public EmulatedSpotBook Book { get; } = new();

    /// <summary>The USDⓈ-M futures account's orders and positions, under <c>/fapi/</c> on the same port.</summary>
    public EmulatedFuturesBook Futures { get; } = new();

    public void Dispose() => _listener.Close();

    private async Task ServeAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        Requests.AddOrUpdate(path, 1, (_, n) => n + 1);
        var weight = Interlocked.Add(ref _usedWeight, path.EndsWith("/account", StringComparison.Ordinal) ? 20 : path.EndsWith("/klines", StringComparison.Ordinal) ? 2 : 1);
        context.Response.Headers["X-MBX-USED-WEIGHT-1M"] = weight.ToString(CultureInfo.InvariantCulture);
        var faulted = _faults.TryDequeue(out var fault);
        var (status, body) = faulted && !fault.Acted ? (0, "") : Answer(context.Request, path);
        if (faulted)
        {
            (status, body) = (fault.Status, fault.Status == 503 ? "Service Unavailable" : """{"code":-1003,"msg":"Too many requests; current limit is 6000 request weight per 1 MINUTE."}""");
            if (fault.RetryAfterSeconds > 0)
            {
                context.Response.Headers["Retry-After"] = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            }
        }

        context.Response.StatusCode = status;
        var bytes = Encoding.UTF8.GetBytes(body);
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private (int Status, string Body) Answer(HttpListenerRequest request, string path)
    {
        var now = DateTimeOffset.UtcNow + Skew;
        var futures = path.StartsWith("/fapi/", StringComparison.Ordinal);
        var market = futures ? path[..path.IndexOf('/', 6)] : "/api/v3"; // /fapi/v1, /fapi/v2, /api/v3
        EmulatedBook book = futures ? Futures : Book;
        switch (path[market.Length..])
        {
            case "/time":
                return (200, $$"""{"serverTime":{{now.ToUnixTimeMilliseconds()}}}""");
            case "/klines":
                return Klines(request, now.ToUnixTimeMilliseconds());
            case "/exchangeInfo":
                return ExchangeInfoAvailable ? (200, book.ExchangeInfo(now.ToUnixTimeMilliseconds())) : (503, "Service Unavailable");
            case "/depth":
                return DepthSnapshot is { } snapshot ? (200, snapshot) : (400, """{"code":-1121,"msg":"Invalid symbol."}""");
            default:
                break;
        }

        var orders = book.Serves(path);
        var listenKey = path is "/api/v3/userDataStream" or "/fapi/v1/listenKey";
        var account = path is "/api/v3/account" or "/fapi/v2/account" or "/fapi/v3/account" or "/fapi/v2/balance";
        if (!account && !listenKey && !orders)
        {
            return (404, """{"code":-1100,"msg":"Unknown path."}""");
        }

        if (request.Headers["X-MBX-APIKEY"] != _apiKey)
        {
            return (401, """{"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}""");
        }

        if (listenKey)
        {
            return ListenKey(request, futures);
        }

        var query = request.Url!.Query.TrimStart('?');
        var at = query.LastIndexOf("&signature=", StringComparison.Ordinal);
        if (at < 0 || !Signed(query[..at], query[(at + "&signature=".Length)..]))
        {
            return (400, """{"code":-1022,"msg":"Signature for this request is not valid."}""");
        }

        var parameters = System.Web.HttpUtility.ParseQueryString(query);
        var timestamp = long.Parse(parameters["timestamp"]!, CultureInfo.InvariantCulture);
        var window = long.Parse(parameters["recvWindow"] ?? "5000", CultureInfo.InvariantCulture);
        var serverMs = now.ToUnixTimeMilliseconds();
        if (timestamp >= serverMs + 1000 || serverMs - timestamp > window)
        {
            return (400, """{"code":-1021,"msg":"Timestamp for this request is outside of the recvWindow."}""");
        }

        return orders ? book.Handle(request.HttpMethod, path, parameters) : (200, futures ? FuturesAccount : SpotAccount);
    }

    private const string SpotAccount = """{"makerCommission":15,"takerCommission":15,"canTrade":true,"canWithdraw":true,"canDeposit":true,"accountType":"SPOT","balances":[{"asset":"BTC","free":"4723846.89208129","locked":"0.00000000"}],"permissions":["SPOT"]}""";

    private const string FuturesAccount = """{"feeTier":0,"canTrade":true,"canDeposit":true,"canWithdraw":true,"updateTime":0,"multiAssetsMargin":false,"totalInitialMargin":"0","totalMaintMargin":"0","totalWalletBalance":"100000","totalUnrealizedProfit":"0","totalMarginBalance":"100000","availableBalance":"100000","maxWithdrawAmount":"100000","assets":[{"asset":"USDT","walletBalance":"100000.00000000","unrealizedProfit":"12.50000000","marginBalance":"100012.50000000","availableBalance":"99800.25000000","maxWithdrawAmount":"99800.25000000","marginAvailable":true,"updateTime":0},{"asset":"BNB","walletBalance":"0.00000000","unrealizedProfit":"0.00000000","marginBalance":"0.00000000","availableBalance":"0.00000000","maxWithdrawAmount":"0.00000000","marginAvailable":true,"updateTime":0}],"positions":[]}""";

    /// <summary>Whether <paramref name="signature"/> signs <paramref name="payload"/> with the account's key (HMAC hex, or Ed25519 base64 percent-encoded).</summary>
    private bool Signed(string payload, string signature)
    {
        if (_ed25519PublicKey is null)
        {
            return BinanceSignature.HmacSha256(_secret, payload) == signature;
        }

        try
        {
            return BinanceEd25519Key.Verify(_ed25519PublicKey, Encoding.UTF8.GetBytes(payload), Convert.FromBase64String(Uri.UnescapeDataString(signature)));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary><c>POST</c> a new listen key (valid 60 minutes); <c>PUT</c> keeps one alive; an unknown or lapsed one is <c>-1125</c>.</summary>
    private (int Status, string Body) ListenKey(HttpListenerRequest request, bool futures)
    {
        if (request.HttpMethod == "POST")
        {
            var key = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
            _listenKeys[key] = true;
            _lastKey = key;
            return (200, $$"""{"listenKey":"{{key}}"}""");
        }

        var named = request.QueryString["listenKey"] ?? (futures ? _lastKey ?? "" : ""); // futures keeps the account's one key alive, named by none
        if (!_listenKeys.TryGetValue(named, out var live) || !live)
        {
            return (400, """{"code":-1125,"msg":"This listenKey does not exist."}""");
        }

        Interlocked.Increment(ref _keepAlives);
        return (200, futures ? $$"""{"listenKey":"{{named}}"}""" : "{}");
    }

    /// <summary>One-minute klines from <c>startTime</c> to <c>endTime</c>, at most <c>limit</c>, up to the forming one: made from the minute's index, so any test can predict them.</summary>
    private (int Status, string Body) Klines(HttpListenerRequest request, long nowMs)
    {
        var q = request.QueryString;
        if (q["interval"] != "1m" || !long.TryParse(q["startTime"], CultureInfo.InvariantCulture, out var start) || !long.TryParse(q["endTime"], CultureInfo.InvariantCulture, out var end))
        {
            return (400, """{"code":-1120,"msg":"Invalid interval."}""");
        }

        var limit = int.TryParse(q["limit"], CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 1000) : 500;
        var rows = new List<string>();
        for (var t = start - (start % 60_000) + (start % 60_000 == 0 ? 0 : 60_000); t <= end && t <= nowMs && rows.Count < limit; t += 60_000)
        {
            if (!MissingKlines.ContainsKey(t))
            {
                var price = 100 + ((t / 60_000) % 1000);
                rows.Add(string.Create(CultureInfo.InvariantCulture, $"""[{t},"{price}.10","{price}.50","{price}.00","{price}.20","12.5",{t + 59_999},"1250.0",7,"6.0","600.0","0"]"""));
            }
        }

        return (200, $"[{string.Join(',', rows)}]");
    }
}
