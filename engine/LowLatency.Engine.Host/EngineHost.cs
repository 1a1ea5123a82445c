using HdrHistogram;
using System.Diagnostics;
using System.Globalization;
using LowLatency.Disruptor;
using LowLatency.Disruptor.Dsl;
using LowLatency.Engine.Host.Configuration;
using LowLatency.Engine.Host.Pipeline;
using Microsoft.Extensions.Logging;

namespace LowLatency.Engine.Host;

/// <summary>
/// The headless engine process: builds the configured ring and stage threads, feeds it, prints a status
/// line at an interval, and on stop drains what was published before exiting.
/// </summary>
public sealed partial class EngineHost(EngineConfig config, ILogger logger, TextWriter status)
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Runs until <paramref name="stop"/> fires; returns the process exit code.</summary>
    public int Run(CancellationToken stop)
    {
        var producer = config.Ring.Producer == "single" ? ProducerType.Single : ProducerType.Multi;
        using var disruptor = new Disruptor<HostEvent>(null, config.Ring.Size, producer, WaitStrategyFactory.Create(config.Ring.WaitStrategy), logger);
        var ingest = new IngestStage();
        var metrics = new MetricsStage();
        EventHandlerGroup<HostEvent>? chain = null;
        foreach (var name in EngineConfigLoader.KnownStages)
        {
            var stage = config.Stages.FirstOrDefault(s => s.Name == name);
            if (stage is null)
            {
                continue;
            }

            IEventHandler<HostEvent> handler = name == "ingest" ? ingest : metrics;
            var options = new ProcessorOptions
            {
                Name = $"ll-{name}",
                Cpu = stage.Cpu,
                MaxBatchSize = stage.MaxBatchSize,
                WaitStrategy = stage.WaitStrategy is null ? null : WaitStrategyFactory.Create(stage.WaitStrategy),
            };
            chain = chain is null ? disruptor.HandleEventsWith(handler, options) : chain.Then(handler, options);
        }

        var ring = disruptor.Start();
        var feed = new SyntheticFeed(ring, config.Feed.EventsPerSecond);
        feed.Start();
        var stageNames = string.Join(" -> ", config.Stages.Select(s => s.Name));
        LogStarted(logger, config.Ring.Size, stageNames, config.Feed.EventsPerSecond);

        var interval = TimeSpan.FromSeconds(config.StatusIntervalSeconds);
        var last = (Ticks: Stopwatch.GetTimestamp(), Processed: 0L);
        while (!stop.WaitHandle.WaitOne(interval))
        {
            last = WriteStatus(metrics, ingest, last);
        }

        feed.Stop();
        var drained = disruptor.Shutdown(DrainTimeout);
        WriteStatus(metrics, ingest, last);
        LogStopped(logger, feed.Published, metrics.Processed, drained);
        return drained ? 0 : 1;
    }

    private (long Ticks, long Processed) WriteStatus(MetricsStage metrics, IngestStage ingest, (long Ticks, long Processed) last)
    {
        var now = Stopwatch.GetTimestamp();
        var processed = metrics.Processed;
        var seconds = Math.Max(1e-9, Stopwatch.GetElapsedTime(last.Ticks, now).TotalSeconds);
        var latency = metrics.TakeInterval();
        status.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"status events/s={(processed - last.Processed) / seconds:F0} processed={processed} rejected={ingest.Rejected} latency_us p50={latency.GetValueAtPercentile(50) / 1000.0:F1} p99={latency.GetValueAtPercentile(99) / 1000.0:F1} max={latency.GetMaxValue() / 1000.0:F1}"));
        status.Flush();
        return (now, processed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Engine started: ring {Size}, stages {Stages}, feed {Rate} events/s")]
    private static partial void LogStarted(ILogger logger, int size, string stages, double rate);

    [LoggerMessage(Level = LogLevel.Information, Message = "Engine stopped: published {Published}, processed {Processed}, drained {Drained}")]
    private static partial void LogStopped(ILogger logger, long published, long processed, bool drained);
}
