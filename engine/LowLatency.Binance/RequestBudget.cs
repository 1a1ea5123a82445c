using System.Globalization;
using System.Net.Http.Headers;

namespace LowLatency.Binance;

/// <summary>
/// Binance's request-weight and order-count limits as the exchange counts them: every answer's
/// <c>X-MBX-USED-WEIGHT-1M</c> and <c>X-MBX-ORDER-COUNT-10S</c> say what this IP and account have used in the
/// current window, so a request that would cross a limit (less a safety margin) is held back until the next window
/// instead of being sent to be refused. A 429 stops every request until its <c>Retry-After</c>; a 418 is a ban,
/// and nothing is sent before it ends. Thread-safe: REST calls come from several threads.
/// </summary>
public sealed class RequestBudget(int weightPerMinute, int ordersPer10Seconds, double margin = 0.9)
{
    private readonly object _gate = new();
    private int _usedWeight;
    private DateTimeOffset _weightWindow;
    private int _orders;
    private DateTimeOffset _orderWindow;
    private DateTimeOffset _retryAfter;

    /// <summary>Spot's documented limits: 6,000 request weight a minute, 100 orders per 10 seconds.</summary>
    public static RequestBudget Spot() => new(6_000, 100);

    /// <summary>USDⓈ-M futures' documented limits: 2,400 request weight a minute, 300 orders per 10 seconds.</summary>
    public static RequestBudget UsdMFutures() => new(2_400, 300);

    /// <summary>The documented limits of <paramref name="market"/>.</summary>
    public static RequestBudget For(BinanceMarket market) => market == BinanceMarket.Spot ? Spot() : UsdMFutures();

    /// <summary>When a 418 ban ends (default when none).</summary>
    public DateTimeOffset BannedUntil { get; private set; }

    /// <summary>The weight the exchange last said this minute had used.</summary>
    public int UsedWeight { get { lock (_gate) { return _usedWeight; } } }

    /// <summary>Null when a request of <paramref name="weight"/> (an order when <paramref name="isOrder"/>) may go now; else why not and until when.</summary>
    public (string Why, DateTimeOffset Until)? Check(int weight, bool isOrder, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (now < BannedUntil)
            {
                return ($"banned by Binance (HTTP 418) until {BannedUntil:O}", BannedUntil);
            }

            if (now < _retryAfter)
            {
                return ($"rate limited by Binance (HTTP 429) until {_retryAfter:O}", _retryAfter);
            }

            var minute = Window(now, TimeSpan.FromMinutes(1));
            if (minute == _weightWindow && _usedWeight + weight > weightPerMinute * margin)
            {
                return ($"request weight {_usedWeight} of {weightPerMinute} used this minute; {weight} more would cross the limit", minute.AddMinutes(1));
            }

            var tenSeconds = Window(now, TimeSpan.FromSeconds(10));
            if (isOrder && tenSeconds == _orderWindow && _orders + 1 > ordersPer10Seconds * margin)
            {
                return ($"{_orders} of {ordersPer10Seconds} orders used these 10 seconds", tenSeconds.AddSeconds(10));
            }

            return null;
        }
    }

    /// <summary>An answer arrived: its usage headers, and a 429's or 418's <c>Retry-After</c>.</summary>
    public void OnAnswer(int status, HttpResponseHeaders headers, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (TryHeader(headers, "X-MBX-USED-WEIGHT-1M", out var weight))
            {
                (_usedWeight, _weightWindow) = (weight, Window(now, TimeSpan.FromMinutes(1)));
            }

            if (TryHeader(headers, "X-MBX-ORDER-COUNT-10S", out var orders))
            {
                (_orders, _orderWindow) = (orders, Window(now, TimeSpan.FromSeconds(10)));
            }

            if (status is 429 or 418)
            {
                var wait = headers.RetryAfter?.Delta ?? (headers.RetryAfter?.Date is { } date ? date - now : TimeSpan.FromMinutes(1));
                if (status == 418)
                {
                    BannedUntil = now + wait;
                }
                else
                {
                    _retryAfter = now + wait;
                }
            }
        }
    }

    private static DateTimeOffset Window(DateTimeOffset now, TimeSpan length) => new(now.UtcTicks - (now.UtcTicks % length.Ticks), TimeSpan.Zero);

    private static bool TryHeader(HttpResponseHeaders headers, string name, out int value)
    {
        value = 0;
        return headers.TryGetValues(name, out var values) && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
