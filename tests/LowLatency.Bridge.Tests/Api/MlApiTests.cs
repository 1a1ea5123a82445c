using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LowLatency.Bridge.Tests.Support;

namespace LowLatency.Bridge.Tests.Api;

/// <summary>The ML routes through a real bridge: the first predict trains and says so, the second uses the saved model; a training job reports progress and fold metrics.</summary>
[NonParallelizable]
public sealed class MlApiTests : StandaloneBridgeFixture
{
    [Test]
    public async Task The_first_predict_trains_a_model_and_the_next_uses_it()
    {
        var (status, first) = await Post("/api/ml/predict", """{"symbol":"ETH-USD","horizon":5,"trees":30}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), first.ToString());
        Assert.That(first.GetProperty("trained").GetBoolean(), Is.True);
        var prediction = first.GetProperty("prediction");
        Assert.That(prediction.GetProperty("direction").GetInt32(), Is.AnyOf(-1, 0, 1));
        Assert.That(prediction.GetProperty("confidence").GetDouble(), Is.InRange(0.5, 1.0));
        Assert.That(prediction.GetProperty("signal").GetString(), Is.EqualTo(prediction.GetProperty("direction").GetInt32() switch { 1 => "BUY", -1 => "SELL", _ => "NEUTRAL" }));
        var history = first.GetProperty("history").EnumerateArray().ToList();
        Assert.That(history, Has.Count.InRange(1, 30));
        Assert.That(history.Select(h => h.GetProperty("actual").GetInt32()), Is.All.AnyOf(-1, 1));
        var folds = first.GetProperty("model").GetProperty("folds").EnumerateArray().ToList();
        Assert.That(folds, Is.Not.Empty);
        Assert.That(folds.Select(f => f.GetProperty("accuracy").GetDouble()), Is.All.InRange(0.0, 1.0));

        var (_, second) = await Post("/api/ml/predict", """{"symbol":"ETHUSDT","horizon":5}""");
        Assert.That(second.GetProperty("trained").GetBoolean(), Is.False, "the saved model is used");
        Assert.That(second.GetProperty("model").GetProperty("trainedAt").GetString(), Is.EqualTo(first.GetProperty("model").GetProperty("trainedAt").GetString()));

        var (exportStatus, export) = await Post("/api/ml/export", """{"symbol":"ETH-USD","horizon":5}""");
        Assert.That(exportStatus, Is.EqualTo(HttpStatusCode.OK), export.ToString());
        Assert.That(export.GetProperty("files").EnumerateObject().Select(f => f.Name), Is.EquivalentTo(new[] { "classifier.zip", "regression.zip", "metadata.json" }));
        Assert.That(Convert.FromBase64String(export.GetProperty("files").GetProperty("classifier.zip").GetString()!)[..2], Is.EqualTo("PK"u8.ToArray()), "a zip");
        Assert.That((await Post("/api/ml/export", """{"symbol":"ETH-USD","format":"onnx"}""")).Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Post("/api/ml/export", """{"symbol":"GBPUSD","horizon":9}""")).Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task The_training_defaults_are_configurable_and_auto_tune_searches_them()
    {
        var config = await Http.GetFromJsonAsync<JsonElement>("/api/ml/config");
        Assert.That(config.GetProperty("config").GetProperty("horizon").GetInt32(), Is.EqualTo(5));
        Assert.That(config.GetProperty("features").GetArrayLength(), Is.EqualTo(18));
        var (status, saved) = await Post("/api/ml/config", """{"folds":3,"trees":25}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), saved.ToString());
        Assert.That((await Http.GetFromJsonAsync<JsonElement>("/api/ml/config")).GetProperty("config").GetProperty("trees").GetInt32(), Is.EqualTo(25));
        Assert.That((await Post("/api/ml/config", """{"folds":1}""")).Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Post("/api/ml/config", """{"colour":"red"}""")).Status, Is.EqualTo(HttpStatusCode.BadRequest));

        var (tuneStatus, started) = await Post("/api/ml/auto-tune", """{"symbol":"BNBUSDT","searchMethod":"random","maxTrials":2}""");
        Assert.That(tuneStatus, Is.EqualTo(HttpStatusCode.Accepted), started.ToString());
        var id = started.GetProperty("trainingId").GetString();
        var deadline = DateTime.UtcNow.AddSeconds(180);
        JsonElement job;
        do
        {
            await Task.Delay(100);
            job = await Http.GetFromJsonAsync<JsonElement>($"/api/ml/training-status/{id}");
            Assert.That(job.GetProperty("status").GetString(), Is.Not.EqualTo("failed"), job.ToString());
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline));
        }
        while (job.GetProperty("status").GetString() != "completed");

        var result = job.GetProperty("result");
        Assert.That(result.GetProperty("trials").GetArrayLength(), Is.EqualTo(2));
        Assert.That(result.GetProperty("best").GetProperty("trees").GetInt32(), Is.InRange(30, 300));
        Assert.That((await Post("/api/ml/auto-tune", """{"searchMethod":"magic"}""")).Status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task A_training_job_reports_progress_and_its_folds()
    {
        var (status, started) = await Post("/api/ml/train", """{"symbol":"XAUUSD","horizon":3,"folds":3,"trees":20}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.Accepted), started.ToString());
        var id = started.GetProperty("trainingId").GetString();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        JsonElement job;
        do
        {
            await Task.Delay(50);
            job = await Http.GetFromJsonAsync<JsonElement>($"/api/ml/training-status/{id}");
            Assert.That(job.GetProperty("status").GetString(), Is.Not.EqualTo("failed"), job.ToString());
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline));
        }
        while (job.GetProperty("status").GetString() != "completed");

        Assert.That(job.GetProperty("progress").GetDouble(), Is.EqualTo(1));
        Assert.That(job.GetProperty("model").GetProperty("folds").GetArrayLength(), Is.InRange(1, 3));
        Assert.That(job.GetProperty("model").GetProperty("horizonBars").GetInt32(), Is.EqualTo(3));
    }

    [TestCase("/api/ml/predict", """{"symbol":"NOPE"}""", HttpStatusCode.NotFound)]
    [TestCase("/api/ml/predict", """{"horizon":0}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/ml/predict", """{"horizon":2.5}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/ml/train", """{"timeframe":"7x"}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/ml/train", """{"lookbackDays":5}""", HttpStatusCode.BadRequest)]
    public async Task Bad_requests_are_problems(string path, string body, HttpStatusCode expected)
    {
        var (status, problem) = await Post(path, body);
        Assert.That(status, Is.EqualTo(expected), problem.ToString());
        Assert.That((await Http.GetAsync("/api/ml/training-status/nope")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
