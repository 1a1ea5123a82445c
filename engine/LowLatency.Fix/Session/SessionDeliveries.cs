using System.Buffers;
using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Session;

/// <summary>
/// What the session tells its application, queued under the session's lock and handed over after it is
/// released, in the order it happened: so an application that waits (a ring that is full, a slow trading
/// thread) holds up only the thread delivering, never heartbeats, sends or the receive loop's sequence checks.
/// The receive thread delivers (and whoever ends a connection); one that finds another delivering leaves the queue
/// to it (never waits for it). The timer and the senders never deliver, so the application never holds them up.
/// An application message is copied into a pooled buffer (no allocation once warm), since the receive buffer is
/// reused before the application has read it.
/// </summary>
internal sealed class SessionDeliveries(Lock gate)
{
    private readonly Queue<Delivery> _queue = new();
    private readonly Lock _delivering = new();
    private int _count; // the queue's length, readable without the lock: nothing queued costs a send one read

    private enum Kind
    {
        Logon,
        Logout,
        Application,
        SessionReject,
        SequenceReset,
    }

    public void Logon() => Enqueue(new Delivery(Kind.Logon));

    public void Logout(string reason) => Enqueue(new Delivery(Kind.Logout) { Text = reason });

    public void SessionReject(long refSeq, string text) => Enqueue(new Delivery(Kind.SessionReject) { Seq = refSeq, Text = text });

    public void SequenceReset(long skippedFrom, long next) => Enqueue(new Delivery(Kind.SequenceReset) { Seq = skippedFrom, Token = next });

    /// <summary>An application message in sequence, with the token its confirmation carries (of the numbering it arrived in).</summary>
    public void Application(ReadOnlySpan<byte> raw, long seq, long token)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(raw.Length);
        raw.CopyTo(buffer);
        Enqueue(new Delivery(Kind.Application) { Buffer = buffer, Length = raw.Length, Seq = seq, Token = token });
    }

    /// <summary>Delivers everything queued; call without holding the session's lock.</summary>
    public void Deliver(FixSession session, IFixApplication app)
    {
        while (Volatile.Read(ref _count) > 0)
        {
            if (!_delivering.TryEnter())
            {
                return; // the thread delivering now sees what we queued: it checks again after letting go
            }

            try
            {
                while (TryTake(out var delivery))
                {
                    Invoke(session, app, delivery);
                }
            }
            finally
            {
                _delivering.Exit();
            }

        }
    }

    private void Enqueue(in Delivery delivery)
    {
        _queue.Enqueue(delivery); // under the session's lock
        Volatile.Write(ref _count, _queue.Count);
    }

    private bool TryTake(out Delivery delivery)
    {
        lock (gate)
        {
            var taken = _queue.TryDequeue(out delivery);
            Volatile.Write(ref _count, _queue.Count);
            return taken;
        }
    }

    private static void Invoke(FixSession session, IFixApplication app, in Delivery delivery)
    {
        switch (delivery.What)
        {
            case Kind.Logon:
                app.OnLogon(session);
                break;
            case Kind.Logout:
                app.OnLogout(session, delivery.Text!);
                break;
            case Kind.SessionReject:
                app.OnSessionReject(session, delivery.Seq, delivery.Text!);
                break;
            case Kind.SequenceReset:
                app.OnSequenceReset(session, delivery.Seq, delivery.Token);
                break;
            default:
                try
                {
                    var message = new FixMessageView(delivery.Buffer.AsSpan(0, delivery.Length));
                    message.TryGet(FixWire.MsgType, out var msgType);
                    app.FromApp(session, message, msgType, delivery.Seq, delivery.Token);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(delivery.Buffer!);
                }

                break;
        }
    }

    private readonly record struct Delivery(Kind What)
    {
        public byte[]? Buffer { get; init; }

        public int Length { get; init; }

        public long Seq { get; init; }

        public long Token { get; init; }

        public string? Text { get; init; }
    }
}
