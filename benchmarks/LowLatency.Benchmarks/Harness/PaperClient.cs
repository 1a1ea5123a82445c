using System.Diagnostics;
using HdrHistogram;
using LowLatency.Benchmarks.Workloads;
using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;

namespace LowLatency.Benchmarks.Harness;

/// <summary>The paper venue's round trip for comparison: a marketable limit order into the core, then the quote that fills it.</summary>
internal sealed class PaperClient
{
    private readonly InstrumentRegistry _registry = TradingSetup.Registry;
    private readonly TradingCore _core;
    private readonly int _btc;
    private long _now = 1_700_000_000_000;
    private long _correlation;

    public PaperClient()
    {
        _btc = _registry.TryResolve("BTC-USD", out var instrument) ? instrument.Id : throw new InvalidOperationException("BTC-USD is not in instruments.json");
        var limits = new RiskLimits { MaxOrdersPerSecond = 1_000_000, MaxOpenPositions = 1_000, MaxPositionPercent = 100, MaxPositionNotional = 1e12m };
        _core = new TradingCore(_registry, new AccountOptions { InitialBalance = 1e12m }, limits, new PaperExchangeOptions { LatencyMs = 0, LatencyJitterMs = 0, MaxSlippageTicks = 0, PartialFills = false });
        Tick();
        _core.Execute(new Command { Type = CommandType.Start, CorrelationId = ++_correlation }, _now);
        _core.Commit();
    }

    public void RoundTrips(int orders, HistogramBase trips)
    {
        for (var i = 0; i < orders; i++)
        {
            var fills = _core.FillCount;
            var side = i % 2 == 0 ? Side.Buy : Side.Sell; // stay flat: the position limits never bind
            var start = Stopwatch.GetTimestamp();
            _core.Execute(new Command
            {
                Type = CommandType.SubmitOrder, CorrelationId = ++_correlation, InstrumentId = _btc, Side = side, OrderType = OrderType.Limit,
                TimeInForce = TimeInForce.Gtc, QuantityLots = 100, LimitTicks = side == Side.Buy ? 6_500_100 : 6_499_900,
            }, _now);
            _core.Commit();
            if (_core.FillCount == fills)
            {
                Tick();
            }

            Nanoseconds.Record(trips, start, Stopwatch.GetTimestamp());
            if (_core.FillCount == fills)
            {
                throw new InvalidOperationException("the paper order did not fill");
            }
        }
    }

    private void Tick()
    {
        _now += 1;
        _core.OnTick(new Tick { InstrumentId = _btc, TimestampMs = _now, BidTicks = 6_499_900, AskTicks = 6_500_100, LastTicks = 6_500_000, SizeLots = 1_000_000 });
        _core.Commit();
    }
}
