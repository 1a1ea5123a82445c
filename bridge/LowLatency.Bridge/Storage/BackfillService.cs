using System.Collections.Concurrent;
using System.Text.Json;
using LowLatency.Bridge.Analytics;
using LowLatency.Binance;
using LowLatency.History;
using LowLatency.History.Binance;

namespace LowLatency.Bridge.Storage;

/// <summary>
/// Binance's one-minute klines into the history store on demand, as jobs that report progress and can be polled
/// and cancelled. One runs at a time, and all share one REST client per market and network, so together they keep
/// within Binance's request-weight budget (klines need no key). Jobs are kept in memory while the bridge runs.
/// </summary>
public sealed class BackfillService(IBarStore store, JobBoard board) : IDisposable, IResumableJobs
{
    /// <summary>The kind's name on the <see cref="JobBoard"/>.</summary>
    public const string Kind = "backfill";

    private readonly ConcurrentDictionary<string, BackfillJob> _jobs = new();
    private readonly ConcurrentDictionary<(BinanceMarket, Uri), BinanceRestClient> _clients = new(); // by the address each job resolves: the budget is the host's
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    string IResumableJobs.Kind => Kind;

    public BackfillJob Start(string symbol, string exchangeSymbol, BinanceMarket market, bool testnet, long fromMs, long toMs) =>
        Start(new BoardedRequest(symbol, exchangeSymbol, market, testnet, fromMs, toMs), JobBoard.NewId(), 0);

    /// <summary>
    /// Runs again, from what <see cref="Start(string, string, BinanceMarket, bool, long, long)"/> put on the board, a
    /// backfill whose bridge stopped: the pages its first run wrote are written again, which the store takes idempotently.
    /// </summary>
    public void Resume(string id, string request, int attempt) =>
        Start(JsonSerializer.Deserialize<BoardedRequest>(request, Realtime.Frames.Json) ?? throw new JsonException("an empty request"), id, attempt);

    private BackfillJob Start(BoardedRequest r, string id, int attempt)
    {
        var job = new BackfillJob(id, r.Symbol, r.ExchangeSymbol, r.Market, r.Testnet, r.FromMs, r.ToMs);
        _jobs[job.Id] = job;
        board.Track(Kind, id, attempt, JsonSerializer.Serialize(r, Realtime.Frames.Json), () => job.Status, () => JobViews.Backfill(job),
            lost: () =>
            {
                _jobs.TryRemove(KeyValuePair.Create(id, job));
                job.Cancel();
            },
            () => job.Cancel());
        _ = Task.Run(() => RunAsync(job));
        return job;
    }

    public BackfillJob? Find(string id) => _jobs.TryGetValue(id, out var job) ? job : null;

    public void Dispose()
    {
        foreach (var job in _jobs.Values)
        {
            job.Cancel();
        }

        _http.Dispose();
        _oneAtATime.Dispose();
    }

    private async Task RunAsync(BackfillJob job)
    {
        try
        {
            await _oneAtATime.WaitAsync(job.Cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            job.Cancelled();
            return;
        }

        try
        {
            job.Running();
            var client = _clients.GetOrAdd((job.Market, BinanceEndpoints.Rest(job.Market, job.Testnet)), key =>
                new BinanceRestClient(_http, key.Item2, key.Item1, credentials: null, RequestBudget.For(key.Item1)));
            var result = await KlineBackfill.RunAsync(client, job.Market, job.ExchangeSymbol, job.Symbol, job.FromMs, job.ToMs, store, job.ReportProgress, cancel: job.Cancellation)
                .ConfigureAwait(false);
            job.Complete(result);
        }
        catch (OperationCanceledException)
        {
            job.Cancelled(); // the pages written so far stay: a later backfill over the span rewrites them idempotently
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException or IOException)
        {
            job.Fail(e.Message);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>A backfill as the board keeps it, so that any bridge can run it.</summary>
    private sealed record BoardedRequest(string Symbol, string ExchangeSymbol, BinanceMarket Market, bool Testnet, long FromMs, long ToMs);
}
