using LowLatency.Engine.Configuration;
using LowLatency.Engine.Host.Configuration;

namespace LowLatency.Engine.Host.Tests;

[TestFixture]
public sealed class EngineConfigLoaderTests
{
    private static string RepositoryConfig => Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../../config/engine.json");

    [Test]
    public void The_shipped_config_file_loads_and_suits_two_cores()
    {
        var config = EngineConfigLoader.Load(RepositoryConfig);
        Assert.That(config.Stages.Select(s => s.Name), Is.EqualTo(new[] { "ingest", "metrics" }));
        var spinning = config.Stages.Count(s => (s.WaitStrategy ?? config.Ring.WaitStrategy) is "busy-spin" or "yielding");
        Assert.That(spinning, Is.LessThanOrEqualTo(2), "never more spinning threads than cores by default");
    }

    [TestCase("""{"ring":{"size":1000}}""", "ring.size", "power of two")]
    [TestCase("""{"ring":{"producer":"many"}}""", "ring.producer", "'many'")]
    [TestCase("""{"ring":{"waitStrategy":"spinny"}}""", "ring.waitStrategy", "spinny")]
    [TestCase("""{"stages":[]}""", "stages", "at least one stage")]
    [TestCase("""{"stages":[{"name":"risk"}]}""", "stages[0].name", "unknown stage 'risk'")]
    [TestCase("""{"stages":[{"name":"ingest"},{"name":"ingest"}]}""", "stages[1].name", "twice")]
    [TestCase("""{"stages":[{"name":"ingest","cpu":-1}]}""", "stages[0].cpu", "negative")]
    [TestCase("""{"stages":[{"name":"ingest","maxBatchSize":0}]}""", "stages[0].maxBatchSize", "below 1")]
    [TestCase("""{"stages":[{"name":"ingest"}],"feed":{"eventsPerSecond":-5}}""", "feed.eventsPerSecond", "positive")]
    [TestCase("""{"stages":[{"name":"ingest"}],"statusIntervalSeconds":0}""", "statusIntervalSeconds", "positive")]
    [TestCase("""{"ring":{"size":"big"}}""", "$.ring.size", "")]
    [TestCase("""{"ring":{"sise":64}}""", "$.ring.sise", "")]
    [TestCase("""{"ring":""", "$", "")]
    [TestCase("null", "$", "null")]
    public void A_bad_file_names_the_file_the_field_and_why(string json, string field, string why)
    {
        var error = Assert.Throws<ConfigException>(() => EngineConfigLoader.Parse(json, "engine.json"));
        Assert.That(error!.File, Is.EqualTo("engine.json"));
        Assert.That(error.Field, Does.StartWith(field));
        Assert.That(error.Message, Does.StartWith("engine.json: ").And.Contain(why));
    }

    [Test]
    public void A_missing_file_is_reported_not_thrown_raw()
    {
        var error = Assert.Throws<ConfigException>(() => EngineConfigLoader.Load("/nonexistent/engine.json"));
        Assert.That(error!.Message, Does.Contain("not found"));
    }

    [TestCase("500ms", 0.5)]
    [TestCase("30s", 30)]
    [TestCase("5m", 300)]
    [TestCase("1h", 3600)]
    [TestCase("12", 12)]
    public void Durations_parse(string text, double seconds)
    {
        Assert.That(DurationParser.TryParse(text, out var duration), Is.True);
        Assert.That(duration.TotalSeconds, Is.EqualTo(seconds).Within(1e-9));
    }

    [TestCase("")]
    [TestCase("-3s")]
    [TestCase("abc")]
    [TestCase("NaNs")]
    public void Bad_durations_are_refused(string text) => Assert.That(DurationParser.TryParse(text, out _), Is.False);
}
