using System.Globalization;
using LowLatency.Analytics;
using LowLatency.Binance;
namespace LowLatency.History.Binance;

/// <summary>
/// Fills the history store with Binance's one-minute klines over a span, by REST, a page of
/// <see cref="PageSize"/> at a time: within the request-weight budget (a held request waits until the budget says
/// it may go; a 429 waits its <c>Retry-After</c>), closed klines only (a forming one would be replaced by its final
/// form later anyway), written by the store's rule (source <c>binance</c>: a market's bar replaces what the slot
/// held), so a repeated or overlapping backfill is idempotent. Minutes Binance has no kline for are reported as gaps,
/// never filled in.
/// </summary>
public static class KlineBackfill
{
    public const int PageSize = 1000;

    private const long Minute = 60_000;

    /// <param name="progress">The fraction of the span done (0–1), after each page.</param>
    /// <exception cref="InvalidOperationException">Binance refused a request, or answered with something that is not klines.</exception>
    public static async Task<KlineBackfillResult> RunAsync(BinanceRestClient client, BinanceMarket market, string exchangeSymbol, string symbol, long fromMs, long toMs,
        IBarStore store, Action<double>? progress = null, TimeProvider? time = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(fromMs, toMs);
        time ??= TimeProvider.System;
        var (path, weight) = market == BinanceMarket.Spot ? ("/api/v3/klines", 2) : ("/fapi/v1/klines", 5); // futures: weight 5 for 500–1000 rows
        ArgumentNullException.ThrowIfNull(store);
        var gaps = new List<(long, long)>();
        long rows = 0, previous = 0;
        var requests = 0;
        for (var start = fromMs - (fromMs % Minute); start < toMs;)
        {
            var answer = await PageAsync(client, path, weight, string.Create(CultureInfo.InvariantCulture,
                $"symbol={exchangeSymbol}&interval=1m&startTime={start}&endTime={toMs - 1}&limit={PageSize}"), time, cancel).ConfigureAwait(false);
            requests++;
            var klines = KlineReader.ReadRest(answer.Body, time.GetUtcNow().ToUnixTimeMilliseconds(), out var why)
                ?? throw new InvalidOperationException($"Binance klines for {exchangeSymbol}: {why}");
            var closed = klines.Where(k => k.Closed && k.OpenTimeMs >= start && k.OpenTimeMs < toMs).ToList();
            var page = new List<BarWrite>(closed.Count);
            foreach (var k in closed)
            {
                if (previous > 0 && k.OpenTimeMs - previous > Minute)
                {
                    gaps.Add((previous, ((k.OpenTimeMs - previous) / Minute) - 1));
                }

                page.Add(KlineRows.Bar(symbol, k));
                previous = k.OpenTimeMs;
            }

            store.Write(page);
            rows += page.Count;

            if (klines.Count < PageSize || closed.Count == 0)
            {
                break; // the span's end, or nothing closed yet beyond here
            }

            start = closed[^1].OpenTimeMs + Minute;
            progress?.Invoke(Math.Clamp((double)(start - fromMs) / (toMs - fromMs), 0, 1));
        }

        progress?.Invoke(1);
        return new KlineBackfillResult(rows, requests, gaps);
    }

    /// <summary>One page: sent once the budget allows, again after a 429's wait or a lost answer; any other refusal ends the backfill.</summary>
    private static async Task<BinanceAnswer> PageAsync(BinanceRestClient client, string path, int weight, string query, TimeProvider time, CancellationToken cancel)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (client.Budget.Check(weight, isOrder: false, time.GetUtcNow()) is { } held)
            {
                if (client.Budget.BannedUntil > time.GetUtcNow())
                {
                    throw new InvalidOperationException($"Binance klines: {held.Why}");
                }

                await Task.Delay(held.Until - time.GetUtcNow() + TimeSpan.FromMilliseconds(10), time, cancel).ConfigureAwait(false);
                continue;
            }

            var answer = await client.PublicAsync(path, query, weight, cancel).ConfigureAwait(false);
            if (answer.Ok)
            {
                return answer;
            }

            if ((answer.Status != 429 && answer.Unknown is null) || attempt >= 5) // a GET lost or answered 5xx changed nothing: asked again
            {
                throw new InvalidOperationException($"Binance klines: {answer}");
            }

            if (answer.Unknown is not null)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 << attempt), time, cancel).ConfigureAwait(false); // the exchange unreachable or failing: not at once again
            }
        }
    }
}
