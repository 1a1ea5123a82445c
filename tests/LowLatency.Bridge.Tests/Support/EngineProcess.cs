using LowLatency.Engine.Execution;
using LowLatency.Engine.Host;
using LowLatency.Engine.Host.Configuration;
using LowLatency.Ipc.Server;
using Microsoft.Extensions.Logging.Abstractions;

namespace LowLatency.Bridge.Tests.Support;

/// <summary>An engine host running in-process on its own threads: simulated feed, no strategies (only the test's orders trade), link on a given port.</summary>
internal sealed class EngineProcess : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<int> _run;

    public EngineProcess(string dataDirectory, int port, double statusIntervalSeconds = 60, Func<EngineConfig, EngineConfig>? adjust = null)
    {
        var strategies = Directory.CreateDirectory(Path.Combine(dataDirectory, "no-strategies")).FullName;
        var config = EngineDefaults.Config with
        {
            StatusIntervalSeconds = statusIntervalSeconds,
            Instruments = Paths.Config("instruments.json"),
            Strategies = strategies,
            Feed = new FeedConfig { TicksPerSecond = 2_000 },
            Exchange = new PaperExchangeOptions { LatencyMs = 0, LatencyJitterMs = 0 },
            Ipc = new LinkOptions { Port = port, QuoteRateHz = 50 },
            WarmOrderPathMs = 0,
        };
        config = adjust?.Invoke(config) ?? config;
        var engineData = Directory.CreateDirectory(Path.Combine(dataDirectory, "engine")).FullName;
        File.WriteAllBytes(Path.Combine(engineData, LowLatency.Ipc.LinkSecret.FileName), Paths.LinkSecret);
        Host = new EngineHost(config, engineData, NullLogger.Instance, TextWriter.Null);
        _run = Task.Factory.StartNew(() => Host.Run(_stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!Host.Started.Wait(TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException("the engine did not start");
        }
    }

    public EngineHost Host { get; }

    /// <summary>Stops the engine (drain, journal flush); returns its exit code.</summary>
    public int Stop()
    {
        _stop.Cancel();
        return _run.Wait(TimeSpan.FromSeconds(60)) ? _run.Result : -1;
    }

    public void Dispose()
    {
        if (!_run.IsCompleted)
        {
            Stop();
        }

        _stop.Dispose();
    }
}
