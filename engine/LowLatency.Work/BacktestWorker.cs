using System.Runtime.CompilerServices;
using LowLatency.Engine.Backtest;
using LowLatency.Engine.Configuration;
using LowLatency.Engine.MarketData;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.ObjectStore;

namespace LowLatency.Work;

/// <summary>
/// A worker: pulls backtest tasks from the work queue (<see cref="WorkStream"/>), runs each with the engine's
/// backtester exactly as the requester would (<see cref="StrategyBacktest"/>), publishes the result on the job's
/// result subject and only then acknowledges the task, so a worker that dies mid-task loses nothing: the task goes
/// to another worker after the ack wait, and the requester keeps the first result of each task. A task that is
/// not one (malformed bytes, an unknown symbol) is terminated with a log line, never retried.
/// </summary>
public sealed partial class BacktestWorker(INatsConnection nats, InstrumentRegistry registry, int concurrency, TimeSpan ackWait, string name, ILogger logger)
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
        // one message at a time per loop: a backtest is seconds of work, and an unstarted task is better left for another worker
        await foreach (var message in consumer.ConsumeAsync<byte[]>(opts: new NatsJSConsumeOpts { MaxMsgs = 1 }, cancellationToken: stop).ConfigureAwait(false))
        {
            var task = WorkJson.Decode<BacktestTask>(message.Data ?? [], out var problem);
            if (task is null || !registry.TryResolve(task.Symbol, out var instrument))
            {
                LogRefused(logger, message.Subject, problem ?? $"unknown symbol '{task?.Symbol}'");
                await message.AckTerminateAsync(cancellationToken: stop).ConfigureAwait(false);
                continue;
            }

            var (result, whole) = await WithHistoryAsync(task, stop).ConfigureAwait(false) is { } ready
                ? await RunAsync(ready, instrument, stop).ConfigureAwait(false)
                : (new BacktestTaskResult(task.Job, task.Task, null, $"the window's bars ({task.HistoryObject}) are not in the object store {WorkNames.Objects} (the job ended, or they were older than its max age)", name), null);
            if (whole is not null)
            {
                // before the result says where it is; a redelivered task puts the same object again
                var objects = await WorkStream.ObjectsAsync(_js, stop).ConfigureAwait(false);
                await objects.PutAsync(WorkNames.ResultObject(task.Job, task.Task), WorkJson.Encode(whole), stop).ConfigureAwait(false);
                result = result with { ResultObject = WorkNames.ResultObject(task.Job, task.Task) };
            }

            await nats.PublishAsync(WorkNames.Results(task.Job), WorkJson.Encode(result), cancellationToken: stop).ConfigureAwait(false);
            await message.AckAsync(cancellationToken: stop).ConfigureAwait(false);
            Interlocked.Increment(ref _completed);
        }
    }

    /// <summary>The task with its window's bars, fetched from the object store when they were too many for its message; null when they are not there.</summary>
    private async Task<BacktestTask?> WithHistoryAsync(BacktestTask task, CancellationToken stop)
    {
        if (task.HistoryObject is not { } stored)
        {
            return task;
        }

        try
        {
            var objects = await WorkStream.ObjectsAsync(_js, stop).ConfigureAwait(false);
            return WorkJson.Decode<HistoryWindow>(await objects.GetBytesAsync(stored, stop).ConfigureAwait(false), out _) is { } history ? task with { History = history } : null;
        }
        catch (NatsObjException)
        {
            return null;
        }
    }

    /// <summary>The task on a thread of its own; a whole-result task's progress is published meanwhile, at most once per percent and interval.</summary>
    private async Task<(BacktestTaskResult Result, BacktestResult? Whole)> RunAsync(BacktestTask task, Instrument instrument, CancellationToken stop)
    {
        if (!task.WholeResult)
        {
            return await Task.Run(() => Run(task, instrument, null), stop).ConfigureAwait(false);
        }

        var done = new StrongBox<double>(); // written by the backtest's thread, read here
        var running = Task.Run(() => Run(task, instrument, p => Volatile.Write(ref done.Value, p)), stop);
        var sent = 0.0;
        while (await Task.WhenAny(running, Task.Delay(ProgressInterval, stop)).ConfigureAwait(false) != running)
        {
            var now = Volatile.Read(ref done.Value);
            if (now >= sent + 0.01)
            {
                await nats.PublishAsync(WorkNames.Progress(task.Job), WorkJson.Encode(new BacktestProgress(task.Job, task.Task, now)), cancellationToken: stop).ConfigureAwait(false);
                sent = now;
            }
        }

        return await running.ConfigureAwait(false);
    }

    private (BacktestTaskResult Result, BacktestResult? Whole) Run(BacktestTask task, Instrument instrument, Action<double>? progress)
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

    [LoggerMessage(Level = LogLevel.Information, Message = "worker {Name}: pulling backtest tasks, {Concurrency} at a time")]
    private static partial void LogStarted(ILogger logger, string name, int concurrency);

    [LoggerMessage(Level = LogLevel.Warning, Message = "worker: {Subject}: not a task ({Problem}); dropped")]
    private static partial void LogRefused(ILogger logger, string subject, string problem);
}
