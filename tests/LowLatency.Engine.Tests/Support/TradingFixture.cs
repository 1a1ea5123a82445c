using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;

namespace LowLatency.Engine.Tests.Support;

/// <summary>A trading core on the shipped instruments with a deterministic paper exchange (no latency, slippage or jitter unless asked).</summary>
internal sealed class TradingFixture : ITradingListener
{
    public const long T0 = 1_700_000_000_000; // 2023-11-14T22:13:20Z

    private long _correlation;

    public TradingFixture(RiskLimits? limits = null, PaperExchangeOptions? exchange = null, AccountOptions? account = null)
    {
        Exchange = exchange ?? new PaperExchangeOptions { LatencyMs = 0, LatencyJitterMs = 0, MaxSlippageTicks = 0, PartialFills = false, TakerFeeBps = 0, MakerFeeBps = 0 };
        Core = new TradingCore(Shipped.Registry, account ?? new AccountOptions(), limits ?? new RiskLimits(), Exchange);
        Core.AttachListener(this);
        Now = T0;
    }

    public TradingCore Core { get; }

    public PaperExchangeOptions Exchange { get; }

    public long Now { get; set; }

    public List<TradingRecord> Records { get; } = [];

    public List<CommandResult> Results { get; } = [];

    public static int Id(string symbol) => Shipped.Registry.TryResolve(symbol, out var i) ? i.Id : throw new ArgumentException(symbol);

    public static Instrument Instrument(string symbol) => Shipped.Registry[Id(symbol)];

    /// <summary>A quote in prices (converted to ticks); the clock advances by <paramref name="advanceMs"/> first.</summary>
    public void Quote(string symbol, decimal bid, decimal ask, decimal size = 1000m, long advanceMs = 1000)
    {
        Now += advanceMs;
        var i = Instrument(symbol);
        var tick = new Tick
        {
            InstrumentId = i.Id, TimestampMs = Now, BidTicks = (long)(bid / i.TickSize), AskTicks = (long)(ask / i.TickSize),
            LastTicks = (long)(bid / i.TickSize), SizeLots = (long)(size / i.LotSize),
        };
        Core.OnTick(tick);
        Core.Commit();
    }

    public CommandResult Run(CommandType type, bool flatten = false) => Execute(new Command { Type = type, Flatten = flatten });

    public CommandResult Execute(Command command)
    {
        command.CorrelationId = command.CorrelationId == 0 ? ++_correlation : command.CorrelationId;
        var result = Core.Execute(command, Now);
        Core.Commit();
        return result;
    }

    public CommandResult Submit(string symbol, Side side, decimal quantity, OrderType type = OrderType.Market, TimeInForce tif = TimeInForce.Gtc,
        decimal limit = 0, decimal stop = 0, decimal stopLoss = 0, decimal takeProfit = 0)
    {
        var i = Instrument(symbol);
        return Execute(new Command
        {
            Type = CommandType.SubmitOrder, InstrumentId = i.Id, Side = side, OrderType = type, TimeInForce = tif,
            QuantityLots = (long)(quantity / i.LotSize), LimitTicks = (long)(limit / i.TickSize), StopTicks = (long)(stop / i.TickSize),
            StopLossTicks = (long)(stopLoss / i.TickSize), TakeProfitTicks = (long)(takeProfit / i.TickSize),
        });
    }

    public Order Order(long id) => Core.Orders.Find(id) ?? throw new KeyNotFoundException($"order {id}");

    public decimal PositionQuantity(string symbol) => Instrument(symbol).LotsToQuantity(Core.Account.Position(Id(symbol)).QuantityLots);

    public void OnRecord(in TradingRecord record) => Records.Add(record);

    public void OnCommandResult(in CommandResult result) => Results.Add(result);

    public void OnSnapshot(StateSnapshot snapshot) => Snapshots.Add(snapshot);

    public List<StateSnapshot> Snapshots { get; } = [];
}
