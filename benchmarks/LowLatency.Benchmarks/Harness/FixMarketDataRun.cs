using System.Diagnostics;
using System.Globalization;
using HdrHistogram;
using LowLatency.Benchmarks.Workloads;
using LowLatency.Disruptor;
using LowLatency.Engine.Pipeline;

namespace LowLatency.Benchmarks.Harness;

/// <summary>
/// FIX market data and Binance's bookTicker against the simulator, interleaved over rounds in one run: from an incremental refresh's bytes
/// (or the simulator's next tick) to the quote seen by a consumer thread on the ring, one message in flight at a
/// time, with the gen0 collections over the measured rounds. The socket read and the session's sequence check are
/// not in it (the FIX venue run measures a session's round trip), nor Binance's WebSocket read.
/// </summary>
public static class FixMarketDataRun
{
    public static void Run(TextWriter output, int rounds, int messagesPerRound)
    {
        var ring = RingBuffer<EngineEvent>.CreateSingleProducer(() => new EngineEvent(), 1024);
        var consumed = new Sequence();
        ring.AddGatingSequences(consumed);
        using var workload = new FixMarketDataWorkload(ring);
        using var consumer = new Consumer(ring, consumed);
        consumed.SetValue(ring.Cursor); // the snapshot's quote
        Measure(consumer, workload.OneIncrement, messagesPerRound / 10, Nanoseconds.NewHistogram()); // warm-up
        Measure(consumer, workload.OneSimulatorTick, messagesPerRound / 10, Nanoseconds.NewHistogram());
        Measure(consumer, workload.OneBookTicker, messagesPerRound / 10, Nanoseconds.NewHistogram());
        var fix = new List<HistogramBase>();
        var binance = new List<HistogramBase>();
        var simulator = new List<HistogramBase>();
        var gen0 = 0;
        for (var round = 0; round < rounds; round++)
        {
            var before = GC.CollectionCount(0);
            fix.Add(Measure(consumer, workload.OneIncrement, messagesPerRound, Nanoseconds.NewHistogram()));
            simulator.Add(Measure(consumer, workload.OneSimulatorTick, messagesPerRound, Nanoseconds.NewHistogram()));
            binance.Add(Measure(consumer, workload.OneBookTicker, messagesPerRound, Nanoseconds.NewHistogram()));
            gen0 += GC.CollectionCount(0) - before;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fix X bytes→quote seen in the ring  p50 {DurabilityRun.Summary(fix, 50)}  p99 {DurabilityRun.Summary(fix, 99)}  ({messagesPerRound} messages × {rounds} rounds)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"simulator tick→quote seen in the ring  p50 {DurabilityRun.Summary(simulator, 50)}  p99 {DurabilityRun.Summary(simulator, 99)}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"binance bookTicker bytes→quote seen in the ring  p50 {DurabilityRun.Summary(binance, 50)}  p99 {DurabilityRun.Summary(binance, 99)}"));
        output.WriteLine($"fix market data gen0 collections during the measured rounds: {gen0}");
        FixRun.Ratio(output, "fix_md_vs_simulator_to_ring_p50", fix, simulator, decimals: 2);
        FixRun.Ratio(output, "binance_book_ticker_vs_simulator_to_ring_p50", binance, simulator, decimals: 2);
    }

    private static HistogramBase Measure(Consumer consumer, Action publishOne, int count, HistogramBase histogram)
    {
        for (var i = 0; i < count; i++)
        {
            var expected = consumer.Seen + 1;
            var start = Stopwatch.GetTimestamp();
            publishOne();
            var seenAt = consumer.WaitFor(expected);
            Nanoseconds.Record(histogram, start, seenAt);
        }

        return histogram;
    }

    /// <summary>A busy-spinning reader of the ring that stamps when each event became visible to it.</summary>
    private sealed class Consumer : IDisposable
    {
        private readonly RingBuffer<EngineEvent> _ring;
        private readonly Sequence _consumed;
        private readonly Thread _thread;
        private long _seenAt;
        private long _seen;
        private bool _stopping;

        public Consumer(RingBuffer<EngineEvent> ring, Sequence consumed)
        {
            (_ring, _consumed, _seen) = (ring, consumed, ring.Cursor);
            _thread = new Thread(Run) { IsBackground = true, Name = "ll-bench-md-consumer" };
            _thread.Start();
        }

        public long Seen => Volatile.Read(ref _seen);

        /// <summary>Spins until event <paramref name="sequence"/> was seen; its timestamp.</summary>
        public long WaitFor(long sequence)
        {
            while (Volatile.Read(ref _seen) < sequence)
            {
                Thread.SpinWait(1);
            }

            return Volatile.Read(ref _seenAt);
        }

        public void Dispose()
        {
            Volatile.Write(ref _stopping, true);
            _thread.Join();
        }

        private void Run()
        {
            while (!Volatile.Read(ref _stopping))
            {
                var next = _seen + 1;
                if (_ring.Cursor < next)
                {
                    Thread.SpinWait(1);
                    continue;
                }

                var at = Stopwatch.GetTimestamp();
                _ = _ring[next].Tick.BidTicks;
                Volatile.Write(ref _seenAt, at);
                Volatile.Write(ref _seen, next);
                _consumed.SetValue(next);
            }
        }
    }
}
