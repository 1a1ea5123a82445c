using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;

namespace LowLatency.Cluster.Tests;

/// <summary>
/// A trading core on a real journal (a <see cref="TradingStore"/> in a data directory of its own), driven by a seeded
/// run of quotes and orders over three instruments: market orders on both sides, some with brackets, limits and cancels.
/// </summary>
public sealed class TradingRun : IDisposable
{
    private static readonly string[] Symbols = ["BTC-USD", "ETH-USD", "USDJPY"];
    private readonly Random _random;
    private readonly decimal[] _mids = [60_000m, 3_000m, 150m];
    private readonly TradingStore _store;
    private long _now = 1_700_000_000_000;

    public TradingRun(string dataDirectory, int seed)
    {
        _random = new Random(seed);
        Core = new TradingCore(Registry, Account, new RiskLimits { MaxOrdersPerSecond = 1000 }, new PaperExchangeOptions { LatencyMs = 1, LatencyJitterMs = 3, Seed = (ulong)seed });
        _store = new TradingStore(dataDirectory, new JournalOptions { Fsync = Engine.Journal.FsyncPolicy.None, SnapshotEveryRecords = 0, SegmentBytes = 1 << 16 });
        _store.Open(Core);
        Core.Execute(new Command { Type = CommandType.Start, CorrelationId = 1 }, _now);
        Core.Commit();
    }

    public static InstrumentRegistry Registry { get; } = InstrumentRegistry.Load(Path.Combine(Root, "config", "instruments.json"));

    public static AccountOptions Account { get; } = new();

    public TradingCore Core { get; }

    public string JournalDirectory => _store.JournalDirectory;

    public long DurableSequence => _store.DurableSequence;

    private static string Root => Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../.."));

    /// <summary>Drives <paramref name="steps"/> quotes, with an order about every third.</summary>
    public void Drive(int steps)
    {
        for (var step = 0; step < steps; step++)
        {
            _now += _random.Next(1, 40_000);
            var k = _random.Next(Symbols.Length);
            var instrument = Registry.TryResolve(Symbols[k], out var found) ? found : throw new InvalidOperationException(Symbols[k]);
            _mids[k] *= 1 + (((decimal)_random.NextDouble() - 0.5m) / 100);
            var ticks = (long)Math.Round(_mids[k] / instrument.TickSize);
            Core.OnTick(new Tick { InstrumentId = instrument.Id, TimestampMs = _now, BidTicks = ticks - 2, AskTicks = ticks + 2, LastTicks = ticks, SizeLots = _random.Next(1, 500) });
            if (_random.Next(3) == 0)
            {
                Core.Execute(Order(instrument.Id, ticks), _now);
            }

            Core.Commit();
        }
    }

    public void Dispose() => _store.Dispose();

    private Command Order(int instrument, long ticks)
    {
        var side = _random.Next(2) == 0 ? Side.Buy : Side.Sell;
        var away = Math.Max(1, ticks / 200);
        return _random.Next(6) switch
        {
            0 => new Command { Type = CommandType.CancelOrder, OrderId = Core.Orders.LastOrderId },
            1 => new Command
            {
                Type = CommandType.SubmitOrder, CorrelationId = _random.NextInt64(1, long.MaxValue), InstrumentId = instrument, Side = side, OrderType = OrderType.Limit,
                TimeInForce = TimeInForce.Gtc, QuantityLots = _random.Next(1, 300), LimitTicks = side == Side.Buy ? ticks - away : ticks + away,
            },
            2 => new Command
            {
                Type = CommandType.SubmitOrder, CorrelationId = _random.NextInt64(1, long.MaxValue), InstrumentId = instrument, Side = side, OrderType = OrderType.Market,
                TimeInForce = TimeInForce.Gtc, QuantityLots = _random.Next(1, 300),
                StopLossTicks = side == Side.Buy ? ticks - (3 * away) : ticks + (3 * away), TakeProfitTicks = side == Side.Buy ? ticks + (3 * away) : ticks - (3 * away),
            },
            _ => new Command
            {
                Type = CommandType.SubmitOrder, CorrelationId = _random.NextInt64(1, long.MaxValue), InstrumentId = instrument, Side = side, OrderType = OrderType.Market,
                TimeInForce = TimeInForce.Gtc, QuantityLots = _random.Next(1, 300),
            },
        };
    }
}
