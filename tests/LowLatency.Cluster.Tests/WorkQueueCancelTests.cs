using LowLatency.Engine.MarketData;
using LowLatency.Work;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace LowLatency.Cluster.Tests;

/// <summary>
/// A job that ends with tasks still queued takes exactly those off the work queue, and another job's queued tasks
/// still reach a worker afterwards (a filtered purge, on the nats-server 2.9 that Debian ships, would move the
/// workers' consumer past them: they would wait for ever).
/// </summary>
[NonParallelizable]
public sealed class WorkQueueCancelTests
{
    private static readonly InstrumentRegistry Registry = InstrumentRegistry.Load(Path.Combine(ShardEngine.Root, "config", "instruments.json"));

    private static BacktestTask Task(RemoteWorkJob job, int day, int hours = 6)
    {
        var definition = LowLatency.Engine.Strategies.StrategyLoader.LoadDirectory(Path.Combine(ShardEngine.Root, "config", "strategies"), Registry).First(s => s.Name == "mama-fama-btc").Definition;
        var from = new DateTimeOffset(2024, 1, day, 0, 0, 0, TimeSpan.Zero);
        return new BacktestTask
        {
            Job = job.Id, Task = job.NextTask(), Definition = definition, File = "mama-fama-btc.json", Symbol = "BTC-USD", From = from, To = from.AddHours(hours),
            MaxTicks = 20_000_000, Seed = 42, Account = new LowLatency.Engine.Portfolio.AccountOptions(), Risk = new LowLatency.Engine.Risk.RiskLimits(),
        };
    }

    /// <summary>The workers' consumer as the server has it, null until the worker has made it.</summary>
    private static NATS.Client.JetStream.Models.ConsumerInfo? Consumer(NatsJSContext js)
    {
        try
        {
            return js.GetConsumerAsync(WorkNames.Stream, WorkNames.Consumer).AsTask().GetAwaiter().GetResult().Info;
        }
        catch (NatsJSApiException)
        {
            return null;
        }
    }

    [Test]
    public async Task A_cancelled_job_takes_only_its_own_tasks_off_the_queue_and_the_others_still_run()
    {
        using var nats = new NatsServer();
        await using var client = new NatsConnection(new NatsOpts { Url = nats.Url });
        var js = new NatsJSContext(client);
        var kept = await RemoteWorkJob.OpenAsync(client, "kept1", TimeSpan.FromSeconds(120), CancellationToken.None);
        var cancelled = await RemoteWorkJob.OpenAsync(client, "gone1", TimeSpan.FromSeconds(120), CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var worker = WorkerTests.Worker(nats, "worker");
        var first = kept.RunAsync(Task(kept, 1, hours: 24 * 150), CancellationToken.None); // long enough to be running through what follows
        Eventually.Until(() => Consumer(js)?.NumAckPending == 1, "the worker has taken the first task");
        var dropped = Enumerable.Range(3, 3).Select(day => cancelled.RunAsync(Task(cancelled, day), cancel.Token)).ToList();
        var second = kept.RunAsync(Task(kept, 6), CancellationToken.None);
        Eventually.Until(() => Consumer(js)?.NumPending == 4, "every task queued behind the first");

        await cancel.CancelAsync();
        Assert.That(async () => await System.Threading.Tasks.Task.WhenAll(dropped), Throws.InstanceOf<OperationCanceledException>());
        await cancelled.DisposeAsync();
        var left = (await js.GetStreamAsync(WorkNames.Stream, new NATS.Client.JetStream.Models.StreamInfoRequest { SubjectsFilter = ">" })).Info.State.Subjects?.Keys.ToList() ?? [];

        var results = await System.Threading.Tasks.Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(120));
        await worker.Stop.CancelAsync();
        await worker.Run;
        await worker.Nats.DisposeAsync();
        await kept.DisposeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(left, Has.None.Contains("gone1"), "the cancelled job's tasks deleted");
            Assert.That(left, Has.Some.Contains("kept1"), "the other job's left");
            Assert.That(results.Select(r => r.Refused), Is.All.Null);
            Assert.That(results.Select(r => r.Metrics), Is.All.Not.Null, "the other job's tasks, queued on either side of the cancelled ones, ran");
            Assert.That(worker.Worker.Completed, Is.EqualTo(2), "nothing of the cancelled job ran");
        });
    }
}
