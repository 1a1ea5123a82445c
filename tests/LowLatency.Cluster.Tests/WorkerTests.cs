using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LowLatency.Engine.MarketData;
using LowLatency.Work;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace LowLatency.Cluster.Tests;

/// <summary>
/// Optimiser backtests on workers over a real JetStream work queue: a bridge with <c>Bridge:Work:Nats</c> splits a
/// walk-forward job into tasks that two workers pull, and its result is exactly that of a bridge running every
/// backtest itself under the same seed; a worker stopped mid-job loses nothing, its task going to the other.
/// </summary>
[NonParallelizable]
public sealed class WorkerTests
{
    internal const string Request = """{"startDate":"2024-01-01","endDate":"2024-02-15","method":"random","budget":8,"folds":2,"objective":"return","seed":7,"constraints":{"minTrades":0}}""";

    private static InstrumentRegistry Registry { get; } = InstrumentRegistry.Load(Path.Combine(ShardEngine.Root, "config", "instruments.json"));

    internal static async Task<JsonElement> OptimiseAsync(ClusterBridge bridge)
    {
        using var response = await bridge.Http.PostAsync("/api/strategies/mama-fama-btc/optimize", new StringContent(Request, Encoding.UTF8, "application/json"));
        var started = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That((int)response.StatusCode, Is.EqualTo(202), started.ToString());
        var id = started.GetProperty("id").GetString();
        var deadline = DateTime.UtcNow.AddSeconds(240);
        while (true)
        {
            var job = await bridge.Http.GetFromJsonAsync<JsonElement>($"/api/optimizations/{id}");
            var status = job.GetProperty("status").GetString();
            if (status == "completed")
            {
                return job;
            }

            Assert.That(status, Is.Not.EqualTo("failed"), job.ToString());
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"job {id} still {status}");
            await Task.Delay(50); // the job runs on the bridge; its progress is polled as a client would
        }
    }

    /// <summary>
    /// One history store for the bridges compared: candles up to now include the current slot's made-up bar, which
    /// a store makes once, so two bridges on their own stores, asked seconds apart, would not read the same candles.
    /// </summary>
    private static string SharedHistory(PostgresServer postgres) => $"--Bridge:Cluster:Database={postgres.ConnectionString}";

    internal static (TaskWorker Worker, Task Run, CancellationTokenSource Stop, NatsConnection Nats) Worker(NatsServer server, string name)
    {
        var nats = new NatsConnection(new NatsOpts { Url = server.Url, Name = name });
        var worker = new TaskWorker(nats, Registry, concurrency: 1, ackWait: TimeSpan.FromSeconds(3), name, NullLogger.Instance);
        var stop = new CancellationTokenSource();
        return (worker, Task.Run(() => worker.RunAsync(stop.Token)), stop, nats);
    }

    [Test]
    public async Task A_job_split_over_two_workers_gives_the_single_process_result_and_survives_a_stopped_worker()
    {
        using var nats = new NatsServer();
        JsonElement local;
        await using (var alone = await ClusterBridge.StartAsync())
        {
            local = await OptimiseAsync(alone);
        }

        var a = Worker(nats, "worker-a");
        var b = Worker(nats, "worker-b");
        await using var queued = await ClusterBridge.StartAsync($"--Bridge:Work:Nats={nats.Url}", "--Bridge:Work:Parallelism=4");
        var remote = OptimiseAsync(queued);
        Eventually.Until(() => a.Worker.Completed + b.Worker.Completed >= 2, "the workers have started on the job");
        await a.Stop.CancelAsync(); // mid-job: what it held unacknowledged goes to the other after the ack wait
        var distributed = await remote;
        await b.Stop.CancelAsync();
        await Task.WhenAll(a.Run, b.Run);

        Assert.Multiple(() =>
        {
            Assert.That(distributed.GetProperty("result").GetRawText(), Is.EqualTo(local.GetProperty("result").GetRawText()), "the same folds, scores and recommendation");
            Assert.That(distributed.GetProperty("backtests").GetInt32(), Is.EqualTo(local.GetProperty("backtests").GetInt32()));
            Assert.That(a.Worker.Completed + b.Worker.Completed, Is.GreaterThanOrEqualTo(distributed.GetProperty("backtests").GetInt32()), "every backtest ran on a worker");
            Assert.That(b.Worker.Completed, Is.GreaterThan(0));
        });
        await a.Nats.DisposeAsync();
        await b.Nats.DisposeAsync();
    }

    private static async Task<(JsonElement Job, List<double> Progress)> BacktestAsync(ClusterBridge bridge)
    {
        using var response = await bridge.Http.PostAsync("/api/backtests", new StringContent("""{"startDate":"2024-01-01","endDate":"2024-06-01","symbol":"ETH-USD"}""", Encoding.UTF8, "application/json"));
        var poll = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("poll").GetString();
        var deadline = DateTime.UtcNow.AddSeconds(240);
        var progress = new List<double>();
        JsonElement job;
        do
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the backtest finishes");
            await Task.Delay(20); // polled as a client would
            job = await bridge.Http.GetFromJsonAsync<JsonElement>(poll);
            progress.Add(job.GetProperty("progress").GetDouble());
        }
        while (job.GetProperty("status").GetString() is "queued" or "running");

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("completed"), job.ToString());
        return (job, progress);
    }

    [Test]
    public async Task A_backtest_the_API_asked_for_runs_on_a_worker_and_reports_what_the_bridge_alone_would()
    {
        using var nats = new NatsServer();
        JsonElement local;
        await using (var alone = await ClusterBridge.StartAsync())
        {
            local = (await BacktestAsync(alone)).Job;
        }

        var worker = Worker(nats, "worker");
        await using var queued = await ClusterBridge.StartAsync($"--Bridge:Work:Nats={nats.Url}");
        var (remote, progress) = await BacktestAsync(queued);
        await worker.Stop.CancelAsync();
        await worker.Run;
        await worker.Nats.DisposeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(remote.GetProperty("result").GetRawText(), Is.EqualTo(local.GetProperty("result").GetRawText()), "the same trades, equity curve and metrics");
            Assert.That(worker.Worker.Completed, Is.EqualTo(1), "it ran on the worker");
            Assert.That(progress, Is.Ordered);
            Assert.That(progress[^1], Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_window_of_more_bars_than_a_message_holds_travels_in_the_object_store_and_gives_the_local_result()
    {
        using var nats = new NatsServer();
        var worker = Worker(nats, "worker");
        await using var client = new NatsConnection(new NatsOpts { Url = nats.Url });
        await using var job = await RemoteWorkJob.OpenAsync(client, "big1", TimeSpan.FromSeconds(120), CancellationToken.None);
        var from = DateTimeOffset.Parse("2024-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var random = new Random(5);
        var close = 40_000.0;
        var bars = Enumerable.Range(0, 30_000).Select(i =>
        {
            var open = close;
            close = Math.Round(open * (1 + ((random.NextDouble() - 0.5) / 200)), 2);
            return new LowLatency.Analytics.OhlcvBar(from.AddMinutes(i).ToUnixTimeMilliseconds(), open, Math.Max(open, close) + 5, Math.Min(open, close) - 5, close, 10);
        }).ToArray();
        var history = new HistoryWindow(Timeframe.M1, "imported", bars);
        var definition = LowLatency.Engine.Strategies.StrategyLoader.LoadDirectory(Path.Combine(ShardEngine.Root, "config", "strategies"), Registry).First(s => s.Name == "mama-fama-btc").Definition;
        var task = new BacktestTask
        {
            Job = job.Id, Task = job.NextTask(), Definition = definition, File = "mama-fama-btc.json", Symbol = "BTC-USD", From = from, To = from.AddMinutes(bars.Length),
            MaxTicks = 20_000_000, Seed = 42, Account = new LowLatency.Engine.Portfolio.AccountOptions(), Risk = new LowLatency.Engine.Risk.RiskLimits(), History = history,
        };
        Assert.That(WorkJson.Encode(task).Length, Is.GreaterThan(1 << 20), "more than the server's max_payload as one message");

        var remote = await job.RunAsync(task, CancellationToken.None);
        var btc = Registry.TryResolve("BTC-USD", out var i) ? i : throw new InvalidOperationException("BTC-USD");
        var local = LowLatency.Engine.Backtest.StrategyBacktest.Run(Registry, definition, task.File, btc, task.From, task.To, task.MaxTicks, task.Seed, task.Account, task.Risk, history.ToHistoryBars());
        Assert.That(remote.Refused, Is.Null);
        Assert.That(JsonSerializer.Serialize(remote.Metrics), Is.EqualTo(JsonSerializer.Serialize(local.Metrics)), "the worker read the same bars");
        await worker.Stop.CancelAsync();
        await worker.Run;
        await worker.Nats.DisposeAsync();
    }

    /// <summary>A training, then an auto-tune of the same model, then a prediction from the trained model.</summary>
    private static async Task<(JsonElement Job, JsonElement Tuned, JsonElement Prediction)> TrainAsync(ClusterBridge bridge)
    {
        var job = await MlJobAsync(bridge, "/api/ml/train", """{"symbol":"XAUUSD","horizon":3,"folds":3,"trees":20}""");
        var tuned = await MlJobAsync(bridge, "/api/ml/auto-tune", """{"symbol":"XAUUSD","horizon":3,"folds":3,"searchMethod":"random","maxTrials":3}""");
        using var predicted = await bridge.Http.PostAsync("/api/ml/predict", new StringContent("""{"symbol":"XAUUSD","horizon":3}""", Encoding.UTF8, "application/json"));
        return (job, tuned, await predicted.Content.ReadFromJsonAsync<JsonElement>());
    }

    internal static async Task<JsonElement> MlJobAsync(ClusterBridge bridge, string path, string body)
    {
        using var response = await bridge.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trainingId").GetString();
        var deadline = DateTime.UtcNow.AddSeconds(240);
        JsonElement job;
        do
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the training finishes");
            await Task.Delay(50); // polled as a client would
            job = await bridge.Http.GetFromJsonAsync<JsonElement>($"/api/ml/training-status/{id}");
        }
        while (job.GetProperty("status").GetString() is "queued" or "running");

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("completed"), job.ToString());
        return job;
    }

    /// <summary>The answer but for when its model was trained (the one thing two trainings of the same model differ in).</summary>
    private static string WithoutTrainedAt(JsonElement answer)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(answer.GetRawText())!;
        void Strip(System.Text.Json.Nodes.JsonNode? n)
        {
            if (n is System.Text.Json.Nodes.JsonObject o)
            {
                o.Remove("trainedAt");
                foreach (var child in o.Select(c => c.Value).ToList())
                {
                    Strip(child);
                }
            }
        }

        Strip(node);
        Assert.That(node.ToJsonString(), Does.Contain("probability"), "a prediction");
        return node.ToJsonString();
    }

    [Test]
    public async Task Training_and_auto_tune_run_on_workers_and_give_what_the_bridge_alone_would()
    {
        using var nats = new NatsServer();
        using var postgres = new PostgresServer();
        var history = SharedHistory(postgres);
        (JsonElement Job, JsonElement Tuned, JsonElement Prediction) local;
        await using (var alone = await ClusterBridge.StartAsync(history))
        {
            local = await TrainAsync(alone);
        }

        var worker = Worker(nats, "worker");
        await using var queued = await ClusterBridge.StartAsync(history, $"--Bridge:Work:Nats={nats.Url}");
        var remote = await TrainAsync(queued);
        await worker.Stop.CancelAsync();
        await worker.Run;
        await worker.Nats.DisposeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(remote.Job.GetProperty("model").GetProperty("folds").GetRawText(), Is.EqualTo(local.Job.GetProperty("model").GetProperty("folds").GetRawText()), "the same walk-forward folds");
            Assert.That(WithoutTrainedAt(remote.Prediction), Is.EqualTo(WithoutTrainedAt(local.Prediction)), "the same model: the same prediction");
            Assert.That(remote.Tuned.GetProperty("result").GetRawText(), Is.EqualTo(local.Tuned.GetProperty("result").GetRawText()), "the same trials and best settings");
            Assert.That(worker.Worker.Completed, Is.EqualTo(1 + 3), "the training and each trial ran on the worker");
        });
    }

    [Test]
    public async Task A_scan_on_workers_gives_what_the_bridge_alone_would()
    {
        const string Scan = """{"symbols":["BTC-USD","ETH-USD","EURUSD","XAUUSD"],"timeframe":"1d","minConfluence":1,"signalStrength":0}""";
        static async Task<JsonElement> ScanAsync(ClusterBridge bridge)
        {
            using var response = await bridge.Http.PostAsync("/api/scanner/scan", new StringContent(Scan, Encoding.UTF8, "application/json"));
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That((int)response.StatusCode, Is.EqualTo(200), body.ToString());
            return body;
        }

        using var nats = new NatsServer();
        using var postgres = new PostgresServer();
        var history = SharedHistory(postgres);
        JsonElement local;
        await using (var alone = await ClusterBridge.StartAsync(history))
        {
            local = await ScanAsync(alone);
        }

        var worker = Worker(nats, "worker");
        await using var queued = await ClusterBridge.StartAsync(history, $"--Bridge:Work:Nats={nats.Url}");
        var remote = await ScanAsync(queued);
        await worker.Stop.CancelAsync();
        await worker.Run;
        await worker.Nats.DisposeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(local.GetProperty("candidates").GetArrayLength(), Is.EqualTo(4), "every series scanned: " + local);
            foreach (var field in new[] { "results", "candidates", "errors", "scannedSymbols" })
            {
                Assert.That(remote.GetProperty(field).GetRawText(), Is.EqualTo(local.GetProperty(field).GetRawText()), field);
            }

            Assert.That(worker.Worker.Completed, Is.EqualTo(4), "each series was a task on the worker");
        });
    }

    [Test]
    public async Task With_no_worker_the_job_fails_saying_to_start_one()
    {
        using var nats = new NatsServer();
        await using var queued = await ClusterBridge.StartAsync($"--Bridge:Work:Nats={nats.Url}", "--Bridge:Work:TaskTimeoutSeconds=1");
        using var response = await queued.Http.PostAsync("/api/strategies/mama-fama-btc/optimize", new StringContent(Request, Encoding.UTF8, "application/json"));
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var job = default(JsonElement);
        Eventually.Until(() => (job = queued.Http.GetFromJsonAsync<JsonElement>($"/api/optimizations/{id}").GetAwaiter().GetResult()).GetProperty("status").GetString() == "failed", "the job fails");
        Assert.That(job.GetProperty("error").GetString(), Does.Contain("is a worker running (./run.sh worker)?"));
    }

    [Test]
    public async Task With_no_worker_a_scan_answers_503_saying_to_start_one()
    {
        using var nats = new NatsServer();
        await using var queued = await ClusterBridge.StartAsync($"--Bridge:Work:Nats={nats.Url}", "--Bridge:Work:ScanTimeoutSeconds=1");
        using var response = await queued.Http.PostAsync("/api/scanner/scan", new StringContent("""{"symbols":["BTC-USD"],"timeframe":"1d"}""", Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That((int)response.StatusCode, Is.EqualTo(503), body.ToString());
        Assert.That(body.GetProperty("detail").GetString(), Does.Contain("is a worker running (./run.sh worker)?"));
    }

    [Test]
    public async Task A_message_that_is_not_a_task_is_dropped_and_the_next_task_runs()
    {
        using var nats = new NatsServer();
        var worker = Worker(nats, "worker");
        await using var client = new NatsConnection(new NatsOpts { Url = nats.Url });
        await using var job = await RemoteWorkJob.OpenAsync(client, "job1", TimeSpan.FromSeconds(60), CancellationToken.None);
        var js = new NatsJSContext(client);
        (await js.PublishAsync(WorkNames.Tasks("job1"), "not json"u8.ToArray())).EnsureSuccess();
        var definition = LowLatency.Engine.Strategies.StrategyLoader.LoadDirectory(Path.Combine(ShardEngine.Root, "config", "strategies"), Registry).First(s => s.Name == "mama-fama-btc").Definition;
        var running = job.RunAsync(new BacktestTask
        {
            Job = job.Id, Task = job.NextTask(), Definition = definition, File = "mama-fama-btc.json", Symbol = "BTC-USD",
            From = DateTimeOffset.Parse("2024-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), To = DateTimeOffset.Parse("2024-01-08T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            MaxTicks = 20_000, Seed = 42, Account = new LowLatency.Engine.Portfolio.AccountOptions(), Risk = new LowLatency.Engine.Risk.RiskLimits(),
        }, CancellationToken.None);
        if (await Task.WhenAny(running, worker.Run) == worker.Run)
        {
            await worker.Run; // the worker stopped of itself: its exception says why
            Assert.Fail("the worker stopped before the task's result came");
        }

        var result = await running;
        Assert.That((result.Refused, result.Worker, result.Metrics!.Orders >= 0), Is.EqualTo(((string?)null, "worker", true)), "the backtest's metrics from the worker");
        Eventually.Until(() => worker.Worker.Completed == 1, "the task acknowledged (just after its result went out)");
        Assert.That(worker.Worker.Completed, Is.EqualTo(1), "the garbage was not counted as work, nor retried");
        await worker.Stop.CancelAsync();
        await worker.Run;
        await worker.Nats.DisposeAsync();
    }

    [Test]
    public async Task Workers_and_requesters_creating_the_queue_at_once_all_get_it()
    {
        using var nats = new NatsServer();
        var clients = Enumerable.Range(0, 6).Select(_ => new NatsConnection(new NatsOpts { Url = nats.Url })).ToArray();
        try
        {
            var js = clients.Select(c => new NatsJSContext(c)).ToArray();
            await Task.WhenAll(clients.Select(c => c.ConnectAsync().AsTask()));
            for (var round = 0; round < 3; round++)
            {
                // each on a connection of its own, as separate processes are, onto a server that has neither yet
                await Task.WhenAll(js.Select((j, i) => (i % 3) switch
                {
                    0 => WorkStream.EnsureStreamAsync(j, CancellationToken.None),
                    1 => (Task)WorkStream.EnsureConsumerAsync(j, TimeSpan.FromSeconds(3), CancellationToken.None),
                    _ => WorkStream.ObjectsAsync(j, CancellationToken.None),
                }));
                var stream = await js[0].GetStreamAsync(WorkNames.Stream);
                Assert.That(stream.Info.Config.Subjects, Is.EqualTo(new[] { WorkNames.TaskSubjects }), "one stream, whoever made it");
                await js[0].DeleteStreamAsync(WorkNames.Stream);
                await new NATS.Client.ObjectStore.NatsObjContext(js[0]).DeleteObjectStore(WorkNames.Objects, CancellationToken.None);
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }
}
