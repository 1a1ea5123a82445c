using System.Collections.Concurrent;
using LowLatency.Binance;
using LowLatency.Disruptor;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Host.Configuration;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Pipeline;
using LowLatency.Engine.Risk;
using LowLatency.Fix.Messages;
using Microsoft.Extensions.Logging;

namespace LowLatency.Engine.Host.Venues;

/// <summary>
/// A Binance account, spot or USDⓈ-M futures, as the venue of some instruments. The trading thread only queues; once the records are
/// durable (<see cref="OnDurable"/>) the venue's sender thread makes the signed REST requests, one at a time
/// (new, cancel, cancel-replace, and the queries that settle what is in doubt). Fills come only from Binance's
/// word: the user data stream's events, each booked at its own trade price, or, when an event shows that trades
/// were missed (its cumulative ahead of its last quantity), the order's trade list. An answer that leaves an
/// order's fate open is never retried blindly: the order is queried by its client id once <c>recvWindow</c> has
/// passed, when Binance's "no such order" is final. Every user-data connection is followed by a reconciliation
/// (each working order queried, open orders of ours the journal does not work cancelled), and new orders wait
/// for it. Client order ids are the FIX venue's versioned, incarnation-safe ClOrdIDs. What futures do otherwise
/// (a replace modifies the order in place; leverage, margin type and positions) is in <c>BinanceVenue.Futures.cs</c>.
/// </summary>
public sealed partial class BinanceVenue : IRemoteVenue
{
    private readonly InstrumentRegistry _registry;
    private readonly string[] _symbols;
    private readonly Dictionary<int, string> _symbolsByInstrument;
    private readonly byte[] _orderPrefix;
    private readonly byte[] _cancelPrefix;
    private readonly BinanceVenueConfig _config;
    private readonly BinanceOrderApi _api;
    private readonly bool _futures;
    private readonly HttpClient _http;
    private readonly BinanceRestClient _rest;
    private readonly UserDataStream _stream;
    private readonly ILogger _logger;
    private readonly ConcurrentQueue<long> _toResolve = new();
    private readonly VenueOutbox _outbox = new(TimeSpan.Zero);
    private readonly Dictionary<long, VenueOrder> _orders = []; // also the lock for the orders, their legs and the reports
    private readonly Dictionary<long, List<BinanceLeg>> _legs = [];
    private readonly HashSet<long> _acknowledged = [];
    private readonly HashSet<long> _restored = [];
    private readonly Dictionary<long, long> _sentMs = [];
    private readonly VenueReportPublisher _reports = new();
    private readonly LogonReconciliation _reconciliation;
    private readonly BinanceFilterScreen _screen;
    private readonly CancellationTokenSource _stop = new();
    private readonly int _anyInstrument = -1;
    private Thread? _sender;
    private int _reconcileWanted;
    private long _ordersSent;
    private long _ordersAnswered;
    private long _senderFaults;
    private long _requests;
    private long _events;
    private long _refused;
    private long _orphansCancelled;
    private long _cancelsRefused;
    private long _acksMeasured;
    private string _lastEvent = "not started";

    /// <param name="handler">The HTTP stack under the REST client (null: the default; a benchmark stamps socket writes with its own).</param>
    /// <param name="budget">The request limits to keep within (null: spot's documented ones).</param>
    /// <param name="webSocketApi">The WebSocket API's address when order events come by its subscription rather than by a listen key.</param>
    public BinanceVenue(string name, BinanceVenueConfig config, Uri restUrl, Uri streamUrl, BinanceCredentials credentials, InstrumentRegistry registry,
        IReadOnlyDictionary<int, string> symbols, ILogger logger, HttpMessageHandler? handler = null, RequestBudget? budget = null, Uri? webSocketApi = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(symbols);
        Name = name;
        _config = config;
        _registry = registry;
        _logger = logger;
        _orderPrefix = System.Text.Encoding.ASCII.GetBytes(config.ClOrdIdPrefix + "-");
        _cancelPrefix = System.Text.Encoding.ASCII.GetBytes(config.ClOrdIdPrefix + "C-");
        _symbols = new string[registry.Count];
        _symbolsByInstrument = new Dictionary<int, string>(symbols);
        foreach (var (instrument, symbol) in symbols)
        {
            _symbols[instrument] = symbol;
            _anyInstrument = instrument;
        }

        _futures = config.IsFutures;
        _api = BinanceOrderApi.For(_futures ? BinanceMarket.UsdMFutures : BinanceMarket.Spot);
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: true);
        _http.Timeout = TimeSpan.FromMilliseconds(Math.Max(2_000, config.RecvWindowMs));
        _rest = new BinanceRestClient(_http, restUrl, _api.Market, credentials, budget ?? RequestBudget.For(_api.Market), config.RecvWindowMs);
        _stream = new UserDataStream(_rest, streamUrl, _api.Market, TimeSpan.FromMinutes(config.KeepAliveMinutes), OnMessage, Connected, Problem, webSocketApi);
        _reconciliation = new LogonReconciliation(TimeSpan.FromMilliseconds(config.ReconcileTimeoutMs), PublishReconciled);
        _screen = new BinanceFilterScreen(name, registry, _symbolsByInstrument, _rest, _api, logger);
    }

    public string Name { get; }

    public IReadOnlyCollection<int> Instruments => _symbolsByInstrument.Keys;

    /// <summary>Binance keeps no record of ours to read back: the data directory's incarnation file is the whole guard.</summary>
    public int HighestIncarnationSent => 0;

    public bool Reconciled => _reconciliation.Ready;

    public long OrdersSent => Interlocked.Read(ref _ordersSent);

    /// <summary>Requests the sender thread failed on unexpectedly (logged; their orders are queried again at the next reconciliation).</summary>
    public long SenderFaults => Interlocked.Read(ref _senderFaults);

    /// <summary>New-order requests whose REST answer (or its loss) the sender thread has dealt with.</summary>
    public long OrdersAnswered => Interlocked.Read(ref _ordersAnswered);

    /// <summary>Open orders of ours at Binance that the journal does not work, cancelled there.</summary>
    public long OrphansCancelled => Interlocked.Read(ref _orphansCancelled);

    /// <summary>Cancels Binance refused while the order still worked.</summary>
    public long CancelsRefused => Interlocked.Read(ref _cancelsRefused);

    /// <summary>Orders refused by Binance's filters (or, on futures, as stops) before they were sent.</summary>
    public long OrdersScreened => _screen.OrdersScreened;

    /// <summary>User data connections so far (each followed by a reconciliation).</summary>
    public int Connections => _stream.Connections;

    /// <summary>Order request → its acknowledgement, in nanoseconds.</summary>
    public HdrHistogram.Recorder AckLatency { get; } = PipelineLatency.NewRecorder();

    public BinanceRestClient Rest => _rest;

    public LowLatency.Ipc.VenueStats Stats()
    {
        var ack = AckLatency.GetIntervalHistogram();
        double? Us(double percentile) => ack.TotalCount == 0 ? null : ack.GetValueAtPercentile(percentile) / 1000.0;
        var state = _stream.IsConnected ? "active" : "connecting";
        return new LowLatency.Ipc.VenueStats(Name, state, Volatile.Read(ref _lastEvent), Interlocked.Read(ref _events), Interlocked.Read(ref _requests), 0, 0, 0,
            Interlocked.Read(ref _refused), 0, _stream.Connections, OrdersSent, Us(50), Us(99), Reconciled, BinanceExchanges.Name(_api.Market));
    }

    public void Start(RingBuffer<EngineEvent> ring)
    {
        _reports.Start(ring);
        _sender = new Thread(SendLoop) { IsBackground = true, Name = $"ll-binance-{Name}" };
        _sender.Start();
        _stream.Start();
    }

    public void Stop()
    {
        _stream.Stop();
        _stop.Cancel();
        _outbox.Signal();
        _sender?.Join(TimeSpan.FromSeconds(10));
    }

    public void Dispose()
    {
        _stream.Dispose();
        _reconciliation.Dispose();
        _http.Dispose();
        _stop.Dispose();
        _outbox.Dispose();
    }

    public long ActivationTimeMs(long orderId, int instrumentId, long createdMs) => createdMs;

    public bool IsRemote(int instrumentId) => true;

    public bool IsReady(int instrumentId) => _reconciliation.Ready;

    public void OnQuote(in Tick tick, IVenueListener listener) => _screen.OnQuote(tick);

    public RejectReason Screen(in OrderRequest request)
    {
        if (_screen.Refusal(request) is not { } why)
        {
            return RejectReason.None;
        }

        Volatile.Write(ref _lastEvent, $"order refused before Binance: {why}");
        return RejectReason.VenueFilter;
    }

    public void Submit(Order order) => _outbox.Hold(Intent.From(order, IntentKind.New));

    public void Cancel(Order order) => _outbox.Hold(Intent.From(order, IntentKind.Cancel));

    public void Amend(Order order) => _outbox.Hold(Intent.From(order, IntentKind.Replace));

    /// <summary>A working order of the journal: Binance may have it under any version it was sent; the first reconciliation finds which.</summary>
    public void Restore(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var restored = new VenueOrder(Intent.From(order, IntentKind.New))
        {
            CumulativeLots = order.FilledLots, WantedLots = order.IntendedLots, CancelWanted = order.CancelPending,
        };
        lock (_orders)
        {
            _orders[order.Id] = restored;
            _legs[order.Id] = [new BinanceLeg(0)];
            _restored.Add(order.Id); // which version Binance works is found by asking
            if (order.Status != OrderStatus.PendingNew)
            {
                _acknowledged.Add(order.Id);
            }
        }
    }

    public void Applied(in VenueReport report)
    {
        if (report.Outcome == VenueOutcome.Reconciled)
        {
            _reconciliation.Applied(report.Logon); // every answer before it is applied: new orders may go
        }
    }

    public void OnDurable() => _outbox.Release();

    private static long NowMs => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private void SendLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            if (!_outbox.Wait(_stop.Token))
            {
                return;
            }

            try
            {
                var connection = Interlocked.Exchange(ref _reconcileWanted, 0);
                if (connection > 0)
                {
                    Reconcile(connection);
                }

                while (_toResolve.TryDequeue(out var orderId))
                {
                    Resolve(orderId);
                }

                while (_outbox.TryTake(out var intent))
                {
                    Send(intent);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Interlocked.Increment(ref _senderFaults);
                LogSenderFault(_logger, Name, e); // the orders it was about are queried again at the next reconciliation
            }
        }
    }

    private void Connected(int connection)
    {
        Volatile.Write(ref _lastEvent, $"user data stream connected ({connection})");
        Interlocked.Exchange(ref _reconcileWanted, connection);
        _outbox.Signal();
    }

    private void Problem(string why)
    {
        Volatile.Write(ref _lastEvent, why);
        LogStreamProblem(_logger, Name, why);
    }

    /// <summary>Queries the order again after <paramref name="delay"/> (an answer still open, or a request held back by the budget).</summary>
    private void ResolveLater(long orderId, TimeSpan delay) =>
        _ = Task.Delay(delay, _stop.Token).ContinueWith(_ =>
        {
            _toResolve.Enqueue(orderId);
            _outbox.Signal();
        }, CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

    private TimeSpan AfterRecvWindow => TimeSpan.FromMilliseconds(_config.RecvWindowMs + 1_000);

    private string ClientId(long orderId, int version, int incarnation) => new ClOrdId(_orderPrefix, orderId, version, incarnation).ToString();

    private void Publish(in VenueReport report) => _reports.Publish(report);

    private void PublishReconciled(int logon, string? missing)
    {
        lock (_orders)
        {
            _reports.Reconciled(_logger, Name, _anyInstrument, logon, missing); // in order with the reports the reconciliation published
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Binance venue {Venue}: user data stream: {Why}")]
    private static partial void LogStreamProblem(ILogger logger, string venue, string why);

    [LoggerMessage(Level = LogLevel.Error, Message = "Binance venue {Venue}: the sender thread's request failed; its orders are queried again at the next reconciliation")]
    private static partial void LogSenderFault(ILogger logger, string venue, Exception e);
}
