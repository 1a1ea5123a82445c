using System.Diagnostics;
using HdrHistogram;
using LowLatency.Benchmarks.Workloads;
using LowLatency.Binance;
using LowLatency.BinanceEmulator;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Host.Configuration;
using LowLatency.Engine.Host.Venues;
using LowLatency.Engine.Journal;
using LowLatency.Engine.Portfolio;
using Microsoft.Extensions.Logging.Abstractions;

namespace LowLatency.Benchmarks.Harness;

/// <summary>
/// The engine's Binance path, driven from one thread like <see cref="EngineFixClient"/>: a quote and a market order
/// into the core, the batch commit that journals it (<c>beforeSend: written</c>) and hands it to
/// <see cref="BinanceVenue"/>, whose sender thread signs and writes <c>POST /api/v3/order</c> to the emulator on
/// loopback (stamped as its bytes leave); then the emulator's fill back over the user data stream into the core.
/// Beside it, the bare REST client's own signed POST from this thread: the floor under the venue's figure.
/// </summary>
internal sealed class EngineBinanceClient : IDisposable
{
    private const string Key = "bench-key";
    private const string Secret = "bench-secret";
    private readonly BinanceRestEmulator _exchange = new(Key, Secret);
    private readonly BinanceStreamEmulator _userData = new();
    private readonly StampedSocketHandler _venueSockets = new();
    private readonly StampedSocketHandler _bareSockets = new();
    private readonly HttpClient _bareHttp;
    private readonly BinanceRestClient _bare;
    private readonly BinanceVenue _venue;
    private readonly JournalledCore _engine;
    private long _bareOrders;

    public EngineBinanceClient(string directory)
    {
        _exchange.Book.Events = _userData.SendAsync;
        _exchange.Book.MarketPrice["BTCUSDT"] = 65_000m;
        var unlimited = new RequestBudget(int.MaxValue / 2, int.MaxValue / 2); // the emulator has no limits to keep within; the budget's own check stays in the path
        BinanceVenue? venue = null;
        _engine = new JournalledCore(Path.Combine(directory, "engine-binance"), DurabilityPoint.Written, btc => venue = new BinanceVenue("bench", new BinanceVenueConfig { RecvWindowMs = 5_000 },
            _exchange.BaseUrl, _userData.Root, new BinanceCredentials(Key, Secret), TradingSetup.Registry, new Dictionary<int, string> { [btc] = "BTCUSDT" }, NullLogger.Instance,
            _venueSockets.Create(), unlimited));
        _venue = venue!;
        _bareHttp = new HttpClient(_bareSockets.Create(), disposeHandler: true);
        _bare = new BinanceRestClient(_bareHttp, _exchange.BaseUrl, BinanceMarket.Spot, new BinanceCredentials(Key, Secret), new RequestBudget(int.MaxValue / 2, int.MaxValue / 2));
        _venue.Start(_engine.Ring);
        _engine.StartReconciled(_venue, TimeSpan.FromSeconds(20));
    }

    /// <param name="written">Quote in → the order's REST request written to the socket by the venue's sender thread.</param>
    /// <param name="trips">Quote in → Binance's fill (over the user data stream) applied in the core.</param>
    public void RoundTrips(int orders, HistogramBase written, HistogramBase trips)
    {
        for (var i = 0; i < orders; i++)
        {
            var fills = _engine.Core.FillCount;
            var answered = _venue.OrdersAnswered;
            var writes = _venueSockets.Writes;
            var start = Stopwatch.GetTimestamp();
            _engine.Submit(i % 2 == 0 ? Side.Buy : Side.Sell, OrderType.Market); // alternating: the position limits never bind
            var deadline = start + (5 * Stopwatch.Frequency);
            var spin = default(SpinWait);
            while (_venueSockets.Writes == writes)
            {
                Check(deadline, "the order request was not written");
                spin.SpinOnce(sleep1Threshold: -1);
            }

            Nanoseconds.Record(written, start, _venueSockets.LastWriteTicks);
            while (_engine.Core.FillCount == fills)
            {
                Check(deadline, "no fill from the emulator");
                if (!_engine.Drain())
                {
                    spin.SpinOnce(sleep1Threshold: -1);
                }
            }

            Nanoseconds.Record(trips, start, Stopwatch.GetTimestamp());
            while (_venue.OrdersAnswered == answered)
            {
                // The fill can come over the stream before the REST answer: the next order must not queue behind this one's answer.
                Check(deadline, "no REST answer");
                spin.SpinOnce(sleep1Threshold: -1);
            }
        }
    }

    /// <summary>The bare REST client's signed market order from this thread: start → its bytes written (the floor), each answer awaited before the next.</summary>
    public void BareSends(int orders, HistogramBase written)
    {
        for (var i = 0; i < orders; i++)
        {
            var writes = _bareSockets.Writes;
            var start = Stopwatch.GetTimestamp();
            var answer = _bare.SignedAsync(HttpMethod.Post, "/api/v3/order",
                $"symbol=BTCUSDT&side={(i % 2 == 0 ? "BUY" : "SELL")}&type=MARKET&quantity=0.01&newClientOrderId=BENCH-{++_bareOrders}&newOrderRespType=ACK", 1, isOrder: true, CancellationToken.None);
            answer.GetAwaiter().GetResult();
            if (_bareSockets.Writes == writes)
            {
                throw new InvalidOperationException("the bare request wrote nothing");
            }

            Nanoseconds.Record(written, start, _bareSockets.LastWriteTicks); // its first write after start: the request's bytes
        }
    }

    private void Check(long deadline, string what)
    {
        if (Stopwatch.GetTimestamp() > deadline)
        {
            throw new TimeoutException($"{what} within the deadline: {_venue.Stats().LastEvent}");
        }
    }

    public void Dispose()
    {
        _engine.Dispose();
        _venue.Stop();
        _venue.Dispose();
        _bareHttp.Dispose();
        _userData.Dispose();
        _exchange.Dispose();
    }
}
