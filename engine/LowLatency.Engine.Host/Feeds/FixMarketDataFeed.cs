using LowLatency.Disruptor;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Pipeline;
using LowLatency.Fix.Messages;
using LowLatency.Fix.Session;
using LowLatency.Fix.Wire;
using Microsoft.Extensions.Logging;

namespace LowLatency.Engine.Host.Feeds;

/// <summary>
/// Prices from a FIX market data session: at every logon (and after a sequence reset) one MarketDataRequest per
/// instrument, snapshot then incremental updates; each instrument's book is built from the venue's W and X
/// messages and its top of book published into the ring as a quote, each trade as a last price and size. A lost
/// update (an RptSeq skipped, a change to an entry the book does not hold) stops the instrument's quotes until a
/// new request's snapshot has rebuilt the book; a MarketDataRequestReject is logged with its reason and shown in
/// the feed's problem. The session is the feed's own, or a trading venue's (<see cref="Venues.FixVenue.AttachMarketData"/>);
/// every callback comes on the session's thread, one at a time, so the books have a single writer.
/// </summary>
public sealed partial class FixMarketDataFeed : IMarketFeed, IFixApplication
{
    private readonly MarketDataSubscription[] _subscriptions;
    private readonly bool[] _touched;
    private readonly int _depth;
    private readonly bool _trades;
    private readonly ILogger _logger;
    private readonly TickPublisher _publisher;
    private readonly FixSession? _ownSession;
    private long _generation;
    private bool _stopping;
    private bool _refusing;
    private long _refusedInBurst;

    /// <param name="venueSymbols">Per instrument id, the symbol the venue knows it by.</param>
    /// <param name="ownSession">The session's options when the feed has a session of its own; null when it shares a venue's.</param>
    public FixMarketDataFeed(string name, string session, RingBuffer<EngineEvent> ring, InstrumentRegistry registry, IReadOnlyDictionary<int, string> venueSymbols,
        int depth, bool trades, FixSessionOptions? ownSession, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(venueSymbols);
        Name = name;
        Source = PriceSources.Fix(session);
        _depth = depth;
        _trades = trades;
        _logger = logger;
        _publisher = new TickPublisher(ring, Counters);
        var levels = depth == 0 ? 512 : (2 * depth) + 8; // room for a venue that briefly holds more levels than asked
        _subscriptions = [.. venueSymbols.Select((pair, i) => new MarketDataSubscription(i, registry[pair.Key], System.Text.Encoding.ASCII.GetBytes(pair.Value), levels))];
        _touched = new bool[_subscriptions.Length];
        InstrumentIds = [.. venueSymbols.Keys];
        _ownSession = ownSession is null ? null : new FixSession(ownSession, this, logger);
    }

    public string Name { get; }

    public string Source { get; }

    public IReadOnlyList<int> InstrumentIds { get; }

    public FeedCounters Counters { get; } = new();

    /// <summary>The feed's own session, or null when it shares a trading venue's.</summary>
    public FixSession? OwnSession => _ownSession;

    public void Start() => _ownSession?.Start(); // a shared session is started by its venue, and tells the feed of each logon

    public void Stop()
    {
        Volatile.Write(ref _stopping, true);
        _ownSession?.StopAsync().GetAwaiter().GetResult();
        Counters.SetConnected(false);
    }

    public void Dispose()
    {
        Stop();
        _ownSession?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    public void OnLogon(FixSession session)
    {
        Counters.SetConnected(true);
        Counters.SetProblem(null);
        foreach (var subscription in _subscriptions)
        {
            subscription.Close(); // what the last connection asked for ended with it
            Subscribe(session, subscription);
        }
    }

    public void OnLogout(FixSession session, string reason)
    {
        Counters.SetConnected(false);
        foreach (var subscription in _subscriptions)
        {
            subscription.Close();
        }
    }

    public void OnSequenceReset(FixSession session, long skippedFrom, long next)
    {
        LogRebuild(_logger, Name, "every instrument", $"a SequenceReset skipped messages {skippedFrom} to {next - 1}");
        foreach (var subscription in _subscriptions)
        {
            Counters.Gap();
            Resubscribe(session, subscription);
        }
    }

    public void FromApp(FixSession session, in FixMessageView message, ReadOnlySpan<byte> msgType, long seq, long token)
    {
        if (Volatile.Read(ref _stopping))
        {
            return;
        }

        if (msgType.SequenceEqual(MsgTypes.MarketDataIncrementalRefresh))
        {
            OnRefresh(session, message, incremental: true);
        }
        else if (msgType.SequenceEqual(MsgTypes.MarketDataSnapshotFullRefresh))
        {
            OnRefresh(session, message, incremental: false);
        }
        else if (msgType.SequenceEqual(MsgTypes.MarketDataRequestReject))
        {
            var reject = MarketDataRequestReject.Read(message);
            if (MarketDataSubscription.TryParseRequestId(reject.MdReqId, out var index, out var generation)
                && (uint)index < (uint)_subscriptions.Length && _subscriptions[index].Generation == generation)
            {
                Refuse(_subscriptions[index], $"{MarketDataRequestReject.Describe(reject.Reason)} (MDReqRejReason {(reject.Reason == 0 ? "-" : ((char)reject.Reason).ToString())})"
                    + (reject.Text.IsEmpty ? "" : ": " + System.Text.Encoding.ASCII.GetString(reject.Text)));
            }
        }
    }

    public void OnSessionReject(FixSession session, long refSeq, string text)
    {
        foreach (var subscription in _subscriptions)
        {
            if (subscription.Generation != 0 && subscription.RequestSeq == refSeq)
            {
                Refuse(subscription, "session-level Reject: " + text);
            }
        }
    }

    private void Subscribe(FixSession session, MarketDataSubscription subscription)
    {
        subscription.Open(++_generation);
        subscription.RequestSeq = session.Send(MsgTypes.MarketDataRequest, new MarketDataRequest(subscription.RequestId, subscription.VenueSymbol, Subscribe: true, _depth, _trades));
    }

    /// <summary>Ends the current request and opens a new one: the venue answers with a snapshot that rebuilds the book.</summary>
    private void Resubscribe(FixSession session, MarketDataSubscription subscription)
    {
        if (subscription.Refused)
        {
            return;
        }

        if (subscription.Generation != 0)
        {
            session.Send(MsgTypes.MarketDataRequest, new MarketDataRequest(subscription.RequestId, subscription.VenueSymbol, Subscribe: false, _depth, _trades));
        }

        Subscribe(session, subscription);
    }

    private void Refuse(MarketDataSubscription subscription, string why)
    {
        subscription.Close();
        subscription.Refused = true;
        Counters.Refused();
        var problem = $"{subscription.Instrument.Symbol}: the venue refused the market data request: {why}";
        Counters.SetProblem(problem);
        LogRequestRefused(_logger, Name, problem);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "FIX market data {Feed}: {Problem}; the instrument has no prices from it (stale) until the next logon")]
    private static partial void LogRequestRefused(ILogger logger, string feed, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FIX market data {Feed}: {Symbol}: {Why}; its quotes stop until a new snapshot rebuilds the book")]
    private static partial void LogRebuild(ILogger logger, string feed, string symbol, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FIX market data {Feed}: {Symbol}: {Why}; refused, not traded on (logged once per burst)")]
    private static partial void LogRefusedBurst(ILogger logger, string feed, string symbol, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "FIX market data {Feed}: prices accepted again after {Count} refused")]
    private static partial void LogBurstEnded(ILogger logger, string feed, long count);
}
