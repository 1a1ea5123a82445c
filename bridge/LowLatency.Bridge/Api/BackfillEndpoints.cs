using LowLatency.Binance;
using LowLatency.Bridge.Analytics;
using LowLatency.Bridge.Storage;
using LowLatency.Engine.MarketData;

namespace LowLatency.Bridge.Api;

/// <summary>
/// Binance klines into the history store on demand: <c>POST /api/history/backfill</c> starts a job (202, with the
/// address to poll), <c>GET /api/history/backfill/{id}</c> gives its progress and, once done, the bars written, the
/// requests made and the minutes Binance had no kline for; <c>DELETE</c> cancels it.
/// </summary>
public static class BackfillEndpoints
{
    /// <summary>The longest span one job fetches (Binance keeps years; a year is already ~525 requests).</summary>
    private static readonly TimeSpan MaxSpan = TimeSpan.FromDays(366);

    private static readonly HashSet<string> Fields = ["symbol", "exchange", "exchangeSymbol", "testnet", "minutes", "from", "to"];

    public static void MapBackfill(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/history/backfill", Start);
        app.MapGet("/api/history/backfill/{id}", (string id, BackfillService backfills, JobBoard board) =>
            JobPolls.Answer(backfills.Find(id) is { } job ? JobViews.Backfill(job) : null, board, BackfillService.Kind, id, What));
        app.MapDelete("/api/history/backfill/{id}", (string id, BackfillService backfills, JobBoard board) =>
        {
            if (backfills.Find(id) is { } job)
            {
                return job.Cancel() ? Results.Json(JobViews.Backfill(job), statusCode: StatusCodes.Status202Accepted) : Finished(id, job.Status);
            }

            // Another bridge's job: the flag is carried out by that bridge at its next heartbeat.
            return JobPolls.FromBoard(() => board.RequestCancel(BackfillService.Kind, id) is not { } status ? JobPolls.Unknown(board, What, id)
                : BoardedJob.Ended(status) ? Finished(id, status)
                : Results.Text(board.View(BackfillService.Kind, id) ?? "{}", "application/json", statusCode: StatusCodes.Status202Accepted));
        });
    }

    private static async Task<IResult> Start(HttpRequest request, InstrumentRegistry registry, BackfillService backfills)
    {
        var (body, problem) = await RequestBody.ReadAsync(request, Fields).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var symbol = body!.String("symbol", out var e1);
        var exchange = body.String("exchange", out var e2) ?? "binance";
        var exchangeSymbol = body.String("exchangeSymbol", out var e3);
        var testnet = body.Boolean("testnet", out var e4) ?? false;
        var minutes = body.Number("minutes", out var e5);
        var from = body.Date("from", out var e6);
        var to = body.Date("to", out var e7) ?? DateTimeOffset.UtcNow;
        if ((e1 ?? e2 ?? e3 ?? e4 ?? e5 ?? e6 ?? e7) is { } error)
        {
            return Problems.BadRequest(error);
        }

        if (symbol is null || !registry.TryResolve(symbol, out var instrument))
        {
            return Problems.BadRequest(symbol is null ? "'symbol' is required (an instrument, e.g. BTC-USD)" : $"unknown symbol '{symbol}'");
        }

        if (BinanceExchanges.Market(exchange) is not { } market)
        {
            return Problems.BadRequest($"'exchange' must be {BinanceExchanges.Names}, not '{exchange}'");
        }

        if (exchangeSymbol is not null && (exchangeSymbol.Length is 0 or > 20 || !exchangeSymbol.All(char.IsAsciiLetterOrDigit)))
        {
            return Problems.BadRequest($"'exchangeSymbol' must be Binance's symbol (letters and digits, e.g. BTCUSDT), not '{exchangeSymbol}'");
        }

        if ((minutes is null) == (from is null))
        {
            return Problems.BadRequest("give either 'minutes' (back from 'to' or now) or 'from'");
        }

        if (minutes is { } m && (m < 1 || m > (decimal)MaxSpan.TotalMinutes || m != decimal.Truncate(m)))
        {
            return Problems.BadRequest($"'minutes' must be a whole number from 1 to {MaxSpan.TotalMinutes:0}");
        }

        var start = from ?? to - TimeSpan.FromMinutes((double)minutes!.Value);
        if (start >= to || to - start > MaxSpan || to > DateTimeOffset.UtcNow.AddMinutes(1))
        {
            return Problems.BadRequest(start >= to ? "'from' must be before 'to'" : to - start > MaxSpan ? $"at most {MaxSpan.TotalDays:0} days in one backfill" : "'to' is in the future");
        }

        var job = backfills.Start(instrument.Symbol, (exchangeSymbol ?? BinanceSymbol.Of(instrument.Symbol, instrument.Aliases)).ToUpperInvariant(), market, testnet,
            start.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
        return Results.Json(JobViews.Backfill(job), statusCode: StatusCodes.Status202Accepted);
    }

    private static IResult Finished(string id, string status) => Problems.Of(StatusCodes.Status409Conflict, "Finished", $"backfill '{id}' has already {status}");

    private const string What = "backfill job";
}
