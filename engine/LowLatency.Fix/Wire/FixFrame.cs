namespace LowLatency.Fix.Wire;

/// <summary>
/// Finds one FIX message at the start of a buffer: <c>8=…|9=N|</c>, then N body bytes, then <c>10=ddd|</c>, with the
/// checksum verified. Reads spans only, so the receive path allocates nothing. A caller that gets
/// <see cref="FrameStatus.Garbled"/> or a bad length/checksum skips to the next <c>8=</c> (<see cref="NextStart"/>).
/// </summary>
public static class FixFrame
{
    /// <summary>The largest BodyLength accepted; a larger one is garbage (or an attack), not a message to wait for.</summary>
    public const int MaxBodyLength = 1 << 20;

    public static FrameStatus TryRead(ReadOnlySpan<byte> buffer, out int length)
    {
        length = 0;
        if (buffer.Length < 2)
        {
            return buffer.Length == 0 || buffer[0] == (byte)'8' ? FrameStatus.Incomplete : FrameStatus.Garbled;
        }

        if (buffer[0] != (byte)'8' || buffer[1] != (byte)'=')
        {
            return FrameStatus.Garbled;
        }

        var endOfBegin = buffer.IndexOf(FixWire.Soh);
        if (endOfBegin < 0)
        {
            return buffer.Length > 32 ? FrameStatus.Garbled : FrameStatus.Incomplete;
        }

        var rest = buffer[(endOfBegin + 1)..];
        if (rest.Length < 2)
        {
            return FrameStatus.Incomplete;
        }

        if (rest[0] != (byte)'9' || rest[1] != (byte)'=')
        {
            return FrameStatus.Garbled;
        }

        var bodyLength = 0;
        var i = 2;
        for (; i < rest.Length && rest[i] != FixWire.Soh; i++)
        {
            var digit = rest[i] - '0';
            if (digit is < 0 or > 9 || i > 9)
            {
                return FrameStatus.Garbled;
            }

            bodyLength = (bodyLength * 10) + digit;
        }

        if (i == rest.Length)
        {
            return FrameStatus.Incomplete;
        }

        if (i == 2 || bodyLength > MaxBodyLength)
        {
            return FrameStatus.Garbled;
        }

        var bodyStart = endOfBegin + 1 + i + 1;
        var checksumStart = bodyStart + bodyLength;
        var total = checksumStart + 7; // "10=ddd" + SOH
        if (buffer.Length < total)
        {
            return FrameStatus.Incomplete;
        }

        var trailer = buffer.Slice(checksumStart, 7);
        if (trailer[0] != (byte)'1' || trailer[1] != (byte)'0' || trailer[2] != (byte)'=' || trailer[6] != FixWire.Soh
            || !IsDigit(trailer[3]) || !IsDigit(trailer[4]) || !IsDigit(trailer[5]))
        {
            return FrameStatus.BadBodyLength;
        }

        var stated = ((trailer[3] - '0') * 100) + ((trailer[4] - '0') * 10) + (trailer[5] - '0');
        if (stated != FixWire.SumModulo256(buffer[..checksumStart]))
        {
            length = total;
            return FrameStatus.BadChecksum;
        }

        length = total;
        return FrameStatus.Complete;
    }

    /// <summary>Where the next message could start after a bad one at 0 (the next <c>SOH 8=</c>), or −1.</summary>
    public static int NextStart(ReadOnlySpan<byte> buffer)
    {
        for (var i = 1; i + 1 < buffer.Length; i++)
        {
            if (buffer[i] == (byte)'8' && buffer[i + 1] == (byte)'=' && buffer[i - 1] == FixWire.Soh)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
