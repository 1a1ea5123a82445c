using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LowLatency.Bridge.Tests.Support;

namespace LowLatency.Bridge.Tests.Api;

/// <summary>
/// The general optimiser through a real bridge, on a copy of the strategy files: a walk-forward job with progress
/// that completes, its recommendation applied to the file (previous version kept), cancel, and bad requests.
/// </summary>
[NonParallelizable]
public sealed class StrategyOptimizationTests
{
    private string _strategies = "";
    private BridgeProcess? _bridge;

    private HttpClient Http => _bridge!.Http;

    [OneTimeSetUp]
    public async Task Start()
    {
        _strategies = Directory.CreateTempSubdirectory("ll-strategies-").FullName;
        foreach (var file in Directory.GetFiles(Paths.Config("strategies"), "*.json"))
        {
            File.Copy(file, Path.Combine(_strategies, Path.GetFileName(file)));
        }

        _bridge = await BridgeProcess.StartAsync(Paths.FreePort(), $"--Bridge:Strategies={_strategies}");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_bridge is not null)
        {
            await _bridge.DisposeAsync();
        }

        Directory.Delete(_strategies, recursive: true);
    }

    [Test]
    public async Task A_walk_forward_job_completes_and_its_recommendation_is_applied()
    {
        var (status, started) = await JsonPost.SendAsync(Http, "/api/strategies/mama-fama-btc/optimize", """{"startDate":"2024-01-01","endDate":"2024-02-15","method":"random","budget":8,"folds":2,"objective":"return","seed":7,"constraints":{"minTrades":0}}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.Accepted), started.ToString());
        Assert.That(started.GetProperty("dimensions").EnumerateArray().Select(d => d.GetString()), Is.EquivalentTo(new[] { "fastLimit", "slowLimit", "source" }));
        var id = started.GetProperty("id").GetString()!;

        var job = await WaitFor(id, "completed");
        Assert.That(job.GetProperty("progress").GetDouble(), Is.EqualTo(1));
        Assert.That(job.GetProperty("backtests").GetInt32(), Is.EqualTo(8 + 2), "4 in-sample points per fold and one out-of-sample run per fold");
        var result = job.GetProperty("result");
        var folds = result.GetProperty("folds").EnumerateArray().ToList();
        Assert.That(folds, Has.Count.EqualTo(2));
        Assert.That(string.CompareOrdinal(folds[0].GetProperty("outOfSample").GetProperty("from").GetString(), folds[0].GetProperty("inSample").GetProperty("to").GetString()), Is.GreaterThanOrEqualTo(0), "out of sample starts after in sample");
        var recommended = result.GetProperty("recommended");
        var fast = recommended.GetProperty("fastLimit").GetDouble();
        var slow = recommended.GetProperty("slowLimit").GetDouble();
        Assert.That(slow, Is.LessThanOrEqualTo(fast), "a refused combination is never recommended");

        var (applyStatus, applied) = await JsonPost.SendAsync(Http, $"/api/optimizations/{id}/apply", "{}");
        Assert.That(applyStatus, Is.EqualTo(HttpStatusCode.OK), applied.ToString());
        var backup = Path.Combine(_strategies, applied.GetProperty("previousVersion").GetString()!);
        Assert.That(File.ReadAllText(backup), Does.Contain("\"fastLimit\": 0.5"), "the previous version is kept");
        var listed = await Http.GetFromJsonAsync<JsonElement>("/api/strategies/mama-fama-btc");
        Assert.That(listed.GetProperty("parameters").GetProperty("fastLimit").GetDouble(), Is.EqualTo(fast).Within(1e-9), "the file now holds the recommendation");
        Assert.That(listed.GetProperty("parameters").GetProperty("source").GetString(), Is.EqualTo(recommended.GetProperty("source").GetString()));
    }

    [Test]
    public async Task A_job_can_be_cancelled()
    {
        var (_, started) = await JsonPost.SendAsync(Http, "/api/strategies/gann-sq9-eth/optimize", """{"startDate":"2023-01-01","endDate":"2024-12-31","method":"evolution","budget":5000,"folds":2}""");
        var id = started.GetProperty("id").GetString()!;
        using var delete = await Http.DeleteAsync($"/api/optimizations/{id}");
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var job = await WaitFor(id, "cancelled");
        Assert.That(job.GetProperty("backtests").GetInt32(), Is.LessThan(5000));
        Assert.That((await JsonPost.SendAsync(Http, $"/api/optimizations/{id}/apply", "{}")).Status, Is.EqualTo(HttpStatusCode.Conflict));
    }

    [TestCase("/api/strategies/nope/optimize", "{}", HttpStatusCode.NotFound)]
    [TestCase("/api/strategies/mama-fama-btc/optimize", """{"method":"annealing"}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/strategies/mama-fama-btc/optimize", """{"objective":"luck"}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/strategies/mama-fama-btc/optimize", """{"budget":0}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/strategies/mama-fama-btc/optimize", """{"constraints":{"maxDrawdown":3}}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/strategies/mama-fama-btc/optimize", """{"constraints":{"minSharpe":1}}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/strategies/mama-fama-btc/optimize", """{"parameters":["nothing"]}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/strategies/mama-fama-btc/optimize", """{"symbol":"NOPE"}""", HttpStatusCode.NotFound)]
    [TestCase("/api/optimizations/nope/apply", "{}", HttpStatusCode.NotFound)]
    public async Task Bad_requests_are_problems(string path, string body, HttpStatusCode expected)
    {
        var (status, problem) = await JsonPost.SendAsync(Http, path, body);
        Assert.That(status, Is.EqualTo(expected), problem.ToString());
        Assert.That(problem.GetProperty("error").GetString(), Is.Not.Empty);
    }

    private async Task<JsonElement> WaitFor(string id, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (true)
        {
            var job = await Http.GetFromJsonAsync<JsonElement>($"/api/optimizations/{id}");
            var now = job.GetProperty("status").GetString();
            if (now == status)
            {
                return job;
            }

            Assert.That(now, Is.Not.EqualTo("failed"), job.ToString());
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"job {id} still {now}: {job}");
            await Task.Delay(50);
        }
    }
}
