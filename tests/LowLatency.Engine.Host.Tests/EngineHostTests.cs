using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Host.Configuration;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;
using Microsoft.Extensions.Logging.Abstractions;

namespace LowLatency.Engine.Host.Tests;

[TestFixture]
public sealed class EngineHostTests
{
    private static readonly string Root = Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../.."));

    private string _data = "";

    [SetUp]
    public void CreateDataDirectory() => _data = Directory.CreateTempSubdirectory("ll-host-").FullName;

    [TearDown]
    public void DeleteDataDirectory() => Directory.Delete(_data, recursive: true);

    private static EngineConfig Config => EngineDefaults.Config with
    {
        StatusIntervalSeconds = 0.05,
        Instruments = Path.Combine(Root, "config", "instruments.json"),
        Strategies = Path.Combine(Root, "config", "strategies"),
        Feed = new FeedConfig { TicksPerSecond = 20_000 },
        Exchange = new PaperExchangeOptions { LatencyMs = 0, LatencyJitterMs = 0 },
        Ipc = new LowLatency.Ipc.Server.LinkOptions { Port = 0 }, // any free port: tests run side by side
    };

    [Test]
    public void Runs_the_pipeline_prints_status_drains_on_stop_and_restarts_into_the_same_state()
    {
        using var output = new LineCollector();
        using var stop = new CancellationTokenSource();
        var host = new EngineHost(Config, _data, NullLogger.Instance, output);
        var run = Task.Factory.StartNew(() => host.Run(stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Assert.That(host.Started.Wait(TimeSpan.FromSeconds(60)), Is.True, "the host starts");
        var btc = host.Pipeline!.Registry.TryResolve("BTC-USD", out var instrument) ? instrument.Id : -1;
        WaitFor(run, () => host.Pipeline.Core.Account.HasQuote(btc), "a BTC quote"); // a market order needs one
        Assert.That(host.Commands!.TryPublish(new Command { Type = CommandType.SubmitOrder, CorrelationId = 77, InstrumentId = btc, Side = Side.Buy, QuantityLots = 1000 }, TimeSpan.FromSeconds(10)), Is.True);

        // Percentiles are per status interval: the line written while draining may cover no ticks, so any line may carry them.
        const string WithLatency = @"^status SIMULATED PRICES ticks/s=\d+ ticks=[1-9]\d* refused=0 state=running orders=\d+ .* tick_to_signal_us p50=[\d.]+ p99=[\d.]+ max=[\d.]+ tick_to_routed_us p50=[\d.]+ .* feed\[simulator\]=simulator,up,age_ms=\d+,msg/s=\d+,gaps=0,rejects=0";
        WaitFor(run, () => output.Lines.Count(l => l.StartsWith("status ", StringComparison.Ordinal)) >= 3 && host.Pipeline.Core.FillCount > 0, "status lines and a fill");
        WaitFor(run, () => output.Lines.Any(l => System.Text.RegularExpressions.Regex.IsMatch(l, WithLatency)), "a status line with latency percentiles");
        stop.Cancel();
        Assert.That(run.Wait(TimeSpan.FromSeconds(60)), Is.True, "the host stops when asked");
        Assert.That(run.Result, Is.Zero, "drained: exit code 0");
        Assert.That(output.Lines[^1], Does.Match(@"^status SIMULATED PRICES ticks/s=\d+ ticks=[1-9]\d* refused=0 state=running orders=[1-9]\d* working=\d+ fills=[1-9]\d* "), "a final status line after the drain");
        var before = host.Pipeline.Core.Capture();
        Assert.That(before.Positions.Single(p => p.Symbol == "BTC-USD").Quantity, Is.EqualTo(0.1m));

        // A second engine on the same data directory comes back with the same state of record.
        using var again = new CancellationTokenSource();
        var second = new EngineHost(Config with { AutoStart = false, Feed = new FeedConfig { TicksPerSecond = 1 } }, _data, NullLogger.Instance, TextWriter.Null);
        var rerun = Task.Factory.StartNew(() => second.Run(again.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Assert.That(second.Started.Wait(TimeSpan.FromSeconds(60)), Is.True);
        var after = second.Pipeline!.Core.Capture();
        again.Cancel();
        Assert.That(rerun.Wait(TimeSpan.FromSeconds(60)), Is.True);
        Assert.That((after.LastSequence, after.Balance, after.LastOrderId, after.Fills, after.TradingState), Is.EqualTo((before.LastSequence, before.Balance, before.LastOrderId, before.Fills, before.TradingState)));
        Assert.That(after.Positions.Select(p => (p.Symbol, p.QuantityLots, p.CostBasisTickLots)), Is.EqualTo(before.Positions.Select(p => (p.Symbol, p.QuantityLots, p.CostBasisTickLots))));
    }

    [Test]
    public void An_emergency_stop_survives_restarts_with_autoStart_and_only_the_clear_halt_flag_lifts_it()
    {
        RunHost(Config, clearHalt: false, host =>
        {
            WaitFor(host.Run, () => host.Host.Pipeline!.Core.Status == TradingStatus.Running, "autoStart");
            Assert.That(host.Host.Commands!.TryPublish(new Command { Type = CommandType.EmergencyStop }, TimeSpan.FromSeconds(10)), Is.True);
            WaitFor(host.Run, () => host.Host.Pipeline!.Core.KillSwitch, "the emergency stop");
        });

        // Restarted with autoStart (the default): the journal's halt stands, Start is refused and journalled as refused.
        RunHost(Config, clearHalt: false, host =>
        {
            // autoStart's Start would have been published before the feed: once fresh ticks are marked, it would have run.
            var core = host.Host.Pipeline!.Core;
            var btc = host.Host.Pipeline.Registry.TryResolve("BTC-USD", out var instrument) ? instrument.Id : -1;
            var recoveredMark = core.Account.MarkTimeMs(btc);
            WaitFor(host.Run, () => core.Account.MarkTimeMs(btc) > recoveredMark, "fresh ticks after the restart");
            Assert.That((core.Status, core.KillSwitch, core.StatusReason), Is.EqualTo((TradingStatus.Halted, true, StatusReason.EmergencyStop)), "never un-halted by a restart");
        });

        RunHost(Config, clearHalt: true, host =>
        {
            WaitFor(host.Run, () => host.Host.Pipeline!.Core.Status == TradingStatus.Running, "--clear-halt, then autoStart");
            Assert.That(host.Host.Pipeline!.Core.KillSwitch, Is.False);
        });
    }

    private void RunHost(EngineConfig config, bool clearHalt, Action<(EngineHost Host, Task<int> Run)> check)
    {
        using var stop = new CancellationTokenSource();
        var host = new EngineHost(config with { Feed = new FeedConfig { TicksPerSecond = 100 } }, _data, NullLogger.Instance, TextWriter.Null, clearHalt);
        var run = Task.Factory.StartNew(() => host.Run(stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var started = WaitHandle.WaitAny([host.Started.WaitHandle, ((IAsyncResult)run).AsyncWaitHandle], TimeSpan.FromSeconds(60)) == 0;
        Assert.That(started, Is.True, $"the host starts ({run.Exception?.InnerException?.Message ?? "timed out"})");
        check((host, run));
        stop.Cancel();
        Assert.That(run.Wait(TimeSpan.FromSeconds(60)), Is.True, "the host stops when asked");
    }

    private static void WaitFor(Task run, Func<bool> condition, string what)
    {
        var deadline = Environment.TickCount64 + 60_000;
        var spin = default(SpinWait);
        while (!condition())
        {
            Assert.That(Environment.TickCount64, Is.LessThan(deadline), $"timed out waiting for {what}");
            Assert.That(run.IsCompleted, Is.False, "the host ended before it was stopped");
            spin.SpinOnce();
        }
    }
}
