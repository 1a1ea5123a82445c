using System.Runtime.CompilerServices;
using LowLatency.Analytics;
using LowLatency.Analytics.Ml;
using LowLatency.Analytics.Scanner;
using LowLatency.Engine.Backtest;
using LowLatency.Engine.Configuration;
using LowLatency.Engine.MarketData;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.ObjectStore;

namespace LowLatency.Work;

/// <summary>
/// A worker: pulls tasks from the work queue (<see cref="WorkStream"/>), backtests, ML trainings and scans, runs each
/// exactly as the requester would (<see cref="StrategyBacktest"/>, <see cref="MlTrainer"/>), publishes the result
/// on the job's result subject and only then acknowledges the task, so a worker that dies mid-task loses nothing:
/// the task goes to another worker after the ack wait, and the requester keeps the first result of each task. A
/// task that is not one (malformed bytes, an unknown symbol) is terminated with a log line, never retried.
/// </summary>
public sealed partial class TaskWorker(INatsConnection nats, InstrumentRegistry registry, int concurrency, TimeSpan ackWait, string name, ILogger logger)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);
    private readonly NatsJSContext _js = new(nats);
    private long _completed;

    /// <summary>Tasks run and acknowledged.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Pulls and runs tasks until cancelled, as many at a time as its concurrency.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var consumer = await WorkStream.EnsureConsumerAsync(_js, ackWait, stop).ConfigureAwait(false);
        LogStarted(logger, name, concurrency);
        var loops = Enumerable.Range(0, Math.Max(1, concurrency)).Select(_ => Task.Run(() => PullAsync(consumer, stop), CancellationToken.None));
        try
        {
            await Task.WhenAll(loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task PullAsync(INatsJSConsumer consumer, CancellationToken stop)
    {
        // one message at a time per loop: a task is seconds of work, and an unstarted one is better left for another worker
        await foreach (var message in consumer.ConsumeAsync<byte[]>(opts: new NatsJSConsumeOpts { MaxMsgs = 1 }, cancellationToken: stop).ConfigureAwait(false))
        {
            var data = message.Data ?? [];
            var (job, result, problem) = await WorkingAsync(message, () => WorkNames.IsMlTask(message.Subject) ? TrainAsync(data, stop) : WorkNames.IsScanTask(message.Subject) ? Task.FromResult(Scan(data)) : BacktestAsync(data, stop), stop).ConfigureAwait(false);
            if (job is null || result is null)
            {
                LogRefused(logger, message.Subject, problem ?? "no result");
                await message.AckTerminateAsync(cancellationToken: stop).ConfigureAwait(false);
                continue;
            }

            await nats.PublishAsync(WorkNames.Results(job), result, cancellationToken: stop).ConfigureAwait(false);
            await message.AckAsync(cancellationToken: stop).ConfigureAwait(false);
            Interlocked.Increment(ref _completed);
        }
    }

    /// <summary>
    /// Runs a task while telling the server it is in progress, at a third of the ack wait: a task longer than the
    /// ack wait (a training on a loaded machine) is not handed to another worker and run twice, and the ack wait
    /// still expires for a worker that stopped.
    /// </summary>
    private async Task<T> WorkingAsync<T>(INatsJSMsg<byte[]> message, Func<Task<T>> work, CancellationToken stop)
    {
        using var working = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var alive = KeepInProgressAsync(message, working.Token);
        try
        {
            return await work().ConfigureAwait(false);
        }
        finally
        {
            await working.CancelAsync().ConfigureAwait(false);
            await alive.ConfigureAwait(false);
        }
    }

    private async Task KeepInProgressAsync(INatsJSMsg<byte[]> message, CancellationToken working)
    {
        try
        {
            while (true)
            {
                await Task.Delay(ackWait / 3, working).ConfigureAwait(false);
                await message.AckProgressAsync(cancellationToken: working).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (working.IsCancellationRequested)
        {
        }
        catch (NatsException)
        {
            // NATS is away: the task goes to another worker after the ack wait, as if this one had stopped
        }
    }

    private async Task<(string? Job, byte[]? Result, string? Problem)> BacktestAsync(byte[] data, CancellationToken stop)
    {
        var task = WorkJson.Decode<BacktestTask>(data, out var problem);
        if (task is null || !registry.TryResolve(task.Symbol, out var instrument))
        {
            return (null, null, problem ?? $"unknown symbol '{task?.Symbol}'");
        }

        if (task.HistoryObject is { } stored)
        {
            var history = await FetchAsync(stored, stop).ConfigureAwait(false) is { } bytes ? WorkJson.Decode<HistoryWindow>(bytes, out _) : null;
            if (history is null)
            {
                return (task.Job, WorkJson.Encode(new BacktestTaskResult(task.Job, task.Task, null, Gone(stored), name)), null);
            }

            task = task with { History = history };
        }

        var (result, whole) = await ReportingAsync(task.Job, task.Task, task.WholeResult, progress => Backtest(task, instrument, progress), stop).ConfigureAwait(false);
        if (whole is not null)
        {
            result = result with { ResultObject = await PutOutputAsync(task.Job, task.Task, WorkJson.Encode(whole), stop).ConfigureAwait(false) };
        }

        return (task.Job, WorkJson.Encode(result), null);
    }

    private (BacktestTaskResult Result, BacktestResult? Whole) Backtest(BacktestTask task, Instrument instrument, Action<double>? progress)
    {
        try
        {
            var result = StrategyBacktest.Run(registry, task.Definition, task.File, instrument, task.From, task.To, task.MaxTicks, task.Seed, task.Account, task.Risk, task.History?.ToHistoryBars(), progress);
            return (new BacktestTaskResult(task.Job, task.Task, result.Metrics, null, name), task.WholeResult ? result : null);
        }
        catch (Exception e) when (e is ConfigException or ArgumentException or InvalidOperationException)
        {
            return (new BacktestTaskResult(task.Job, task.Task, null, e.Message, name), null); // the strategy refuses these parameters (or the window): a result, not a failure
        }
    }

    /// <summary>A scan of one series, as the requester's <see cref="ConfluenceScanner"/> would make it.</summary>
    private (string? Job, byte[]? Result, string? Problem) Scan(byte[] data)
    {
        var task = WorkJson.Decode<ScanTask>(data, out var problem);
        if (task is null)
        {
            return (null, null, problem);
        }

        try
        {
            return (task.Job, WorkJson.Encode(new ScanTaskResult(task.Job, task.Task, ConfluenceScanner.Scan(task.Bars, task.Settings, task.MlProbability), null, name)), null);
        }
        catch (ArgumentException e)
        {
            return (task.Job, WorkJson.Encode(new ScanTaskResult(task.Job, task.Task, null, e.Message, name)), null); // too few candles (the requester sends none such)
        }
    }

    /// <summary>A training: the model's files go into the object store, the result says where.</summary>
    private async Task<(string? Job, byte[]? Result, string? Problem)> TrainAsync(byte[] data, CancellationToken stop)
    {
        var task = WorkJson.Decode<MlTask>(data, out var problem);
        if (task is null)
        {
            return (null, null, problem);
        }

        var bars = task.Bars ?? (task.BarsObject is { } stored && await FetchAsync(stored, stop).ConfigureAwait(false) is { } bytes ? WorkJson.Decode<OhlcvBar[]>(bytes, out _) : null);
        if (bars is null)
        {
            return (task.Job, WorkJson.Encode(new MlTaskResult(task.Job, task.Task, null, Gone(task.BarsObject), name)), null);
        }

        var trained = await ReportingAsync(task.Job, task.Task, report: !task.MetadataOnly, progress => Train(task, bars, progress), stop).ConfigureAwait(false);
        var result = trained.Files is { } files
            ? new MlTaskResult(task.Job, task.Task, await PutOutputAsync(task.Job, task.Task, WorkJson.Encode(files), stop).ConfigureAwait(false), null, name)
            : new MlTaskResult(task.Job, task.Task, null, trained.Error, name) { Metadata = trained.Metadata };
        return (task.Job, WorkJson.Encode(result), null);
    }

    private static (Dictionary<string, byte[]>? Files, MlMetadata? Metadata, string? Error) Train(MlTask task, OhlcvBar[] bars, Action<double>? progress)
    {
        var directory = Directory.CreateTempSubdirectory("ll-model-").FullName;
        try
        {
            var model = MlTrainer.Train(task.Symbol, task.Timeframe, bars, task.Options, progress, CancellationToken.None);
            if (task.MetadataOnly)
            {
                return (null, model.Metadata, null);
            }

            model.Save(directory);
            return (Directory.GetFiles(directory).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes), model.Metadata, null);
        }
        catch (ArgumentException e)
        {
            return (null, null, e.Message); // too few candles for the folds, and the like: the job fails with it
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The work on a thread of its own; when it reports, its progress is published meanwhile, at most once per percent and interval.</summary>
    private async Task<T> ReportingAsync<T>(string job, int task, bool report, Func<Action<double>?, T> work, CancellationToken stop)
    {
        if (!report)
        {
            return await Task.Run(() => work(null), stop).ConfigureAwait(false);
        }

        var done = new StrongBox<double>(); // written by the work's thread, read here
        var running = Task.Run(() => work(p => Volatile.Write(ref done.Value, p)), stop);
        var sent = 0.0;
        while (await Task.WhenAny(running, Task.Delay(ProgressInterval, stop)).ConfigureAwait(false) != running)
        {
            var now = Volatile.Read(ref done.Value);
            if (now >= sent + 0.01)
            {
                await nats.PublishAsync(WorkNames.Progress(job), WorkJson.Encode(new TaskProgress(job, task, now)), cancellationToken: stop).ConfigureAwait(false);
                sent = now;
            }
        }

        return await running.ConfigureAwait(false);
    }

    /// <summary>An input the requester put in the object store; null when it is not there.</summary>
    private async Task<byte[]?> FetchAsync(string stored, CancellationToken stop)
    {
        try
        {
            var objects = await WorkStream.ObjectsAsync(_js, stop).ConfigureAwait(false);
            return await objects.GetBytesAsync(stored, stop).ConfigureAwait(false);
        }
        catch (NatsObjException)
        {
            return null;
        }
    }

    /// <summary>Puts an output before the result says where it is (a redelivered task puts the same object again).</summary>
    private async Task<string> PutOutputAsync(string job, int task, byte[] content, CancellationToken stop)
    {
        var objects = await WorkStream.ObjectsAsync(_js, stop).ConfigureAwait(false);
        var output = WorkNames.OutputObject(job, task);
        await objects.PutAsync(output, content, stop).ConfigureAwait(false);
        return output;
    }

    private static string Gone(string? stored) => $"the task's input ({stored}) is not in the object store {WorkNames.Objects} (the job ended, or it was older than the bucket's max age)";

    [LoggerMessage(Level = LogLevel.Information, Message = "worker {Name}: pulling backtest and training tasks, {Concurrency} at a time")]
    private static partial void LogStarted(ILogger logger, string name, int concurrency);

    [LoggerMessage(Level = LogLevel.Warning, Message = "worker: {Subject}: not a task ({Problem}); dropped")]
    private static partial void LogRefused(ILogger logger, string subject, string problem);
}
