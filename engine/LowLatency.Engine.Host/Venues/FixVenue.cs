using LowLatency.Disruptor;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Pipeline;
using LowLatency.Fix.Messages;
using LowLatency.Fix.Session;
using LowLatency.Fix.Wire;
using Microsoft.Extensions.Logging;

namespace LowLatency.Engine.Host.Venues;

/// <summary>
/// A FIX session as the venue of some instruments. The trading thread only queues: orders and cancels wait in a
/// list until their records are durable (<see cref="OnDurable"/>), then move to a queue that the venue's sender
/// thread drains onto the session — nothing on the trading thread touches the network. Reports come back on the
/// session's thread as <see cref="VenueReport"/>s published into the ring; the session's stored incoming number
/// only passes a report once the core applied it and the journal made it durable, so a crash makes the venue
/// resend it. ClOrdIDs are the engine's journalled order ids under the data directory's incarnation
/// (<c>LL-812345-42</c>), so none is ever sent twice, whatever a crash lost of the journal.
/// </summary>
public sealed partial class FixVenue : IRemoteVenue, IFixApplication
{
    private readonly InstrumentRegistry _registry;
    private readonly byte[][] _symbols;
    private readonly Dictionary<string, int> _instrumentsBySymbol = new(StringComparer.Ordinal);
    private readonly byte[] _orderPrefix;
    private readonly byte[] _cancelPrefix;
    private readonly ILogger _logger;
    private readonly VenueOutbox _outbox;
    private readonly Dictionary<long, VenueOrder> _orders = []; // also the lock for each VenueOrder
    private readonly VenueReportPublisher _reports = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly VenueOrderPolicy _policy;
    private readonly LogonReconciliation _reconciliation;
    private IFixApplication? _marketData;
    private int _orphanCancels; // versions of the cancels of orders the engine does not work, so none repeats a ClOrdID
    private long _cancelsRefused;
    private long _orphansCancelled;
    private Thread? _sender;
    private long _lastApplied;
    private long _ordersSent;
    private long _acksMeasured;
    private readonly int _anyInstrument = -1;

    public FixVenue(string name, FixSessionOptions options, string clOrdIdPrefix, InstrumentRegistry registry, IReadOnlyDictionary<int, string> symbols, ILogger logger,
        VenueOrderPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(symbols);
        Name = name;
        _policy = policy ?? VenueOrderPolicy.Default;
        _outbox = new VenueOutbox(TimeSpan.FromMicroseconds(_policy.SenderSpinUs));
        _registry = registry;
        _logger = logger;
        _orderPrefix = System.Text.Encoding.ASCII.GetBytes(clOrdIdPrefix + "-");
        _cancelPrefix = System.Text.Encoding.ASCII.GetBytes(clOrdIdPrefix + "C-");
        _symbols = new byte[registry.Count][];
        foreach (var (instrument, symbol) in symbols)
        {
            _symbols[instrument] = System.Text.Encoding.ASCII.GetBytes(symbol);
            _instrumentsBySymbol[symbol] = instrument;
            _anyInstrument = instrument;
        }

        _reconciliation = new LogonReconciliation(TimeSpan.FromMilliseconds(_policy.ReconcileTimeoutMs), PublishReconciled);
        Session = new FixSession(options with { ApplicationConfirmsProcessing = true }, this, logger);
        HighestIncarnationSent = ReadSentBeforeRestart();
    }

    public string Name { get; }

    /// <summary>The highest incarnation in the ClOrdIDs the session's store holds sent: the next incarnation is above it, whatever the journal lost.</summary>
    public int HighestIncarnationSent { get; }

    /// <summary>The instruments this venue trades.</summary>
    public IReadOnlyCollection<int> Instruments => _instrumentsBySymbol.Values;

    public FixSession Session { get; }

    /// <summary>Order sent → its first ExecutionReport, in nanoseconds (interval snapshots from any thread).</summary>
    public HdrHistogram.Recorder AckLatency { get; } = PipelineLatency.NewRecorder();

    public long AcksMeasured => Interlocked.Read(ref _acksMeasured);

    /// <summary>The session's figures for the status line, health and metrics (the latency over the interval since the last call).</summary>
    public LowLatency.Ipc.VenueStats Stats()
    {
        var ack = AckLatency.GetIntervalHistogram();
        var m = Session.Metrics;
        double? Us(double percentile) => ack.TotalCount == 0 ? null : ack.GetValueAtPercentile(percentile) / 1000.0;
        return new LowLatency.Ipc.VenueStats(Name, Session.State.WireName(), Session.LastEvent, m.MessagesIn, m.MessagesOut, m.ResendRequestsSent,
            m.ResendRequestsReceived, m.MessagesResent, m.RejectsReceived, m.GarbledReceived, m.Logons, OrdersSent, Us(50), Us(99), Reconciled);
    }

    public long OrdersSent => Interlocked.Read(ref _ordersSent);

    /// <summary>Cancels the venue refused while the order was still working there (each is retried by the policy).</summary>
    public long CancelsRefused => Interlocked.Read(ref _cancelsRefused);

    /// <summary>Orders the venue held open that the journal does not work (finished here, or of a lost journal), cancelled there.</summary>
    public long OrphansCancelled => Interlocked.Read(ref _orphansCancelled);

    /// <summary>
    /// A market data feed that shares this venue's session (the venue wants prices and orders on one): it hears
    /// each logon, logout and sequence reset after the venue, and every application message that is not a report.
    /// Attach before <see cref="Start"/>.
    /// </summary>
    public void AttachMarketData(IFixApplication feed) => _marketData = feed;

    /// <summary>Starts the session and the sender thread; reports found at start-up (unsent orders) enter the ring now.</summary>
    public void Start(RingBuffer<EngineEvent> ring)
    {
        _reports.Start(ring);
        _sender = new Thread(SendLoop) { IsBackground = true, Name = $"ll-fix-{Name}" };
        _sender.Start();
        Session.Start();
    }

    public void Stop()
    {
        Session.StopAsync().GetAwaiter().GetResult();
        _stop.Cancel();
        _outbox.Signal();
        _sender?.Join(TimeSpan.FromSeconds(5));
    }

    public void Dispose()
    {
        Session.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _reconciliation.Dispose();
        _stop.Dispose();
        _outbox.Dispose();
    }

    public long ActivationTimeMs(long orderId, int instrumentId, long createdMs) => createdMs;

    public bool IsRemote(int instrumentId) => true;

    public bool IsReady(int instrumentId) => _reconciliation.Ready;

    /// <summary>Whether the reconciliation of the current logon is applied: new orders go to the venue (none before the first logon).</summary>
    public bool Reconciled => _reconciliation.Ready;

    public void Submit(Order order) => _outbox.Hold(Intent.From(order, IntentKind.New));

    public void Cancel(Order order) => _outbox.Hold(Intent.From(order, IntentKind.Cancel));

    public void Amend(Order order) => _outbox.Hold(Intent.From(order, IntentKind.Replace));

    public void OnQuote(in Tick tick, IVenueListener listener)
    {
    }

    public void Applied(in VenueReport report)
    {
        _lastApplied = Math.Max(_lastApplied, report.Token);
        if (report.Outcome == VenueOutcome.Reconciled)
        {
            _reconciliation.Applied(report.Logon); // every answer before it is applied: new orders may go
        }
    }

    public void OnDurable()
    {
        Session.MarkProcessed(_lastApplied); // monotonic: a number already confirmed costs one read

        _outbox.Release();
    }

    private static long NowMs => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private void SendLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            if (!_outbox.Wait(_stop.Token))
            {
                return;
            }

            while (_outbox.TryTake(out var intent))
            {
                Send(intent);
            }
        }
    }

    private void Publish(in VenueReport report) => _reports.Publish(report);

    /// <summary>The reconciliation of <paramref name="logon"/> is complete (or timed out): behind every answer in the ring.</summary>
    private void PublishReconciled(int logon, string? missing) => _reports.Reconciled(_logger, Name, _anyInstrument, logon, missing);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FIX venue {Venue}: order {OrderId} not sent ({Why}); cancelled in the engine")]
    private static partial void LogNotSent(ILogger logger, string venue, long orderId, string why);
}
