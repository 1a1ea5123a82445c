using LowLatency.Engine.Host.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace LowLatency.Engine.Host.Tests;

[TestFixture]
public sealed class EngineHostTests
{
    [Test]
    public void Runs_the_configured_stages_prints_status_and_drains_on_stop()
    {
        var config = EngineDefaults.Config with { StatusIntervalSeconds = 0.05, Feed = new FeedConfig { EventsPerSecond = 50_000 } };
        using var output = new LineCollector();
        using var stop = new CancellationTokenSource();
        var host = new EngineHost(config, NullLogger.Instance, output);
        var run = Task.Factory.StartNew(() => host.Run(stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var deadline = Environment.TickCount64 + 60_000;
        var spin = default(SpinWait);
        while (output.Lines.Count(l => l.StartsWith("status ", StringComparison.Ordinal)) < 3)
        {
            Assert.That(Environment.TickCount64, Is.LessThan(deadline), "no status lines");
            Assert.That(run.IsCompleted, Is.False, "the host ended before it was stopped");
            spin.SpinOnce();
        }

        stop.Cancel();
        Assert.That(run.Wait(TimeSpan.FromSeconds(60)), Is.True, "the host stops when asked");
        Assert.That(run.Result, Is.Zero, "drained: exit code 0");
        Assert.That(output.Lines[^1], Does.Match(@"^status events/s=\d+ processed=[1-9]\d* rejected=0 latency_us p50="));
    }
}
