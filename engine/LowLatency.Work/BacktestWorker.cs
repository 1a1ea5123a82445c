using LowLatency.Engine.Backtest;
using LowLatency.Engine.Configuration;
using LowLatency.Engine.MarketData;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;

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
    private long _completed;

    /// <summary>Tasks run and acknowledged.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Pulls and runs tasks until cancelled, as many at a time as its concurrency.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var consumer = await WorkStream.EnsureConsumerAsync(new NatsJSContext(nats), ackWait, stop).ConfigureAwait(false);
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

            var result = await Task.Run(() => Run(task, instrument), stop).ConfigureAwait(false);
            await nats.PublishAsync(WorkNames.Results(task.Job), WorkJson.Encode(result), cancellationToken: stop).ConfigureAwait(false);
            await message.AckAsync(cancellationToken: stop).ConfigureAwait(false);
            Interlocked.Increment(ref _completed);
        }
    }

    private BacktestTaskResult Run(BacktestTask task, Instrument instrument)
    {
        try
        {
            var metrics = StrategyBacktest.Run(registry, task.Definition, task.File, instrument, task.From, task.To, task.MaxTicks, task.Seed, task.Account, task.Risk, task.History?.ToHistoryBars()).Metrics;
            return new BacktestTaskResult(task.Job, task.Task, metrics, null, name);
        }
        catch (ConfigException e)
        {
            return new BacktestTaskResult(task.Job, task.Task, null, e.Message, name); // the strategy refuses these parameters: a result, not a failure
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "worker {Name}: pulling backtest tasks, {Concurrency} at a time")]
    private static partial void LogStarted(ILogger logger, string name, int concurrency);

    [LoggerMessage(Level = LogLevel.Warning, Message = "worker: {Subject}: not a task ({Problem}); dropped")]
    private static partial void LogRefused(ILogger logger, string subject, string problem);
}
