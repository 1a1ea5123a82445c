namespace LowLatency.Fix.Wire;

/// <summary>Wire constants: the field separator and the tags the framing itself reads.</summary>
public static class FixWire
{
    public const byte Soh = 0x01;

    public const int BeginString = 8;

    public const int BodyLength = 9;

    public const int MsgType = 35;

    public const int CheckSum = 10;

    /// <summary>The sum of the bytes modulo 256: the value of tag 10.</summary>
    public static int SumModulo256(ReadOnlySpan<byte> bytes)
    {
        var sum = 0;
        foreach (var b in bytes)
        {
            sum += b;
        }

        return sum & 0xFF;
    }
}
