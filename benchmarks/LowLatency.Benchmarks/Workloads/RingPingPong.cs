using System.Diagnostics;
using HdrHistogram;
using LowLatency.Disruptor;
using LowLatency.Disruptor.Dsl;

namespace LowLatency.Benchmarks.Workloads;

/// <summary>Round trip through two rings: ping ring → echo stage → pong ring → the calling thread, both sides using one wait strategy.</summary>
public sealed class RingPingPong : ILatencyWorkload
{
    private readonly Disruptor<ValueEntry> _ping;
    private readonly RingBuffer<ValueEntry> _pingRing;
    private readonly RingBuffer<ValueEntry> _pongRing;
    private readonly SequenceBarrier _pongBarrier;
    private readonly Sequence _pongRead = new();

    public RingPingPong(Func<IWaitStrategy> waitStrategy, int bufferSize = 1024)
    {
        _pongRing = RingBuffer<ValueEntry>.CreateSingleProducer(null, bufferSize, waitStrategy());
        _pongRing.AddGatingSequences(_pongRead);
        _pongBarrier = _pongRing.NewBarrier();
        _ping = new Disruptor<ValueEntry>(null, bufferSize, ProducerType.Single, waitStrategy());
        _ping.HandleEventsWith(new Echo(_pongRing), new ProcessorOptions { Name = "bench-echo" });
        _pingRing = _ping.Start();
    }

    public void Run(int roundTrips, HistogramBase histogram)
    {
        var next = _pongRead.Value + 1;
        for (var i = 0; i < roundTrips; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var sequence = _pingRing.Next();
            _pingRing[sequence].Value = i;
            _pingRing.Publish(sequence);
            while (_pongBarrier.WaitFor(next) < next)
            {
            }

            _pongRead.SetValue(next++);
            Nanoseconds.Record(histogram, start, Stopwatch.GetTimestamp());
        }
    }

    public void Dispose() => _ping.Halt();

    private sealed class Echo(RingBuffer<ValueEntry> pong) : IEventHandler<ValueEntry>
    {
        public void OnEvent(ref ValueEntry entry, long sequence, bool endOfBatch)
        {
            var reply = pong.Next();
            pong[reply].Value = entry.Value;
            pong.Publish(reply);
        }
    }
}
