namespace LowLatency.Fix.Wire;

/// <summary>UTCTimestamp fields: <c>YYYYMMDD-HH:MM:SS</c> with optional <c>.sss</c> (or more digits, cut to ticks).</summary>
public static class FixTime
{
    public static bool TryParse(ReadOnlySpan<byte> text, out DateTime utc)
    {
        utc = default;
        if (text.Length < 17 || text[8] != (byte)'-' || text[11] != (byte)':' || text[14] != (byte)':')
        {
            return false;
        }

        if (!Digits(text[..4], out var year) || !Digits(text[4..6], out var month) || !Digits(text[6..8], out var day)
            || !Digits(text[9..11], out var hour) || !Digits(text[12..14], out var minute) || !Digits(text[15..17], out var second))
        {
            return false;
        }

        long fractionTicks = 0;
        if (text.Length > 17)
        {
            if (text[17] != (byte)'.' || text.Length == 18 || !Digits(text[18..], out _))
            {
                return false;
            }

            var scale = TimeSpan.TicksPerSecond;
            foreach (var b in text[18..])
            {
                scale /= 10;
                fractionTicks += (b - '0') * scale;
            }
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month) || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        utc = new DateTime(year, month, day, hour, minute, Math.Min(second, 59), DateTimeKind.Utc).AddTicks(fractionTicks);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return text.Length > 0 && text.Length <= 9;
    }
}
