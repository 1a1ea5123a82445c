using System.Collections.Concurrent;
using LowLatency.Disruptor.Threading;

namespace LowLatency.Engine.Host.Venues;

/// <summary>
/// What the trading thread asks of a real venue, held until its records are durable (<see cref="Release"/>, at
/// the venue's <c>OnDurable</c>) and then handed to the venue's sender thread, which is the only one to take it:
/// nothing reaches the venue that a crash could make the engine forget, and the trading thread never touches
/// the network. The venue's own threads <see cref="Post"/> work for the sender directly.
/// </summary>
internal sealed class VenueOutbox(TimeSpan senderSpin) : IDisposable
{
    private readonly List<Intent> _held = new(64); // the trading thread's alone
    private readonly ConcurrentQueue<Intent> _ready = new();
    private readonly SpinThenParkSignal _wake = new(senderSpin);

    /// <summary>Trading thread: held until the next <see cref="Release"/>.</summary>
    public void Hold(in Intent intent) => _held.Add(intent);

    /// <summary>Trading thread: everything held is durable now; the sender may take it.</summary>
    public void Release()
    {
        if (_held.Count == 0)
        {
            return;
        }

        foreach (var intent in _held)
        {
            _ready.Enqueue(intent);
        }

        _held.Clear();
        _wake.Signal();
    }

    /// <summary>Any thread: work for the sender that needs no durability (it follows from what the venue said).</summary>
    public void Post(in Intent intent)
    {
        _ready.Enqueue(intent);
        _wake.Signal();
    }

    /// <summary>Any thread: wakes the sender (to stop, or for work it keeps elsewhere).</summary>
    public void Signal() => _wake.Signal();

    /// <summary>The sender thread: until there is work; false once <paramref name="stop"/> is cancelled.</summary>
    public bool Wait(CancellationToken stop)
    {
        try
        {
            _wake.Wait(stop);
            return !stop.IsCancellationRequested;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public bool TryTake(out Intent intent) => _ready.TryDequeue(out intent);

    public void Dispose() => _wake.Dispose();
}
