using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Host.Configuration;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;
using LowLatency.EventStream;
using NATS.Client.Core;

namespace LowLatency.Cluster.Tests;

/// <summary>
/// Account-level risk across shards by pre-allocated budgets: two whole engines, each with half of the account
/// (cluster.riskShare 0.5), trade towards its open-positions and gross-exposure limits at the same time over NATS;
/// each stops at its half, so the account's limits hold with no order asking the other shard. With the
/// coordinator, the half one shard leaves unused moves to the one that trades, and the account's limits still hold.
/// </summary>
public sealed class AccountRiskTests
{
    private const decimal OrderNotional = 8_000m;
    private static readonly Dictionary<string, IReadOnlyList<string>> Shards = new() { ["s1"] = ["BTC-USD", "ETH-USD", "BNBUSDT"], ["s2"] = ["EURUSD", "GBPUSD", "XAUUSD"] };
    private static readonly RiskLimits AccountLimits = new() { MaxOpenPositions = 4, MaxGrossExposure = 40_000m };

    private static InstrumentRegistry Registry { get; } = InstrumentRegistry.Load(Path.Combine(ShardEngine.Root, "config", "instruments.json"));

    private static ShardEngine Shard(NatsServer nats, string shard, decimal takerFeeBps) =>
        ShardEngine.Owning(new ClusterConfig { Nats = nats.Url, Shard = shard, Shards = Shards, RiskShare = 0.5 }, journalTicks: false,
            c => c with
            {
                Risk = AccountLimits, Account = new AccountOptions { InitialBalance = 100_000m },
                Exchange = c.Exchange with { PartialFills = false, TakerFeeBps = takerFeeBps }, // each order fills whole: the sizes say where the limits fall
            });

    /// <summary>The reference prices of config/instruments.json, where the simulator starts.</summary>
    private static readonly Dictionary<string, decimal> Reference = new() { ["BTC-USD"] = 65_000m, ["ETH-USD"] = 3_200m, ["BNBUSDT"] = 580m, ["EURUSD"] = 1.085m, ["GBPUSD"] = 1.27m, ["XAUUSD"] = 2_350m };

    /// <summary>A market order of about <see cref="OrderNotional"/>, sized at the reference price.</summary>
    private static Command Order(Instrument instrument, Side side) => new()
    {
        Type = CommandType.SubmitOrder, InstrumentId = instrument.Id, Side = side, OrderType = OrderType.Market, TimeInForce = TimeInForce.Ioc,
        QuantityLots = (long)Math.Round(OrderNotional / (Reference[instrument.Symbol] * instrument.LotSize)),
    };

    /// <summary>One shard's run towards its limits: a position in each of two instruments, a third, then more of the first.</summary>
    private static async Task<List<RejectReason>> TradeTowardsTheLimitsAsync(ShardCommandClient client, ShardEngine engine, string shard)
    {
        var own = Shards[shard].Select(s => Registry.TryResolve(s, out var i) ? i : throw new ArgumentException(s)).ToArray();
        var reasons = new List<RejectReason>();
        foreach (var instrument in new[] { own[0], own[1], own[2], own[0] })
        {
            reasons.Add(await BuyAsync(client, engine, instrument));
        }

        return reasons;
    }

    private static Instrument[] Own(string shard) => [.. Shards[shard].Select(s => Registry.TryResolve(s, out var i) ? i : throw new ArgumentException(s))];

    private static Task<RejectReason> BuyAsync(ShardCommandClient client, ShardEngine engine, Instrument instrument) => OrderAsync(client, engine, instrument, Side.Buy);

    /// <summary>One market order on the instrument's shard, once it has prices; when accepted, returns once it filled.</summary>
    private static async Task<RejectReason> OrderAsync(ShardCommandClient client, ShardEngine engine, Instrument instrument, Side side)
    {
        var before = engine.Host.Pipeline!.Core.Account.Position(instrument.Id).QuantityLots;
        CommandResult result;
        do
        {
            result = await client.SendAsync(Order(instrument, side), TimeSpan.FromSeconds(5), CancellationToken.None);
            await Task.Delay(result.Reason == RejectReason.NoMarketData ? 20 : 0); // the feed's first ticks are a moment away
        }
        while (result.Reason == RejectReason.NoMarketData);

        if (result.Accepted)
        {
            Eventually.Until(() => engine.Host.Pipeline!.Core.Account.Position(instrument.Id).QuantityLots != before, $"{instrument.Symbol} filled");
        }

        return result.Reason;
    }

    /// <summary>NATS, both shards on it, and a client that sends each order to its owner.</summary>
    private sealed class TwoShards : IAsyncDisposable
    {
        private readonly NatsServer _nats = new();
        private readonly NatsConnection _connection;

        public TwoShards(decimal takerFeeBps = 0)
        {
            (S1, S2) = (Shard(_nats, "s1", takerFeeBps), Shard(_nats, "s2", takerFeeBps));
            _connection = new NatsConnection(new NatsOpts { Url = _nats.Url });
            Client = new ShardCommandClient(_connection, new ShardMap(Shards, Registry), "s1");
        }

        public ShardEngine S1 { get; }

        public ShardEngine S2 { get; }

        public ShardCommandClient Client { get; }

        public async ValueTask DisposeAsync()
        {
            await _connection.DisposeAsync();
            S2.Dispose();
            S1.Dispose();
            _nats.Dispose();
        }
    }

    private static RiskBudgetCoordinator Coordinator(ShardCommandClient client) =>
        new(client, new RiskBudgetCoordinatorOptions { Shards = ["s1", "s2"] }, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    [Test]
    public async Task The_coordinator_moves_the_budget_one_shard_leaves_unused_to_the_one_that_trades()
    {
        await using var cluster = new TwoShards();
        var (s1, s2, client) = (cluster.S1, cluster.S2, cluster.Client);
        await using var coordinator = Coordinator(client);
        var (btc, eth, bnb) = (Own("s1")[0], Own("s1")[1], Own("s1")[2]);

        Assert.That(await BuyAsync(client, s1, btc), Is.EqualTo(RejectReason.None));
        Assert.That(await BuyAsync(client, s1, eth), Is.EqualTo(RejectReason.None));
        Assert.That(await BuyAsync(client, s1, bnb), Is.EqualTo(RejectReason.MaxOpenPositions), "s1's configured half: two positions");

        Assert.That(await coordinator.RoundAsync(CancellationToken.None), Is.True);
        Assert.That(coordinator.Pool, Is.EqualTo((4, 40_000L)), "the halves add up to the account's limits");
        Assert.That(coordinator.LossPool, Is.EqualTo((5_000L, 20_000L)), "each half's 5% daily loss and 20% drawdown of 50k: the account's 5% and 20% of 100k");
        Assert.That(new[] { s1, s2 }.Select(s => (s.Host.Pipeline!.Core.Budget.MaxDailyLoss, s.Host.Pipeline!.Core.Budget.MaxDrawdown)), Is.EqualTo(new[] { (2_500L, 10_000L), (2_500L, 10_000L) }),
            "the fence cut each shard's loss slices from its percentages; nothing lost yet, so they stay");
        var afterMove = coordinator.Reports;
        Assert.That(await BuyAsync(client, s1, bnb), Is.EqualTo(RejectReason.None), "a third position on what s2 left unused");
        Assert.That(await BuyAsync(client, s1, btc), Is.EqualTo(RejectReason.MaxGrossExposure), "s1's grown gross-exposure slice is still a slice");
        var (eur, gbp) = (Own("s2")[0], Own("s2")[1]);
        Assert.That(await BuyAsync(client, s2, eur), Is.EqualTo(RejectReason.None), "s2 kept a slice of its own");
        Assert.That(await BuyAsync(client, s2, gbp), Is.EqualTo(RejectReason.MaxOpenPositions), "one position: the rest went to s1");

        Assert.That(await coordinator.RoundAsync(CancellationToken.None), Is.True);
        var budgets = coordinator.Reports.Values.Select(r => r.Budget).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That((afterMove["s1"].Budget.MaxOpenPositions, afterMove["s2"].Budget.MaxOpenPositions), Is.EqualTo((3, 1)), "each keeps what it holds plus half of the headroom");
            Assert.That(budgets.Sum(b => b.MaxOpenPositions), Is.LessThanOrEqualTo(4), "the slices never add up to more than the account's limit");
            Assert.That(budgets.Sum(b => b.MaxGrossExposure), Is.LessThanOrEqualTo(40_000));
            Assert.That(s1.Host.Pipeline!.Core.Account.OpenPositions + s2.Host.Pipeline!.Core.Account.OpenPositions, Is.EqualTo(4), "the account's four positions");
            Assert.That(coordinator.Moves, Is.GreaterThanOrEqualTo(2), "a shrink of s2, then a grow of s1");
        });
    }

    [Test]
    public async Task Shards_trading_at_once_while_the_coordinator_moves_their_budgets_hold_the_account_limits()
    {
        await using var cluster = new TwoShards();
        var (s1, s2, client) = (cluster.S1, cluster.S2, cluster.Client);
        await using var coordinator = Coordinator(client);
        using var done = new CancellationTokenSource();
        var rounds = 0;
        var moving = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested || rounds < 5)
            {
                await coordinator.RoundAsync(CancellationToken.None);
                rounds++;
            }
        });

        async Task<List<RejectReason>> TradeAsync(ShardEngine engine, string shard)
        {
            var reasons = new List<RejectReason>();
            foreach (var instrument in Own(shard).Concat(Own(shard)).Concat(Own(shard)))
            {
                reasons.Add(await BuyAsync(client, engine, instrument));
            }

            return reasons;
        }

        var both = await Task.WhenAll(Task.Run(() => TradeAsync(s1, "s1")), Task.Run(() => TradeAsync(s2, "s2")));
        await done.CancelAsync();
        await moving.WaitAsync(TimeSpan.FromSeconds(60));
        await coordinator.RoundAsync(CancellationToken.None);

        var open = s1.Host.Pipeline!.Core.Account.OpenPositions + s2.Host.Pipeline!.Core.Account.OpenPositions;
        var budgets = new[] { s1, s2 }.Select(s => s.Host.Pipeline!.Core.Budget).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(open, Is.LessThanOrEqualTo(AccountLimits.MaxOpenPositions), "the account's open positions, whatever the shards and the coordinator did at once");
            Assert.That(budgets.Sum(b => b.MaxOpenPositions), Is.LessThanOrEqualTo(4));
            Assert.That(budgets.Sum(b => b.MaxGrossExposure), Is.LessThanOrEqualTo(40_000));
            Assert.That(budgets.Sum(b => b.MaxDailyLoss), Is.LessThanOrEqualTo(5_000), "the account's daily loss: 5% of 100k");
            Assert.That(budgets.Sum(b => b.MaxDrawdown), Is.LessThanOrEqualTo(coordinator.LossPool.Drawdown));
            Assert.That(both.SelectMany(r => r).Count(r => r == RejectReason.None), Is.GreaterThanOrEqualTo(4), "they traded up to the limits");
            Assert.That(rounds, Is.GreaterThanOrEqualTo(5), "the coordinator ran meanwhile");
        });
    }

    [Test]
    public async Task A_second_coordinator_fences_the_first_and_gives_out_what_it_left_unallocated()
    {
        await using var cluster = new TwoShards();
        var (s1, s2, client) = (cluster.S1, cluster.S2, cluster.Client);
        await using var first = Coordinator(client);
        Assert.That(await first.RoundAsync(CancellationToken.None), Is.True);

        // The first is lost between a shrink and a grow: s2 gave up a position that nobody was given.
        var s2Budget = s2.Host.Pipeline!.Core.Budget;
        var shrink = new RiskBudgetRequest(first.Epoch, s2Budget.Version, 1, s2Budget.MaxGrossExposure, s2Budget.PoolOpenPositions, s2Budget.PoolGrossExposure, s2Budget.MaxDailyLoss, s2Budget.MaxDrawdown);
        Assert.That((await client.SendAsync("s2", shrink.ToCommand(1), TimeSpan.FromSeconds(5), CancellationToken.None)).Accepted);
        Assert.That(await BuyAsync(client, s1, Own("s1")[0]), Is.EqualTo(RejectReason.None));
        Assert.That(await BuyAsync(client, s1, Own("s1")[1]), Is.EqualTo(RejectReason.None));

        await using var second = Coordinator(client);
        Assert.That(await second.RoundAsync(CancellationToken.None), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(second.Epoch, Is.GreaterThan(first.Epoch));
            Assert.That(second.Pool, Is.EqualTo(first.Pool), "the pool the first set, not what the slices add up to now");
            Assert.That(s1.Host.Pipeline!.Core.Budget.MaxOpenPositions, Is.EqualTo(3), "the position left unallocated went to the shard that uses its slice");
        });
        Assert.That(await first.RoundAsync(CancellationToken.None), Is.False, "the first finds itself fenced and moves nothing");
        Assert.That(first.Epoch, Is.Zero);
        var stale = new RiskBudgetRequest(second.Epoch - 1, s2.Host.Pipeline!.Core.Budget.Version, 4, 40_000, 4, 40_000, 2_500, 10_000);
        Assert.That((await client.SendAsync("s2", stale.ToCommand(2), TimeSpan.FromSeconds(5), CancellationToken.None)).Reason, Is.EqualTo(RejectReason.RiskBudgetConflict), "an older epoch's move");
    }

    [Test]
    public async Task Two_shards_trading_towards_the_account_limits_at_once_stop_at_their_budgets()
    {
        await using var cluster = new TwoShards();
        var (s1, s2, client) = (cluster.S1, cluster.S2, cluster.Client);

        var both = await Task.WhenAll(Task.Run(() => TradeTowardsTheLimitsAsync(client, s1, "s1")), Task.Run(() => TradeTowardsTheLimitsAsync(client, s2, "s2")));

        var expected = new[] { RejectReason.None, RejectReason.None, RejectReason.MaxOpenPositions, RejectReason.MaxGrossExposure };
        var open = s1.Host.Pipeline!.Core.Account.OpenPositions + s2.Host.Pipeline!.Core.Account.OpenPositions;
        var gross = s1.Host.Pipeline.Core.Risk.GrossExposure() + s2.Host.Pipeline.Core.Risk.GrossExposure();
        Assert.Multiple(() =>
        {
            Assert.That(both[0], Is.EqualTo(expected), "s1: two positions, then its half of each limit");
            Assert.That(both[1], Is.EqualTo(expected), "s2 likewise, at the same time");
            Assert.That(open, Is.EqualTo(4).And.LessThanOrEqualTo(AccountLimits.MaxOpenPositions), "the account's open positions");
            Assert.That(gross, Is.LessThanOrEqualTo((double)AccountLimits.MaxGrossExposure), "the account's gross exposure");
            Assert.That((s1.Host.Pipeline.Core.Account.InitialBalance, s2.Host.Pipeline.Core.Account.InitialBalance), Is.EqualTo((50_000m, 50_000m)), "each shard trades its half of the capital");
        });
    }

    [Test]
    public async Task The_coordinator_gives_the_daily_loss_a_flat_shard_leaves_unused_to_the_losing_one_and_the_account_limit_holds()
    {
        await using var cluster = new TwoShards(takerFeeBps: 500); // every fill of about 8,000 pays about 400: a loss the test decides
        var (s1, s2, client) = (cluster.S1, cluster.S2, cluster.Client);
        await using var coordinator = Coordinator(client);
        Assert.That(await coordinator.RoundAsync(CancellationToken.None), Is.True, "the fence: 2,500 of daily loss each");
        var btc = Own("s1")[0];
        for (var i = 0; i < 5; i++)
        {
            Assert.That(await OrderAsync(client, s1, btc, i % 2 == 0 ? Side.Buy : Side.Sell), Is.EqualTo(RejectReason.None));
        }

        Assert.That(await coordinator.RoundAsync(CancellationToken.None), Is.True);
        var moved = coordinator.Reports;
        Assert.Multiple(() =>
        {
            Assert.That(moved["s1"].DailyLoss, Is.InRange(1_700, 2_400), "five fills' fees: most of s1's half");
            Assert.That(moved["s1"].Budget.MaxDailyLoss, Is.GreaterThanOrEqualTo(3_300), "the loss taken plus half of what neither shard has lost");
            Assert.That(moved["s2"].Budget.MaxDailyLoss, Is.LessThanOrEqualTo(1_700));
            Assert.That(moved.Values.Sum(r => r.Budget.MaxDailyLoss), Is.LessThanOrEqualTo(5_000).And.EqualTo(coordinator.LossPool.DailyLoss), "the account's 5% of 100k");
        });

        // s1 trades on past its configured half, until its loss reaches the slice it was given
        var side = Side.Sell;
        for (var i = 0; i < 12 && s1.Host.Pipeline!.Core.Status == TradingStatus.Running; i++, side = side == Side.Buy ? Side.Sell : Side.Buy)
        {
            var reason = await OrderAsync(client, s1, btc, side);
            Assert.That(reason, Is.AnyOf(RejectReason.None, RejectReason.DailyLossLimit, RejectReason.TradingHalted));
        }

        var core = s1.Host.Pipeline!.Core;
        Eventually.Until(() => core.Status == TradingStatus.Halted, "s1 halted at its slice");
        var lost = (double)core.Account.Today.StartBalance - core.Account.Equity;
        Assert.Multiple(() =>
        {
            Assert.That(core.StatusReason, Is.EqualTo(StatusReason.DailyLossLimit));
            Assert.That(lost, Is.GreaterThan(2_500).And.GreaterThan(moved["s1"].Budget.MaxDailyLoss - 200), "past its configured half: the slice s2 left it (less what the open lot has won back since)");
            Assert.That(lost + (double)s2.Host.Pipeline!.Core.Account.Today.StartBalance - s2.Host.Pipeline!.Core.Account.Equity, Is.LessThan(5_000), "the account's daily loss within its 5%");
        });
    }
}
