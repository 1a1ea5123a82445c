using LowLatency.Chaos;

namespace LowLatency.Bridge.Tests.Api;

/// <summary>A short <c>./run.sh chaos</c>: the real engine and bridge processes SIGKILLed under load and checked after each restart.</summary>
[NonParallelizable]
public sealed class ChaosTests
{
    [Test]
    [CancelAfter(240_000)]
    public async Task Killing_the_engine_the_bridge_or_both_under_load_loses_no_acknowledgement_and_no_halt()
    {
        var report = await ChaosRun.RunAsync(cycles: 4, seed: 7, TestContext.Out);
        Assert.That(report.ToString(), Is.EqualTo("cycles 4, restarts ok 4, acknowledged-but-lost 0, state mismatches 0, stale statuses 0, halts lost 0"));
    }
}
