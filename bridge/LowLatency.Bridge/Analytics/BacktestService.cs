using System.Collections.Concurrent;
using System.Text.Json;
using LowLatency.Bridge.Configuration;
using LowLatency.Bridge.Realtime;
using LowLatency.Bridge.Storage;
using LowLatency.Engine.Backtest;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.Strategies;
using LowLatency.History;
using LowLatency.Work;
using Microsoft.Extensions.Options;

namespace LowLatency.Bridge.Analytics;

/// <summary>
/// Runs the engine's backtester (the same pipeline code as live) in the bridge process, one job at a time (the
/// machine is small and the engine comes first), or on a worker when <c>Bridge:Work:Nats</c> is set (with the
/// same inputs, so the same report), on the history store's bars where they cover the range (the
/// finest timeframe that does), else on seeded synthetic history, saying which, reporting progress. Jobs are kept
/// in memory while the bridge runs and their requests and reports in the history store.
/// </summary>
public sealed class BacktestService(InstrumentRegistry registry, AccountOptions account, RiskLimits risk, BridgeStore store, IBarStore bars, WorkQueue work, IOptions<BridgeOptions> options, JobBoard board)
    : IDisposable, IResumableJobs
{
    /// <summary>The kind's name on the <see cref="JobBoard"/>.</summary>
    public const string Kind = "backtest";

    private const long MaxTicks = 20_000_000;
    private readonly ConcurrentDictionary<string, BacktestJob> _jobs = new();
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>The strategy for a request: the named one, else a shipped one on that instrument, else the first shipped one moved onto it. Error text otherwise.</summary>
    public (StrategyDefinition? Definition, string File, string? Error) ChooseStrategy(string? name, Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var all = StrategyLoader.LoadDefinitions(options.Value.Strategies);
        if (name is not null)
        {
            var named = all.FirstOrDefault(d => string.Equals(d.Definition.Name, name, StringComparison.OrdinalIgnoreCase));
            return named.Definition is null ? (null, "", $"no strategy named '{name}'; known: {string.Join(", ", all.Select(d => d.Definition.Name))}") : (named.Definition, named.File, null);
        }

        var onInstrument = all.FirstOrDefault(d => d.Definition.Symbols.Any(s => registry.TryResolve(s, out var i) && i.Id == instrument.Id));
        var chosen = onInstrument.Definition is not null ? onInstrument : all.Count > 0 ? all[0] : default;
        return chosen.Definition is null ? (null, "", "no strategy files") : (chosen.Definition, chosen.File, null);
    }

    string IResumableJobs.Kind => Kind;

    public BacktestJob Start(BacktestRequest request) => Start(request, JobBoard.NewId(), 0);

    /// <summary>Runs again, from what <see cref="Start(BacktestRequest)"/> put on the board, a job whose bridge stopped.</summary>
    public void Resume(string id, string request, int attempt) =>
        Start(JsonSerializer.Deserialize<BacktestRequest>(request, Frames.Json) ?? throw new JsonException("an empty request"), id, attempt);

    private BacktestJob Start(BacktestRequest request, string id, int attempt)
    {
        ArgumentNullException.ThrowIfNull(request);
        _ = registry[request.InstrumentId]; // a request from the board names an instrument this bridge must know
        var job = new BacktestJob(id, request);
        _jobs[job.Id] = job;
        Save(job);
        board.Track(Kind, id, attempt, JsonSerializer.Serialize(job.Request, Frames.Json), () => job.Status, () => JobViews.Backtest(job),
            lost: () => _jobs.TryRemove(KeyValuePair.Create(id, job))); // its run cannot be stopped, but it no longer answers for the job
        _ = Task.Run(() => RunAsync(job, attempt));
        return job;
    }

    public void Dispose() => _oneAtATime.Dispose();

    /// <summary>Runs CPU-heavy work (an optimisation's backtests) under the same one-at-a-time rule as backtest jobs.</summary>
    public async Task<T> ExclusiveAsync<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _oneAtATime.WaitAsync().ConfigureAwait(false);
        try
        {
            return await Task.Run(work).ConfigureAwait(false);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>The history store's bars covering the range (the finest timeframe that does), or null: what every backtest here runs on when there.</summary>
    public HistoryBars? Stored(Instrument instrument, long fromMs, long toMs)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return StoredHistory.Covering(bars, instrument.Symbol, fromMs, toMs);
    }

    public BacktestJob? Find(string id) => _jobs.TryGetValue(id, out var job) ? job : null;

    /// <summary>The job on this bridge's cores, one at a time, or on a worker when <c>Bridge:Work:Nats</c> is set: the same inputs, so the same report.</summary>
    private async Task RunAsync(BacktestJob job, int attempt)
    {
        var local = !work.Enabled;
        if (local)
        {
            await _oneAtATime.WaitAsync().ConfigureAwait(false);
        }

        try
        {
            job.Running();
            var request = job.Request;
            var instrument = registry[request.InstrumentId];
            var (definition, file, error) = ChooseStrategy(request.Strategy, instrument);
            if (definition is null)
            {
                job.Fail(error!);
                return;
            }

            var history = Stored(instrument, request.From.ToUnixTimeMilliseconds(), request.To.ToUnixTimeMilliseconds());
            var capital = account with { InitialBalance = request.InitialCapital };
            var seed = (ulong)options.Value.SyntheticSeed;
            var result = local
                ? StrategyBacktest.Run(registry, definition, file, instrument, request.From, request.To, MaxTicks, seed, capital, risk, history, job.ReportProgress)
                : await OnWorkerAsync(job, new BacktestTask
                {
                    Job = JobBoard.WorkId(job.Id, attempt), Task = 1, Definition = definition, File = file, Symbol = instrument.Symbol, From = request.From, To = request.To,
                    MaxTicks = MaxTicks, Seed = seed, Account = capital, Risk = risk, History = HistoryWindow.Of(history, request.From, request.To), WholeResult = true,
                }).ConfigureAwait(false);
            job.Complete(BacktestReport.From(result, request.Symbol));
        }
        catch (Exception e) when (e is LowLatency.Engine.Configuration.ConfigException or ArgumentException or InvalidOperationException or TimeoutException or NATS.Client.Core.NatsException)
        {
            job.Fail(e.Message);
        }
        finally
        {
            if (local)
            {
                _oneAtATime.Release();
            }

            Save(job);
        }
    }

    private async Task<BacktestResult> OnWorkerAsync(BacktestJob job, BacktestTask task)
    {
        await using var remote = await work.OpenJobAsync(task.Job, CancellationToken.None).ConfigureAwait(false);
        var done = await remote.RunAsync(task, CancellationToken.None, job.ReportProgress).ConfigureAwait(false);
        return await remote.TakeWholeResultAsync(done, CancellationToken.None).ConfigureAwait(false);
    }

    private void Save(BacktestJob job)
    {
        var request = JsonSerializer.Serialize(job.Request, Frames.Json);
        var report = job.Report is null ? null : JsonSerializer.Serialize(job.Report, Frames.Json);
        var (status, progress, error, created) = (job.Status, job.Progress, job.Error, job.Created.ToUnixTimeMilliseconds());
        store.Write(c =>
        {
            c.CommandText = """
                INSERT INTO backtests (id, created, status, progress, request, result, error) VALUES ($id, $c, $s, $p, $q, $r, $e)
                ON CONFLICT (id) DO UPDATE SET status = excluded.status, progress = excluded.progress, result = excluded.result, error = excluded.error
                """;
            c.Parameters.AddWithValue("$id", job.Id);
            c.Parameters.AddWithValue("$c", created);
            c.Parameters.AddWithValue("$s", status);
            c.Parameters.AddWithValue("$p", progress);
            c.Parameters.AddWithValue("$q", request);
            c.Parameters.AddWithValue("$r", (object?)report ?? DBNull.Value);
            c.Parameters.AddWithValue("$e", (object?)error ?? DBNull.Value);
            c.ExecuteNonQuery();
        });
    }
}
