namespace LowLatency.Engine.Journal;

/// <summary>
/// The record frame: a 4-byte little-endian payload length, a 4-byte CRC-32C of the length and payload, then
/// the payload. Length 0 is never written, so zero-filled space after a crash reads as a torn tail.
/// </summary>
public static class JournalFormat
{
    public const int HeaderSize = 8;

    /// <summary>The largest payload accepted; anything claiming more is corruption.</summary>
    public const int MaxPayloadSize = 1 << 20;
}
