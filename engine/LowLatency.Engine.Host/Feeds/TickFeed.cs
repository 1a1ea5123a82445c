using System.Diagnostics;
using LowLatency.Disruptor;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Pipeline;

namespace LowLatency.Engine.Host.Feeds;

/// <summary>
/// Publishes ticks into the ring from its own thread: the simulator at a steady rate stamped with wall-clock
/// time, or a history source paced by its own timestamps (× speed; speed 0 = as fast as the ring takes them).
/// Never blocks <see cref="Stop"/> on a full ring.
/// </summary>
public sealed class TickFeed
{
    private readonly RingBuffer<EngineEvent> _ring;
    private readonly MarketSimulator? _simulator;
    private readonly int[] _instrumentIds = [];
    private readonly double _ticksPerSecond;
    private readonly ITickSource? _history;
    private readonly double _speed;
    private volatile bool _stopping;
    private volatile bool _finished;
    private Thread? _running;
    private long _published;

    /// <summary>The simulator: every instrument in <paramref name="instrumentIds"/> in turn, <paramref name="ticksPerSecond"/> in all.</summary>
    public TickFeed(RingBuffer<EngineEvent> ring, MarketSimulator simulator, IReadOnlyList<int> instrumentIds, double ticksPerSecond)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentNullException.ThrowIfNull(instrumentIds);
        _ring = ring;
        _simulator = simulator;
        _instrumentIds = [.. instrumentIds];
        _ticksPerSecond = ticksPerSecond;
    }

    /// <summary>A history source replayed at <paramref name="speed"/> (0: as fast as possible).</summary>
    public TickFeed(RingBuffer<EngineEvent> ring, ITickSource history, double speed)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(history);
        _ring = ring;
        _history = history;
        _speed = speed;
    }

    public long Published => Volatile.Read(ref _published);

    /// <summary>True once a history source ran out.</summary>
    public bool Finished => _finished;

    public void Start()
    {
        _running = new Thread(_simulator is not null ? RunSimulator : RunHistory) { IsBackground = true, Name = "ll-feed" };
        _running.Start();
    }

    public void Stop()
    {
        _stopping = true;
        _running?.Join();
    }

    private void RunSimulator()
    {
        var started = Stopwatch.GetTimestamp();
        long published = 0;
        var next = 0;
        var tick = default(Tick);
        while (!_stopping)
        {
            var due = (long)(Stopwatch.GetElapsedTime(started).TotalSeconds * _ticksPerSecond);
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            for (; published < due && !_stopping; published++)
            {
                _simulator!.Next(_instrumentIds[next], now, ref tick);
                next = (next + 1) % _instrumentIds.Length;
                if (!Publish(tick))
                {
                    break;
                }

                Volatile.Write(ref _published, published + 1);
            }

            Thread.Sleep(1); // the feed paces itself; it is not on the measured path
        }
    }

    private void RunHistory()
    {
        var started = Stopwatch.GetTimestamp();
        var tick = default(Tick);
        long first = 0;
        long published = 0;
        while (!_stopping && _history!.TryNext(ref tick))
        {
            if (published == 0)
            {
                first = tick.TimestampMs;
            }

            if (_speed > 0)
            {
                var dueSeconds = (tick.TimestampMs - first) / 1000.0 / _speed;
                while (!_stopping && Stopwatch.GetElapsedTime(started).TotalSeconds < dueSeconds)
                {
                    Thread.Sleep(1);
                }
            }

            if (!Publish(tick))
            {
                return;
            }

            Volatile.Write(ref _published, ++published);
        }

        _finished = true;
    }

    private bool Publish(in Tick tick)
    {
        // TryNext, not Next: a full ring (a stalled stage) must not keep Stop() from returning.
        long sequence;
        while (!_ring.TryNext(out sequence))
        {
            if (_stopping)
            {
                return false;
            }

            Thread.Yield();
        }

        _ring[sequence].SetTick(tick, Stopwatch.GetTimestamp());
        _ring.Publish(sequence);
        return true;
    }
}
