using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace LowLatency.Cluster.Tests;

/// <summary>
/// Trained models across bridges (<c>Bridge:Cluster:ServeFrontend</c>): a model trained through one bridge predicts
/// and exports through another without training again, and one trained later through the other replaces it on both.
/// </summary>
[NonParallelizable]
public sealed class ClusterModelsTests
{
    private const string Model = """{"symbol":"XAUUSD","horizon":3,"folds":3,"trees":20}""";

    private static async Task<JsonElement> PostAsync(ClusterBridge bridge, string path, string body)
    {
        using var response = await bridge.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That((int)response.StatusCode, Is.EqualTo(200).Or.EqualTo(202), answer.ToString());
        return answer;
    }

    /// <summary>A training through the bridge, to its end: when its model was trained.</summary>
    private static async Task<string> TrainAsync(ClusterBridge bridge) =>
        (await WorkerTests.MlJobAsync(bridge, "/api/ml/train", Model)).GetProperty("model").GetProperty("trainedAt").GetString()!;

    [Test]
    public async Task A_model_trained_through_one_bridge_serves_every_bridge_until_a_later_one_replaces_it()
    {
        using var nats = new NatsServer();
        using var postgres = new PostgresServer();
        await using var a = await ClusterFrontendTests.Bridge(nats, postgres, "bridge-a");
        await using var b = await ClusterFrontendTests.Bridge(nats, postgres, "bridge-b");

        var first = await TrainAsync(a);
        var predicted = await PostAsync(b, "/api/ml/predict", """{"symbol":"XAUUSD","horizon":3}""");
        var exported = await PostAsync(b, "/api/ml/export", """{"symbol":"XAUUSD","horizon":3}""");
        Assert.Multiple(() =>
        {
            Assert.That(predicted.GetProperty("trained").GetBoolean(), Is.False, "the other bridge's model, not a new one");
            Assert.That(predicted.GetProperty("model").GetProperty("trainedAt").GetString(), Is.EqualTo(first));
            Assert.That(exported.GetProperty("files").EnumerateObject().Select(f => f.Name), Does.Contain("metadata.json"));
        });

        var second = await TrainAsync(b);
        Assert.That(second, Is.Not.EqualTo(first));
        var again = await PostAsync(a, "/api/ml/predict", """{"symbol":"XAUUSD","horizon":3}""");
        Assert.Multiple(() =>
        {
            Assert.That(again.GetProperty("trained").GetBoolean(), Is.False);
            Assert.That(again.GetProperty("model").GetProperty("trainedAt").GetString(), Is.EqualTo(second), "the bridge that held the first model now predicts with the later one");
        });
    }
}
