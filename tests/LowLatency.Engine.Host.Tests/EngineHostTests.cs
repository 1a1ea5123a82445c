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
        using var output = new StringWriter();
        using var stop = new CancellationTokenSource();
        var host = new EngineHost(config, NullLogger.Instance, TextWriter.Synchronized(output));
        var run = Task.Factory.StartNew(() => host.Run(stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var deadline = Environment.TickCount64 + 60_000;
        var spin = default(SpinWait);
        while (!output.ToString().Contains("processed=", StringComparison.Ordinal) || CountStatusLines(output) < 3)
        {
            Assert.That(Environment.TickCount64, Is.LessThan(deadline), "no status lines");
            spin.SpinOnce();
        }

        stop.Cancel();
        Assert.That(run.Wait(TimeSpan.FromSeconds(60)), Is.True, "the host stops when asked");
        Assert.That(run.Result, Is.Zero, "drained: exit code 0");
        var last = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.That(last, Does.Match(@"processed=[1-9]\d* rejected=0"));
    }

    private static int CountStatusLines(StringWriter output) =>
        output.ToString().Split('\n').Count(l => l.StartsWith("status ", StringComparison.Ordinal));
}
