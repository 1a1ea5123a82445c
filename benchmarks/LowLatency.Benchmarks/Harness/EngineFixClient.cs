using System.Diagnostics;
using HdrHistogram;
using LowLatency.Benchmarks.Workloads;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Host.Venues;
using LowLatency.Engine.Journal;
using LowLatency.Engine.Portfolio;
using LowLatency.Fix.Session;
using LowLatency.QuickFix;
using Microsoft.Extensions.Logging.Abstractions;

namespace LowLatency.Benchmarks.Harness;

/// <summary>
/// The engine's own FIX path, driven from one thread like <see cref="PaperClient"/>: a quote and then a marketable
/// order into the core, the batch commit that journals it and hands it to <see cref="FixVenue"/> (with the journal's
/// <see cref="JournalOptions.BeforeSend"/> policy: written, the fsync on the syncer's thread beside; or synced, the
/// fsync before), the venue's sender thread writing the NewOrderSingle to the socket, and QuickFIX's executor's
/// ExecutionReport back through a ring into the core as a fill.
/// </summary>
internal sealed class EngineFixClient : IDisposable
{
    private readonly QuickFixAcceptor _acceptor;
    private readonly FixVenue _venue;
    private readonly JournalledCore _engine;

    /// <param name="senderSpinUs">The venue's <see cref="VenueOrderPolicy.SenderSpinUs"/>: 0 parks its sender thread between orders.</param>
    public EngineFixClient(string directory, DurabilityPoint beforeSend, int senderSpinUs = 0)
    {
        var name = beforeSend.ToString().ToLowerInvariant() + (senderSpinUs > 0 ? "-spin" : "");
        _acceptor = QuickFixAcceptor.StartAsync(AcceptorKind.Executor, "FIX.4.4", ["ENGINE"], Path.Combine(directory, $"acceptor-engine-{name}"), keepLog: false).GetAwaiter().GetResult();
        var options = new FixSessionOptions
        {
            Host = "127.0.0.1", Port = _acceptor.Port, SenderCompId = "ENGINE", TargetCompId = QuickFixAcceptor.AcceptorCompId, HeartBtIntSeconds = 30,
            StoreDirectory = Path.Combine(directory, $"store-engine-{name}"),
        };
        FixVenue? venue = null;
        _engine = new JournalledCore(Path.Combine(directory, $"engine-{name}"), beforeSend, btc => venue = new FixVenue("bench", options, "LL", TradingSetup.Registry,
            new Dictionary<int, string> { [btc] = "BTC-USD" }, NullLogger.Instance, new VenueOrderPolicy(SenderSpinUs: senderSpinUs)));
        _venue = venue!;
        _venue.Start(_engine.Ring);
        if (!_venue.Session.WaitForAsync(s => s == FixSessionState.Active, TimeSpan.FromSeconds(20)).GetAwaiter().GetResult())
        {
            throw new InvalidOperationException($"no FIX session with the executor: {_venue.Session.LastEvent}");
        }

        _engine.StartReconciled(_venue, TimeSpan.FromSeconds(10));
    }

    /// <param name="written">Quote in → the order's NewOrderSingle written to the socket, stamped by the venue's sender thread as it wrote.</param>
    /// <param name="trips">Quote in → the executor's fill applied in the core.</param>
    public void RoundTrips(int orders, HistogramBase written, HistogramBase trips)
    {
        for (var i = 0; i < orders; i++)
        {
            var fills = _engine.Core.FillCount;
            var sent = _venue.Session.Metrics.MessagesOut;
            var start = Stopwatch.GetTimestamp();
            _engine.Submit(i % 2 == 0 ? Side.Buy : Side.Sell, OrderType.Limit); // alternating: the position limits never bind
            var deadline = start + (5 * Stopwatch.Frequency);
            var spin = default(SpinWait);
            while (_venue.Session.Metrics.MessagesOut == sent)
            {
                Check(deadline, "the NewOrderSingle was not written");
                spin.SpinOnce(sleep1Threshold: -1);
            }

            Nanoseconds.Record(written, start, _venue.Session.Metrics.LastOutTicks); // when the sender thread wrote it, not when this thread next looked
            while (_engine.Core.FillCount == fills)
            {
                Check(deadline, "no fill from the executor");
                if (!_engine.Drain())
                {
                    spin.SpinOnce(sleep1Threshold: -1);
                }
            }

            Nanoseconds.Record(trips, start, Stopwatch.GetTimestamp());
        }
    }

    private void Check(long deadline, string what)
    {
        if (Stopwatch.GetTimestamp() > deadline)
        {
            throw new TimeoutException($"{what} within 5 s: {_venue.Session.LastEvent}");
        }
    }

    public void Dispose()
    {
        _engine.Dispose();
        _venue.Stop();
        _venue.Dispose();
        _acceptor.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
