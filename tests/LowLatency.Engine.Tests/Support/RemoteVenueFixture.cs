using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;

namespace LowLatency.Engine.Tests.Support;

/// <summary>A trading core with BTC-USD routed to a <see cref="HoldingVenue"/>: orders work there until the test's reports say otherwise; every record is kept.</summary>
internal sealed class RemoteVenueFixture : ITradingListener
{
    public const long T0 = TradingFixture.T0;
    public const long BidTicks = 6_499_900;
    public const long AskTicks = 6_500_000;
    public static readonly int Btc = TradingFixture.Id("BTC-USD");
    private long _token;
    private long _correlation = 1;

    public RemoteVenueFixture()
    {
        Core = new TradingCore(Shipped.Registry, new AccountOptions(), new RiskLimits(), new PaperExchangeOptions { LatencyMs = 0, LatencyJitterMs = 0 },
            venues: paper => new VenueRouter(Shipped.Registry.Count, paper, new Dictionary<int, IVenue> { [Btc] = Venue }));
        Core.AttachListener(this);
        var tick = new Tick { InstrumentId = Btc, TimestampMs = T0, BidTicks = BidTicks, AskTicks = AskTicks, LastTicks = AskTicks, SizeLots = 100_000 };
        Core.OnTick(tick);
        Core.Execute(new Command { Type = CommandType.Start, CorrelationId = _correlation }, T0);
    }

    public HoldingVenue Venue { get; } = new();

    public TradingCore Core { get; }

    public List<TradingRecord> Records { get; } = [];

    public Order Order(long id) => Core.Orders.Find(id) ?? throw new InvalidOperationException($"no order {id}");

    /// <summary>A buy limit for 1000 lots at 65,000 the venue works; returns its id.</summary>
    public long WorkingOrder(long takeProfitTicks = 0, long stopLossTicks = 0)
    {
        var result = Core.Execute(new Command
        {
            Type = CommandType.SubmitOrder, CorrelationId = ++_correlation, InstrumentId = Btc, Side = Side.Buy, OrderType = OrderType.Limit, TimeInForce = TimeInForce.Gtc,
            QuantityLots = 1000, LimitTicks = 6_500_000, TakeProfitTicks = takeProfitTicks, StopLossTicks = stopLossTicks,
        }, T0 + 1);
        Core.Commit();
        Assert.That(result.Reason, Is.EqualTo(RejectReason.None));
        Assert.That(Core.Orders.Find(result.OrderId)!.IsWorking, Is.True, "the venue works it; only its reports fill it");
        return result.OrderId;
    }

    public CommandResult Cancel(long orderId)
    {
        var result = Core.Execute(new Command { Type = CommandType.CancelOrder, CorrelationId = ++_correlation, OrderId = orderId }, T0 + 2);
        Core.Commit();
        return result;
    }

    public void Report(long orderId, VenueOutcome outcome, long cumulative, long price = 6_500_000, long venueQuantity = 0)
    {
        Core.ApplyVenueReport(new VenueReport
        {
            OrderId = orderId, InstrumentId = Btc, Outcome = outcome, CumulativeLots = cumulative, LastPriceTicks = price, VenueQuantityLots = venueQuantity, TimeMs = T0 + 10, Token = ++_token,
        });
        Core.Commit();
    }

    public void OnRecord(in TradingRecord record) => Records.Add(record);

    public void OnCommandResult(in CommandResult result)
    {
    }

    public void OnSnapshot(StateSnapshot snapshot)
    {
    }
}
