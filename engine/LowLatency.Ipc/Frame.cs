namespace LowLatency.Ipc;

/// <summary>One decoded frame. <see cref="Payload"/> is owned by the frame (copied out of the pipe).</summary>
public readonly record struct Frame(FrameType Type, long Sequence, ReadOnlyMemory<byte> Payload);
