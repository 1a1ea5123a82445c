using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;

namespace LowLatency.Ipc.Server;

/// <summary>One socket as a pipe pair. Reads on the connection's read loop; writes from the publisher thread only.</summary>
internal sealed class Connection : IDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private int _closed;

    public Connection(Socket socket, int maxPayload = FrameFormat.DefaultMaxPayload)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        Input = PipeReader.Create(_stream);
        Output = PipeWriter.Create(_stream);
        MaxPayload = maxPayload;
        Remote = socket.RemoteEndPoint?.ToString() ?? "?";
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    /// <summary>The largest frame payload read; small until the peer has authenticated.</summary>
    public int MaxPayload { get; set; }

    public string Remote { get; }

    public bool Closed => Volatile.Read(ref _closed) != 0;

    public string? CloseReason { get; private set; }

    public volatile bool SnapshotRequested;

    /// <summary>The last sequence the bridge saw, from its hello: finished orders after it come with the snapshot.</summary>
    public long HelloSequence { get; set; }

    /// <summary>The next frame, or null with a reason when the peer closed (reason null) or sent a malformed frame.</summary>
    public async Task<(Frame? Frame, string? Problem)> ReadFrameAsync(CancellationToken cancellation)
    {
        while (true)
        {
            var result = await Input.ReadAsync(cancellation).ConfigureAwait(false);
            var buffer = result.Buffer;
            var status = FrameFormat.TryRead(ref buffer, MaxPayload, out var frame, out var problem);
            if (status == FrameReadStatus.Complete)
            {
                Input.AdvanceTo(buffer.Start);
                return (frame, null);
            }

            if (status == FrameReadStatus.Malformed)
            {
                Input.AdvanceTo(buffer.Start, buffer.End);
                return (null, problem);
            }

            Input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return (null, buffer.Length == 0 ? null : $"truncated frame: connection ended {buffer.Length} bytes into it");
            }
        }
    }

    public void Dispose() => Close("disposed");

    public void Close(string reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        CloseReason = reason;
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _stream.Dispose();
    }
}
