using System.Diagnostics;
using System.Globalization;
using HdrHistogram;
using LowLatency.Engine.Host.Configuration;
using LowLatency.Engine.Host.Feeds;
using LowLatency.Engine.Host.Venues;
using LowLatency.Engine.Pipeline;
using LowLatency.Ipc;
using LowLatency.Ipc.Server;

namespace LowLatency.Engine.Host;

/// <summary>
/// The engine's status line and the figures sent to the bridge each interval: throughput, latency percentiles,
/// trading state, and per feed whether it is connected, the age of its last message, its rate, gaps and
/// refusals; <c>SIMULATED PRICES</c> whenever the simulator prices an instrument, which instruments are stale,
/// and with an event stream whether the journal is being published and how far behind it is.
/// Reads counters written by other threads: single-word reads, good enough for a status line.
/// </summary>
internal sealed class StatusReporter(EngineConfig config, FeedPlan plan, TradingPipeline pipeline, IReadOnlyList<IMarketFeed> feeds, TextWriter output,
    Func<IReadOnlyList<IRemoteVenue>> venues, Func<EngineLinkServer?> link, Func<JournalStats> journal)
{
    private readonly long[] _lastMessages = new long[feeds.Count];
    private long _lastTicks = Stopwatch.GetTimestamp();
    private long _lastPublished;

    /// <param name="beforeFeeds">The first figures, written before the feeds start (so the bridge knows every price's source
    /// before the first quote): no instrument has had a chance to quote yet, so none is reported stale.</param>
    public void Write(bool beforeFeeds = false)
    {
        var now = Stopwatch.GetTimestamp();
        var seconds = Math.Max(1e-9, Stopwatch.GetElapsedTime(_lastTicks, now).TotalSeconds);
        var published = feeds.Sum(f => f.Counters.Messages);
        var feedStats = feeds.Select((f, i) => Stats(f, i, now, seconds)).ToList();
        var core = pipeline.Core;
        var stale = beforeFeeds ? [] : pipeline.Registry.All.Where(i => plan.SourceByInstrument[i.Id] is not null && core.Risk.IsStale(i.Id, now)).Select(i => i.Symbol).ToList();
        var signal = pipeline.Latency!.TickToSignal.GetIntervalHistogram();
        var routed = pipeline.Latency.TickToRouted.GetIntervalHistogram();
        var order = pipeline.Latency.TickToOrder.GetIntervalHistogram();
        var pnl = core.Account.Equity - (double)core.Account.InitialBalance;
        var banner = plan.Simulated ? config.AllowSimulatedPrices ? "SIMULATED PRICES (allowSimulatedPrices) " : "SIMULATED PRICES " : "";
        var journalStats = journal();
        var streamText = journalStats.Streaming
            ? string.Create(CultureInfo.InvariantCulture, $" stream={(journalStats.StreamConnected ? "up" : "down")},published={journalStats.PublishedSequence},backlog={journalStats.StreamBacklog}")
            : "";
        var feedText = string.Join(' ', feedStats.Select(f => string.Create(CultureInfo.InvariantCulture,
            $"feed[{f.Name}]={f.Source},{(f.Connected ? "up" : "down")},age_ms={(f.LastMessageAgeMs is { } age ? age.ToString("F0", CultureInfo.InvariantCulture) : "-")},msg/s={f.MessagesPerSecond:F0},gaps={f.Gaps},rejects={f.Rejects}")));
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"status {banner}ticks/s={(published - _lastPublished) / seconds:F0} ticks={published} refused={pipeline.Ingest.Refused} state={core.Status.ToString().ToLowerInvariant()} orders={core.Orders.LastOrderId} working={core.Orders.WorkingCount} fills={core.FillCount} positions={core.Account.OpenPositions} pnl={pnl:F2} equity={core.Account.Equity:F2} " +
            $"tick_to_signal_us p50={Us(signal, 50)} p99={Us(signal, 99)} max={Max(signal)} tick_to_routed_us p50={Us(routed, 50)} p99={Us(routed, 99)} tick_to_order_us p50={Us(order, 50)} p99={Us(order, 99)} seq={core.Sequence} " +
            $"{feedText}{(stale.Count > 0 ? " stale=" + string.Join(',', stale) : "")}{streamText}"));
        output.Flush();
        var realVenues = venues();
        link()?.PublishStats(new EngineStats(
            (published - _lastPublished) / seconds, published, pipeline.Ingest.Refused,
            UsOrNull(signal, 50), UsOrNull(signal, 99), UsOrNull(routed, 50), UsOrNull(routed, 99), UsOrNull(order, 50), UsOrNull(order, 99), core.Sequence,
            realVenues.Count == 0 ? null : [.. realVenues.Select(v => v.Stats())], core.ReconciliationProblem,
            feedStats, plan.Simulated, config.AllowSimulatedPrices, stale, journalStats));
        (_lastTicks, _lastPublished) = (now, published);
    }

    private FeedStats Stats(IMarketFeed feed, int index, long now, double seconds)
    {
        var c = feed.Counters;
        var messages = c.Messages;
        var rate = (messages - _lastMessages[index]) / seconds;
        _lastMessages[index] = messages;
        var type = plan.Feeds.First(f => f.Config.DisplayName == feed.Name).Config.Type;
        return new FeedStats(feed.Name, type, feed.Source, [.. feed.InstrumentIds.Select(id => pipeline.Registry[id].Symbol)], c.Connected, c.LastMessageAgeMs(now), rate, messages, c.Gaps, c.Rejected, c.Problem, feed.Marks);
    }

    private static double? UsOrNull(HistogramBase histogram, double percentile) =>
        histogram.TotalCount == 0 ? null : histogram.GetValueAtPercentile(percentile) / 1000.0;

    private static string Us(HistogramBase histogram, double percentile) =>
        histogram.TotalCount == 0 ? "-" : (histogram.GetValueAtPercentile(percentile) / 1000.0).ToString("F1", CultureInfo.InvariantCulture);

    private static string Max(HistogramBase histogram) =>
        histogram.TotalCount == 0 ? "-" : (histogram.GetMaxValue() / 1000.0).ToString("F1", CultureInfo.InvariantCulture);
}
