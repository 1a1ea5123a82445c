using System.Diagnostics;
using System.Net.Sockets;

namespace LowLatency.Benchmarks.Harness;

/// <summary>
/// An HTTP stack whose connections stamp each write to the socket (<see cref="LastWriteTicks"/>, then
/// <see cref="Writes"/>), so a benchmark measures up to the moment a request's bytes left, as the FIX session's own
/// stamp does, not the moment the driver next looked.
/// </summary>
internal sealed class StampedSocketHandler
{
    private long _writes;
    private long _lastWriteTicks;

    public long Writes => Interlocked.Read(ref _writes);

    public long LastWriteTicks => Interlocked.Read(ref _lastWriteTicks);

    public SocketsHttpHandler Create() => new()
    {
        ConnectCallback = async (context, cancel) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancel).ConfigureAwait(false);
                return new StampingStream(new NetworkStream(socket, ownsSocket: true), this);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    private void Stamp()
    {
        Interlocked.Exchange(ref _lastWriteTicks, Stopwatch.GetTimestamp()); // before the count moves: a reader that sees the count sees this stamp
        Interlocked.Increment(ref _writes);
    }

    private sealed class StampingStream(Stream inner, StampedSocketHandler owner) : Stream
    {
        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => false;

        public override bool CanWrite => inner.CanWrite;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            owner.Stamp();
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            owner.Stamp();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
