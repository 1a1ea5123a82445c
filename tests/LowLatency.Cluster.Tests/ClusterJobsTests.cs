using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace LowLatency.Cluster.Tests;

/// <summary>
/// The API's jobs across bridges (<c>Bridge:Cluster:ServeFrontend</c>): a job started through one bridge is polled,
/// cancelled and applied through another, and a job whose bridge stops is run again by another, under the same
/// id, to the result a single process gives. The jobs' tasks go to a real JetStream work queue that no worker serves
/// until a test says, so a job cannot end before the test has done what it does mid-job.
/// </summary>
[NonParallelizable]
public sealed class ClusterJobsTests
{
    private const string Backtest = """{"startDate":"2024-01-01","endDate":"2024-06-01","symbol":"ETH-USD"}""";

    private static Task<ClusterBridge> Bridge(NatsServer nats, PostgresServer postgres, string name, params string[] extra) =>
        ClusterBridge.StartAsync(
        [
            .. ClusterBridge.InCluster(nats, postgres, name, ClusterFrontendTests.Shards), "--Bridge:Cluster:ServeFrontend=true",
            $"--Bridge:Work:Nats={nats.Url}", "--Bridge:Work:Parallelism=4", "--Bridge:Cluster:JobLeaseSeconds=2", .. extra,
        ]);

    private static async Task<string> StartAsync(ClusterBridge bridge, string path, string body, string idName = "id")
    {
        using var response = await bridge.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        var started = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), started.ToString());
        return started.GetProperty(idName).GetString()!;
    }

    private static async Task<JsonElement> UntilAsync(ClusterBridge bridge, string path, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(240);
        while (true)
        {
            using var response = await bridge.Http.GetAsync(path);
            var job = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), job.ToString());
            if (job.GetProperty("status").GetString() == status)
            {
                return job;
            }

            Assert.That(job.GetProperty("status").GetString(), Is.Not.EqualTo("failed"), job.ToString());
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"{path} not {status}: {job}");
            await Task.Delay(50); // polled as a client would
        }
    }

    /// <summary>An optimisation started through the first bridge, once the second answers for it as running: its id, poll path and that answer.</summary>
    private static async Task<(string Id, string Path, JsonElement OnSecond)> OptimisingAsync(ClusterBridge first, ClusterBridge second)
    {
        var id = await StartAsync(first, "/api/strategies/mama-fama-btc/optimize", WorkerTests.Request);
        var path = $"/api/optimizations/{id}";
        return (id, path, await UntilAsync(second, path, "running"));
    }

    private static List<string> Names(JsonElement answer) => [.. answer.EnumerateObject().Select(p => p.Name)];

    [Test]
    public async Task A_job_started_through_one_bridge_is_polled_cancelled_and_applied_through_the_other()
    {
        using var nats = new NatsServer();
        using var postgres = new PostgresServer();
        await using var a = await Bridge(nats, postgres, "bridge-a");
        await using var b = await Bridge(nats, postgres, "bridge-b");

        var (id, path, onB) = await OptimisingAsync(a, b);
        var onA = await a.Http.GetFromJsonAsync<JsonElement>(path);
        Assert.Multiple(() =>
        {
            Assert.That(onB.GetProperty("id").GetString(), Is.EqualTo(id));
            Assert.That(Names(onB), Is.EqualTo(Names(onA)), "the other bridge answers in the running bridge's shape");
            Assert.That(onB.GetProperty("created").GetString(), Is.EqualTo(onA.GetProperty("created").GetString()));
        });

        using (var unknown = await b.Http.GetAsync("/api/optimizations/nosuchjob"))
        {
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await unknown.Content.ReadAsStringAsync(), Does.Contain("on any of the cluster's bridges"));
        }

        using (var early = await b.Http.PostAsync($"{path}/apply", null))
        {
            Assert.That(early.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "nothing to apply while it runs");
        }

        using (var cancel = await b.Http.DeleteAsync(path))
        {
            var answer = await cancel.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
            Assert.That(answer.GetProperty("success").GetBoolean(), Is.True);
        }

        await UntilAsync(a, path, "cancelled"); // carried out by the bridge running it
        await UntilAsync(b, path, "cancelled");
        using (var late = await b.Http.PostAsync($"{path}/apply", null))
        {
            Assert.That(late.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "a cancelled job has nothing to apply");
        }

        using var missing = await b.Http.DeleteAsync("/api/optimizations/nosuchjob");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Jobs_whose_bridge_stops_are_run_again_by_another_to_the_single_process_result()
    {
        JsonElement optimisedAlone, backtestedAlone;
        await using (var alone = await ClusterBridge.StartAsync())
        {
            optimisedAlone = await WorkerTests.OptimiseAsync(alone);
            backtestedAlone = await UntilAsync(alone, $"/api/backtests/{await StartAsync(alone, "/api/backtests", Backtest)}", "completed");
        }

        using var nats = new NatsServer();
        using var postgres = new PostgresServer();
        var a = await Bridge(nats, postgres, "bridge-a");
        await using var b = await Bridge(nats, postgres, "bridge-b");
        var optimisation = $"/api/optimizations/{await StartAsync(a, "/api/strategies/mama-fama-btc/optimize", WorkerTests.Request)}";
        var backtest = $"/api/backtests/{await StartAsync(a, "/api/backtests", Backtest)}";
        var trainingId = await StartAsync(a, "/api/ml/train", """{"symbol":"XAUUSD","horizon":3,"folds":3,"trees":20}""", "trainingId");
        var training = $"/api/ml/training-status/{trainingId}";
        await UntilAsync(b, optimisation, "running");
        await UntilAsync(b, backtest, "running");
        await UntilAsync(b, training, "running");

        await a.DisposeAsync(); // mid-job: no worker has taken a task yet
        var worker = WorkerTests.Worker(nats, "worker");
        var optimised = await UntilAsync(b, optimisation, "completed");
        var backtested = await UntilAsync(b, backtest, "completed");
        var trained = await UntilAsync(b, training, "completed");
        await worker.Stop.CancelAsync();
        await worker.Run;
        await worker.Nats.DisposeAsync();

        await using var database = NpgsqlDataSource.Create(postgres.ConnectionString);
        await using var owners = database.CreateCommand("SELECT kind, owner, attempt FROM ll_jobs ORDER BY kind");
        var rows = new List<string>();
        await using (var reader = await owners.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add($"{reader.GetString(0)} {reader.GetString(1)} {reader.GetInt32(2)}");
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(rows, Is.EqualTo(new[] { "backtest bridge-b 1", "optimization bridge-b 1", "training bridge-b 1" }), "each taken over once, by the bridge left");
            Assert.That(optimised.GetProperty("result").GetRawText(), Is.EqualTo(optimisedAlone.GetProperty("result").GetRawText()), "the same folds, scores and recommendation");
            Assert.That(backtested.GetProperty("result").GetRawText(), Is.EqualTo(backtestedAlone.GetProperty("result").GetRawText()), "the same trades, equity curve and metrics");
            Assert.That(trained.GetProperty("model").GetProperty("folds").GetArrayLength(), Is.EqualTo(3));
            Assert.That(trained.GetProperty("trainingId").GetString(), Is.EqualTo(trainingId), "the same id throughout");
        });
    }

    [Test]
    public async Task A_job_whose_bridge_falls_silent_is_taken_over_after_the_lease_and_its_old_bridge_lets_it_go()
    {
        JsonElement alone;
        await using (var single = await ClusterBridge.StartAsync())
        {
            alone = await WorkerTests.OptimiseAsync(single);
        }

        using var nats = new NatsServer();
        using var postgres = new PostgresServer();
        await using var a = await Bridge(nats, postgres, "bridge-a");
        await using var b = await Bridge(nats, postgres, "bridge-b");
        var (id, path, _) = await OptimisingAsync(a, b);

        // As if a third bridge had taken the job over and then fallen silent: bridge-a finds the job no longer its own.
        await using var database = NpgsqlDataSource.Create(postgres.ConnectionString);
        await using (var silent = database.CreateCommand("UPDATE ll_jobs SET owner = 'bridge-x', attempt = attempt + 1, heartbeat_ms = $2 WHERE id = $1"))
        {
            silent.Parameters.Add(new NpgsqlParameter { Value = id });
            silent.Parameters.Add(new NpgsqlParameter { Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() });
            Assert.That(await silent.ExecuteNonQueryAsync(), Is.EqualTo(1));
        }

        (string Owner, int Attempt) Row()
        {
            using var read = database.CreateCommand("SELECT owner, attempt FROM ll_jobs WHERE id = $1");
            read.Parameters.Add(new NpgsqlParameter { Value = id });
            using var reader = read.ExecuteReader();
            return reader.Read() ? (reader.GetString(0), reader.GetInt32(1)) : ("", -1);
        }

        Eventually.Until(() => Row() is ("bridge-a" or "bridge-b", 2), "taken over from the silent bridge once its lease ran out");
        var worker = WorkerTests.Worker(nats, "worker");
        var throughA = await UntilAsync(a, path, "completed");
        var throughB = await UntilAsync(b, path, "completed");
        await worker.Stop.CancelAsync();
        await worker.Run;
        await worker.Nats.DisposeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Row().Attempt, Is.EqualTo(2), "taken over once: the first bridge's cancelled run did not write over it");
            Assert.That(throughA.GetProperty("result").GetRawText(), Is.EqualTo(alone.GetProperty("result").GetRawText()), "the single-process result");
            Assert.That(throughB.GetProperty("result").GetRawText(), Is.EqualTo(alone.GetProperty("result").GetRawText()));
        });
    }

    [Test]
    public async Task An_ended_job_leaves_the_board_after_the_retention_and_its_own_bridge_still_answers_for_it()
    {
        using var nats = new NatsServer();
        using var postgres = new PostgresServer();
        const string Retention = "--Bridge:Cluster:JobRetentionDays=0.00002"; // under two seconds
        await using var a = await Bridge(nats, postgres, "bridge-a", Retention);
        await using var b = await Bridge(nats, postgres, "bridge-b", Retention);
        var (_, path, _) = await OptimisingAsync(a, b);
        using (var cancel = await b.Http.DeleteAsync(path))
        {
            Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await UntilAsync(a, path, "cancelled");
        bool Gone()
        {
            using var poll = b.Http.GetAsync(path).GetAwaiter().GetResult();
            return poll.StatusCode == HttpStatusCode.NotFound;
        }

        Eventually.Until(Gone, "gone from the board");
        Assert.That((await a.Http.GetFromJsonAsync<JsonElement>(path)).GetProperty("status").GetString(), Is.EqualTo("cancelled"), "kept by the bridge that ran it while it runs");
    }
}
