using System.Runtime.CompilerServices;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;

namespace LowLatency.Engine.State;

/// <summary>
/// The live trading core: decides on ticks, venue reports and commands (this class's other parts) and expresses
/// every decision as records emitted into its <see cref="TradingState"/> — journal first, then apply, then, once
/// durable, the listener. A restart applies the journal's records to reach the same state. Single writer: only
/// the trading thread touches it.
/// </summary>
public sealed partial class TradingCore
{
    /// <summary>camelCase, enums as words, indented: the format of snapshot files and of <c>./run.sh state</c>.</summary>
    public static System.Text.Json.JsonSerializerOptions SnapshotJson => TradingState.SnapshotJson;

    private readonly InstrumentRegistry _registry;
    private readonly PreTradeRisk _risk;
    private readonly IVenue _venue;
    private readonly PaperExchangeOptions _fees;
    private ITradingJournal? _journal;
    private ITradingListener? _listener;

    /// <param name="venues">Given the paper exchange over this core's book, the venue to use (a router that sends some instruments elsewhere); null: paper for all.</param>
    public TradingCore(InstrumentRegistry registry, AccountOptions account, RiskLimits limits, PaperExchangeOptions exchange, IVenue? venue = null, Func<PaperExchange, IVenue>? venues = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(exchange);
        _registry = registry;
        State = new TradingState(registry, account);
        Account = State.Account;
        Orders = State.Orders;
        _risk = new PreTradeRisk(registry, Account, limits);
        _fees = exchange;
        _venue = venue ?? (venues is null ? new PaperExchange(Orders, exchange) : venues(new PaperExchange(Orders, exchange)));
    }

    /// <summary>The state of record this core decides on (and the only thing a replay or a mirror needs).</summary>
    public TradingState State { get; }

    public InstrumentRegistry Registry => _registry;

    // Held directly as well as through State: the hot path reaches them without the extra hop.
    public Account Account { get; }

    public OrderBook Orders { get; }

    public PreTradeRisk Risk => _risk;

    public IVenue Venue => _venue;

    public TradingStatus Status => State.Status;

    /// <summary>Set by an emergency stop; cleared only by <see cref="Commands.CommandType.ClearHalt"/>.</summary>
    public bool KillSwitch => State.KillSwitch;

    /// <summary>Halted or kill switch set: Start and Resume are refused until an operator clears it, restarts included.</summary>
    public bool IsHalted => State.IsHalted;

    /// <summary>Why the status last changed.</summary>
    public StatusReason StatusReason => State.StatusReason;

    /// <summary>The last record's sequence number (records are numbered 1, 2, 3 …).</summary>
    public long Sequence => State.Sequence;

    public long CommandsReceived => State.CommandsReceived;

    public long OrdersRejected => State.OrdersRejected;

    public long FillCount => State.FillCount;

    /// <summary>This run's incarnation of the data directory (<see cref="DataIncarnation"/>), stamped on each order it accepts; 0 when none was begun (backtests).</summary>
    public int Incarnation { get; private set; }

    /// <summary>Stamps the orders accepted from now on with <paramref name="incarnation"/> (durable before it is given here).</summary>
    public void BeginIncarnation(int incarnation) => Incarnation = incarnation;

    /// <summary>Journal every record from now on (after replay).</summary>
    public void AttachJournal(ITradingJournal? journal) => _journal = journal;

    public void AttachListener(ITradingListener? listener) => _listener = listener;

    /// <summary>Applies one record to the state: replay, and each live decision after journalling.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(in TradingRecord r)
    {
        State.Apply(r);
        if (r.Type == RecordType.RiskBudgetChanged)
        {
            _risk.Rebudget(State.Budget);
        }
    }

    public StateSnapshot Capture() => State.Capture();

    /// <summary>The state with the finished orders it remembers: what snapshot files and the link's resyncs carry.</summary>
    public StateSnapshot CaptureWithHistory() => State.CaptureWithHistory();

    /// <summary>Finished orders after <paramref name="sequence"/> still remembered, oldest first.</summary>
    public IReadOnlyList<OrderSnapshot> FinishedAfter(long sequence) => State.FinishedAfter(sequence);

    /// <summary>An order as the snapshot (and the API) shows it.</summary>
    public OrderSnapshot ToSnapshot(Order order) => State.ToSnapshot(order);

    /// <summary>Replaces the state with a snapshot's (on start, before replaying the journal after it).</summary>
    public void Restore(StateSnapshot snapshot)
    {
        State.Restore(snapshot);
        _risk.Rebudget(State.Budget);
    }
}
