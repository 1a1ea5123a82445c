using System.Diagnostics;
using LowLatency.Engine.MarketData;
using LowLatency.Work;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace LowLatency.Engine.Host.Commands;

/// <summary>
/// <c>worker [--nats URL] [--concurrency N] [--name NAME] [--config PATH] [--duration 30s]</c>: pulls backtests
/// and ML trainings from the JetStream work queue (<see cref="TaskWorker"/>) until Ctrl-C, printing what it has done
/// every few seconds. The instruments come from the engine config, as the bridge's do; NATS from <c>--nats</c>,
/// else <c>cluster.nats</c>, else a local server.
/// </summary>
public static class WorkerCommand
{
    public static int Run(CommandLine options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var config = EngineCommand.LoadConfig(options.Value("--config"));
        var url = options.Value("--nats") ?? config.Cluster.Nats ?? "nats://127.0.0.1:4222";
        var concurrency = options.Positive("--concurrency") ?? Environment.ProcessorCount;
        var name = options.Value("--name") ?? $"{Environment.MachineName}-{Environment.ProcessId}";
        var duration = options.Duration("--duration");
        options.RejectUnknown();

        var registry = InstrumentRegistry.Load(config.Instruments);
        using var loggerFactory = LoggingSetup.CreateLoggerFactory();
        var logger = loggerFactory.CreateLogger("worker");
        using var stop = new StopSignal(duration);
        return RunAsync(url, registry, concurrency, name, logger, output, stop.Token).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(string url, InstrumentRegistry registry, int concurrency, string name, ILogger logger, TextWriter output, CancellationToken stop)
    {
        await using var nats = new NatsConnection(new NatsOpts { Url = url, Name = $"ll-worker-{name}" });
        try
        {
            await nats.ConnectAsync().ConfigureAwait(false);
        }
        catch (NatsException e)
        {
            await output.WriteLineAsync($"worker: cannot reach NATS at {url} ({e.Message}); start nats-server -js, or pass --nats").ConfigureAwait(false);
            return 1;
        }

        var worker = new TaskWorker(nats, registry, concurrency, TimeSpan.FromMinutes(2), name, logger);
        await output.WriteLineAsync($"worker {name}: {concurrency} at a time from {url} ({WorkNames.Stream}); Ctrl-C stops it").ConfigureAwait(false);
        var started = Stopwatch.StartNew();
        var run = worker.RunAsync(stop);
        while (await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None)).ConfigureAwait(false) != run)
        {
            await output.WriteLineAsync($"worker {name}: {worker.Completed} tasks in {started.Elapsed.TotalSeconds:0} s").ConfigureAwait(false);
        }

        await run.ConfigureAwait(false);
        await output.WriteLineAsync($"worker {name}: stopped after {worker.Completed} tasks").ConfigureAwait(false);
        return 0;
    }
}
