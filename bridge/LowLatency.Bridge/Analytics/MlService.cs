using System.Collections.Concurrent;
using System.Text.Json;
using LowLatency.Analytics;
using LowLatency.Analytics.Ml;
using LowLatency.Analytics.Optimisation;
using LowLatency.Bridge.Configuration;
using LowLatency.Engine.MarketData;
using LowLatency.Work;
using Microsoft.Extensions.Options;

namespace LowLatency.Bridge.Analytics;

/// <summary>
/// Models per symbol, timeframe and horizon, saved under <c>DATA/models/</c> and cached once loaded; training jobs
/// on the same candles the analysis routes use (<see cref="AnalysisHistory"/>), one at a time with the backtests,
/// or, with <c>Bridge:Work:Nats</c>, on a worker (the same candles and seed, so the same model).
/// </summary>
public sealed class MlService(AnalysisHistory history, BacktestService backtests, WorkQueue work, IOptions<BridgeOptions> options, InstrumentRegistry registry, JobBoard board,
    SharedModels shared)
    : IResumableJobs
{
    public const int DefaultLookbackDays = 1500;

    /// <summary>The kind's name on the <see cref="JobBoard"/>.</summary>
    public const string Kind = "training";

    private readonly ConcurrentDictionary<string, MlModel> _models = new();
    private readonly ConcurrentDictionary<string, MlJob> _jobs = new();
    private readonly Lock _loading = new();

    public MlJob? Find(string id) => _jobs.TryGetValue(id, out var job) ? job : null;

    /// <summary>
    /// The saved model for the key (the cluster's where it has a newer one: <see cref="SharedModels"/>), or null; an
    /// unusable one (another feature version) is an error text.
    /// </summary>
    public (MlModel? Model, string? Error) Get(Instrument instrument, string timeframe, int horizon)
    {
        var key = Key(instrument, timeframe, horizon);
        if (!shared.Shared && _models.TryGetValue(key, out var cached))
        {
            return (cached, null);
        }

        var directory = Path.Combine(options.Value.DataDirectory, "models", key);
        lock (_loading) // one bridge-wide swap of a key's files at a time
        {
            try
            {
                var model = _models.TryGetValue(key, out var held) ? held : MlModel.Load(directory);
                if (Refreshed(key, directory, model))
                {
                    model = MlModel.Load(directory);
                }

                if (model is not null)
                {
                    _models[key] = model;
                }

                return (model, null);
            }
            catch (InvalidDataException e)
            {
                return (null, e.Message);
            }
        }
    }

    /// <summary>Whether the cluster's model of the key, newer than this bridge's, has replaced its files; this bridge's own while the cluster's database is away.</summary>
    private bool Refreshed(string key, string directory, MlModel? model)
    {
        try
        {
            return shared.Fetch(key, directory, model?.Metadata.TrainedAt);
        }
        catch (Npgsql.NpgsqlException)
        {
            return false;
        }
    }

    string IResumableJobs.Kind => Kind;

    public MlJob Train(Instrument instrument, string symbol, Timeframe timeframe, int lookbackDays, MlOptions settings)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return Train(new BoardedRequest(instrument.Id, symbol, timeframe, lookbackDays, settings, null, 0), JobBoard.NewId(), 0);
    }

    /// <summary>Runs again, from what <see cref="Train(Instrument, string, Timeframe, int, MlOptions)"/> or <see cref="AutoTune"/> put on the board, a job whose bridge stopped.</summary>
    public void Resume(string id, string request, int attempt)
    {
        var boarded = JsonSerializer.Deserialize<BoardedRequest>(request, Realtime.Frames.Json) ?? throw new JsonException("an empty request");
        _ = boarded.Method is null ? Train(boarded, id, attempt) : Tune(boarded, id, attempt);
    }

    private MlJob Train(BoardedRequest r, string id, int attempt)
    {
        var instrument = registry[r.InstrumentId];
        return Start(r, id, attempt, (job, bars) => Run(job, instrument, r.Timeframe, bars, r.Settings),
            (job, workId, bars) => TrainOnWorkerAsync(job, workId, instrument, r.Timeframe, bars, r.Settings));
    }

    private async Task TrainOnWorkerAsync(MlJob job, string workId, Instrument instrument, Timeframe timeframe, List<OhlcvBar> bars, MlOptions settings)
    {
        try
        {
            job.Running();
            await using var remote = await work.OpenJobAsync(workId, CancellationToken.None).ConfigureAwait(false);
            var task = new MlTask { Job = workId, Task = remote.NextTask(), Symbol = instrument.Symbol, Timeframe = timeframe.Name(), Options = settings, Bars = [.. bars] };
            var files = await remote.TakeModelFilesAsync(await remote.TrainAsync(task, CancellationToken.None, job.ReportProgress).ConfigureAwait(false), CancellationToken.None).ConfigureAwait(false);
            var key = Key(instrument, timeframe.Name(), settings.Horizon);
            MlModel model;
            lock (_loading)
            {
                var directory = Directory.CreateDirectory(Path.Combine(options.Value.DataDirectory, "models", key)).FullName;
                foreach (var (file, bytes) in files)
                {
                    File.WriteAllBytes(Path.Combine(directory, Path.GetFileName(file)), bytes); // the name alone: nothing a worker says writes outside the model's directory
                }

                model = MlModel.Load(directory) ?? throw new InvalidDataException($"the worker's model for {key} has no metadata");
                _models[key] = model;
                shared.Put(key, directory, model.Metadata.TrainedAt);
            }

            job.Complete(model);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or InvalidDataException or TimeoutException or NATS.Client.Core.NatsException or Npgsql.NpgsqlException)
        {
            job.Fail(e.Message);
        }
    }

    private void Run(MlJob job, Instrument instrument, Timeframe timeframe, List<OhlcvBar> bars, MlOptions settings)
    {
        try
        {
            job.Running();
            var model = MlTrainer.Train(instrument.Symbol, timeframe.Name(), bars, settings, job.ReportProgress, CancellationToken.None);
            var key = Key(instrument, timeframe.Name(), settings.Horizon);
            var directory = Path.Combine(options.Value.DataDirectory, "models", key);
            lock (_loading)
            {
                model.Save(directory);
                _models[key] = model;
                shared.Put(key, directory, model.Metadata.TrainedAt);
            }

            job.Complete(model);
        }
        catch (Exception e) when (e is ArgumentException or Npgsql.NpgsqlException)
        {
            job.Fail(e.Message);
        }
    }

    /// <summary>
    /// Searches the model's trees and leaves (<see cref="ParameterSearch"/>) for the best mean out-of-sample AUC of
    /// the walk-forward folds, each trial a full walk-forward training; trials run in parallel, on this bridge's
    /// cores or, with the workers configured, as a task each on the workers.
    /// </summary>
    public MlJob AutoTune(Instrument instrument, string symbol, Timeframe timeframe, int lookbackDays, MlOptions settings, SearchMethod method, int trials)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return Tune(new BoardedRequest(instrument.Id, symbol, timeframe, lookbackDays, settings, method, trials), JobBoard.NewId(), 0);
    }

    private MlJob Tune(BoardedRequest r, string id, int attempt)
    {
        var (instrument, method) = (registry[r.InstrumentId], r.Method!.Value);
        return Start(r, id, attempt, (job, bars) => Tune(job, instrument, r.Timeframe, bars, r.Settings, method, r.Trials, null),
            async (job, workId, bars) =>
            {
                try
                {
                    await using var remote = await work.OpenJobAsync(workId, CancellationToken.None).ConfigureAwait(false);
                    await Task.Run(() => Tune(job, instrument, r.Timeframe, bars, r.Settings, method, r.Trials, remote)).ConfigureAwait(false);
                }
                catch (NATS.Client.Core.NatsException e)
                {
                    job.Fail(e.Message);
                }
            });
    }

    /// <summary>One trial's model metadata: trained here, or on a worker (its metadata alone comes back).</summary>
    private static MlMetadata Trial(Instrument instrument, Timeframe timeframe, List<OhlcvBar> bars, MlOptions options, RemoteWorkJob? remote, CancellationToken token)
    {
        if (remote is null)
        {
            return MlTrainer.Train(instrument.Symbol, timeframe.Name(), bars, options, null, token).Metadata;
        }

        var task = new MlTask { Job = remote.Id, Task = remote.NextTask(), Symbol = instrument.Symbol, Timeframe = timeframe.Name(), Options = options, Bars = [.. bars], MetadataOnly = true };
        var done = remote.TrainAsync(task, token).GetAwaiter().GetResult(); // the search's own threads wait: it holds as many in flight as it has
        return done.Metadata ?? throw new ArgumentException(done.Error ?? $"worker {done.Worker} gave no model metadata");
    }

    private void Tune(MlJob job, Instrument instrument, Timeframe timeframe, List<OhlcvBar> bars, MlOptions settings, SearchMethod method, int trials, RemoteWorkJob? remote)
    {
        try
        {
            job.Running();
            Dimension[] space = [Dimension.Integer("trees", 30, 300), Dimension.Integer("leaves", 4, 64)];
            var found = ParameterSearch.Run(space, method, trials, (values, token) =>
            {
                var metadata = Trial(instrument, timeframe, bars, settings with { Trees = (int)values[0], Leaves = (int)values[1] }, remote, token);
                var auc = metadata.Folds.Select(f => f.Auc).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();
                return (auc, double.IsFinite(auc), new { folds = metadata.Folds.Count, meanAccuracy = Math.Round(metadata.Folds.Average(f => f.Accuracy), 6) });
            }, settings.Seed, remote is null ? Environment.ProcessorCount : work.Parallelism, p => job.ReportProgress((double)p.Done / p.Budget), CancellationToken.None);
            var best = ParameterSearch.Best(found);
            job.Complete(new
            {
                method,
                objective = "mean out-of-sample AUC over the walk-forward folds",
                best = best is null ? null : new { trees = best.Values[0], leaves = best.Values[1], meanAuc = Math.Round(best.Score, 6) },
                trials = found.Select(t => new { trees = t.Values[0], leaves = t.Values[1], meanAuc = double.IsFinite(t.Score) ? Math.Round(t.Score, 6) : (double?)null, detail = t.Detail }).ToList(),
            });
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or TimeoutException or AggregateException)
        {
            job.Fail((e as AggregateException)?.Flatten().InnerExceptions[0].Message ?? e.Message); // a trial's failure, from the search's threads
        }
    }

    /// <summary>
    /// A job on the analysis candles of the range: fetched first, then <paramref name="local"/> under the one-at-a-time
    /// rule, or <paramref name="remote"/> (given the work id its tasks go under) when the workers are configured.
    /// </summary>
    private MlJob Start(BoardedRequest r, string id, int attempt, Action<MlJob, List<OhlcvBar>> local, Func<MlJob, string, List<OhlcvBar>, Task> remote)
    {
        var job = new MlJob(id, r.Symbol, r.Timeframe.Name());
        _jobs[job.Id] = job;
        board.Track(Kind, id, attempt, JsonSerializer.Serialize(r, Realtime.Frames.Json), () => job.Status, () => JobViews.Training(job),
            lost: () => _jobs.TryRemove(KeyValuePair.Create(id, job))); // its training cannot be stopped, but it no longer answers for the job
        _ = Task.Run(async () =>
        {
            var (bars, _, error, _) = await history.GetAsync(registry[r.InstrumentId], r.Timeframe, r.LookbackDays, warmupBars: 0).ConfigureAwait(false);
            if (error is not null)
            {
                job.Fail(error);
                return;
            }

            if (work.Enabled)
            {
                await remote(job, JobBoard.WorkId(id, attempt), bars).ConfigureAwait(false);
                return;
            }

            await backtests.ExclusiveAsync(() =>
            {
                local(job, bars);
                return 0;
            }).ConfigureAwait(false);
        });
        return job;
    }

    /// <summary>The saved model files of a key, for export: file name → bytes; null when there is no model.</summary>
    public Dictionary<string, byte[]>? Files(Instrument instrument, string timeframe, int horizon)
    {
        _ = Get(instrument, timeframe, horizon); // the cluster's newer model first, where there is one
        var directory = Path.Combine(options.Value.DataDirectory, "models", Key(instrument, timeframe, horizon));
        return Directory.Exists(directory) ? Directory.GetFiles(directory).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes) : null;
    }

    public static string Key(Instrument instrument, string timeframe, int horizon) => $"{instrument.Symbol.Replace('/', '_')}_{timeframe}_h{horizon}";

    /// <summary>A training or (with a method) an auto-tune, as the board keeps it so that any bridge can run it.</summary>
    private sealed record BoardedRequest(int InstrumentId, string Symbol, Timeframe Timeframe, int LookbackDays, MlOptions Settings, SearchMethod? Method, int Trials);
}
