namespace LowLatency.Fix.Wire;

/// <summary>What <see cref="FixFrame.TryRead"/> found at the start of a buffer.</summary>
public enum FrameStatus
{
    /// <summary>A whole message with a valid BodyLength and CheckSum.</summary>
    Complete,

    /// <summary>The start of a message: read more bytes.</summary>
    Incomplete,

    /// <summary>Not a FIX message here (no <c>8=</c>, no <c>9=</c> second, a non-numeric length): skip to the next <c>8=</c>.</summary>
    Garbled,

    /// <summary>The CheckSum field is not where BodyLength says, or is not three digits.</summary>
    BadBodyLength,

    /// <summary>The CheckSum does not match the bytes.</summary>
    BadChecksum,
}
