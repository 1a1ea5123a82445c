namespace LowLatency.Bridge.Realtime;

/// <summary>Real-time feed settings (section <c>Bridge:Realtime</c>).</summary>
public sealed record RealtimeOptions
{
    /// <summary>Engine.IO ping interval the server announces and keeps (ms).</summary>
    public int PingIntervalMs { get; init; } = 25_000;

    /// <summary>How long after a ping the server waits for the pong before closing (ms).</summary>
    public int PingTimeoutMs { get; init; } = 20_000;

    /// <summary>Control and event messages queued per client before it counts as too slow and is disconnected.</summary>
    public int QueueCapacity { get; init; } = 1024;

    /// <summary>A single send to a client that takes longer than this disconnects it (it is not reading).</summary>
    public int SendTimeoutMs { get; init; } = 5_000;

    /// <summary>
    /// The kernel send buffer of each real-time client's socket (bytes). Bounded, so a client that stops reading
    /// fills it within moments — the send then stalls and <see cref="SendTimeoutMs"/> disconnects it — instead of
    /// the system growing megabytes per stuck client.
    /// </summary>
    public int SocketSendBufferBytes { get; init; } = 64 * 1024;

    /// <summary>Largest message a client may send (bytes).</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024;
}
