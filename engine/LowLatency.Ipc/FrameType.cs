namespace LowLatency.Ipc;

/// <summary>What a frame carries. Engine → bridge: challenge, welcome, snapshot, record, quote, command result, heartbeat; bridge → engine: hello, proof, command, snapshot request, heartbeat.</summary>
public enum FrameType : ushort
{
    /// <summary>Bridge → engine, first frame: magic, protocol version, the last sequence the bridge saw.</summary>
    Hello = 1,

    /// <summary>Engine → bridge, answer to hello: protocol version and the engine's sequence.</summary>
    Welcome = 2,

    /// <summary>The whole trading state as JSON (<c>StateSnapshot</c>); the frame's sequence is the state's.</summary>
    Snapshot = 3,

    /// <summary>One trading record (<c>RecordCodec</c> layout); the frame's sequence is the record's.</summary>
    Record = 4,

    /// <summary>The latest quote of one instrument (conflated).</summary>
    Quote = 5,

    /// <summary>A command for the trading thread (<see cref="CommandCodec"/> layout) with its correlation id.</summary>
    Command = 6,

    /// <summary>A command's outcome, correlated by id.</summary>
    CommandResult = 7,

    /// <summary>Bridge → engine: send a fresh snapshot.</summary>
    SnapshotRequest = 8,

    /// <summary>Either way, when there is nothing else to send: proves the link is alive.</summary>
    Heartbeat = 9,

    /// <summary>Engine → bridge, each status interval: <see cref="EngineStats"/> as JSON.</summary>
    Stats = 10,

    /// <summary>Engine → bridge: a strategy's decision (<see cref="EngineSignal"/> as JSON).</summary>
    Signal = 11,

    /// <summary>Engine → bridge: a closed one-minute bar (<see cref="BarCodec"/> layout).</summary>
    Bar = 12,

    /// <summary>Engine → bridge, answer to hello: a random nonce the bridge must prove the link secret over.</summary>
    Challenge = 13,

    /// <summary>Bridge → engine, answer to the challenge: <see cref="LinkSecret.Proof"/>. Only then does the engine welcome it.</summary>
    Proof = 14,
}
