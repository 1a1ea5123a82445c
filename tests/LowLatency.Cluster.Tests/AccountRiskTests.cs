using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Host.Configuration;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.EventStream;
using NATS.Client.Core;

namespace LowLatency.Cluster.Tests;

/// <summary>
/// Account-level risk across shards by pre-allocated budgets: two whole engines, each with half of the account
/// (cluster.riskShare 0.5), trade towards its open-positions and gross-exposure limits at the same time over NATS;
/// each stops at its half, so the account's limits hold with no order asking the other shard.
/// </summary>
public sealed class AccountRiskTests
{
    private const decimal OrderNotional = 8_000m;
    private static readonly Dictionary<string, IReadOnlyList<string>> Shards = new() { ["s1"] = ["BTC-USD", "ETH-USD", "BNBUSDT"], ["s2"] = ["EURUSD", "GBPUSD", "XAUUSD"] };
    private static readonly RiskLimits AccountLimits = new() { MaxOpenPositions = 4, MaxGrossExposure = 40_000m };

    private static InstrumentRegistry Registry { get; } = InstrumentRegistry.Load(Path.Combine(ShardEngine.Root, "config", "instruments.json"));

    private static ShardEngine Shard(NatsServer nats, string shard) =>
        ShardEngine.Owning(new ClusterConfig { Nats = nats.Url, Shard = shard, Shards = Shards, RiskShare = 0.5 }, journalTicks: false,
            c => c with { Risk = AccountLimits, Account = new AccountOptions { InitialBalance = 100_000m }, Exchange = c.Exchange with { PartialFills = false } }); // each order fills whole: the sizes say where the limits fall

    /// <summary>The reference prices of config/instruments.json, where the simulator starts.</summary>
    private static readonly Dictionary<string, decimal> Reference = new() { ["BTC-USD"] = 65_000m, ["ETH-USD"] = 3_200m, ["BNBUSDT"] = 580m, ["EURUSD"] = 1.085m, ["GBPUSD"] = 1.27m, ["XAUUSD"] = 2_350m };

    /// <summary>A market buy of about <see cref="OrderNotional"/>, sized at the reference price.</summary>
    private static Command Buy(Instrument instrument) => new()
    {
        Type = CommandType.SubmitOrder, InstrumentId = instrument.Id, Side = Side.Buy, OrderType = OrderType.Market, TimeInForce = TimeInForce.Ioc,
        QuantityLots = (long)Math.Round(OrderNotional / (Reference[instrument.Symbol] * instrument.LotSize)),
    };

    /// <summary>One shard's run towards its limits: a position in each of two instruments, a third, then more of the first.</summary>
    private static async Task<List<RejectReason>> TradeTowardsTheLimitsAsync(ShardCommandClient client, ShardEngine engine, string shard)
    {
        var own = Shards[shard].Select(s => Registry.TryResolve(s, out var i) ? i : throw new ArgumentException(s)).ToArray();
        var reasons = new List<RejectReason>();
        foreach (var instrument in new[] { own[0], own[1], own[2], own[0] })
        {
            var before = engine.Host.Pipeline!.Core.Account.Position(instrument.Id).QuantityLots;
            CommandResult result;
            do
            {
                result = await client.SendAsync(Buy(instrument), TimeSpan.FromSeconds(5), CancellationToken.None);
                await Task.Delay(result.Reason == RejectReason.NoMarketData ? 20 : 0); // the feed's first ticks are a moment away
            }
            while (result.Reason == RejectReason.NoMarketData);

            reasons.Add(result.Reason);
            if (result.Accepted)
            {
                Eventually.Until(() => engine.Host.Pipeline!.Core.Account.Position(instrument.Id).QuantityLots > before, $"{instrument.Symbol} filled on {shard}");
            }
        }

        return reasons;
    }

    [Test]
    public async Task Two_shards_trading_towards_the_account_limits_at_once_stop_at_their_budgets()
    {
        using var nats = new NatsServer();
        using var s1 = Shard(nats, "s1");
        using var s2 = Shard(nats, "s2");
        await using var connection = new NatsConnection(new NatsOpts { Url = nats.Url });
        var client = new ShardCommandClient(connection, new ShardMap(Shards, Registry), "s1");

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
}
