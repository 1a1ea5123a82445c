using System.Buffers.Text;

namespace LowLatency.Fix.Messages;

/// <summary>
/// A ClOrdID made of a session prefix and a number (<c>LL-42</c>): written and read without strings. The caller
/// chooses numbers that never repeat (the engine uses its journalled order ids, so a restart continues them).
/// </summary>
public readonly record struct ClOrdId(byte[] Prefix, long Number)
{
    /// <summary>The number in <paramref name="value"/> when it starts with <paramref name="prefix"/>; false for anyone else's id.</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, ReadOnlySpan<byte> prefix, out long number)
    {
        number = 0;
        return value.StartsWith(prefix) && value.Length > prefix.Length
            && Utf8Parser.TryParse(value[prefix.Length..], out number, out var consumed) && consumed == value.Length - prefix.Length && number > 0;
    }

    public override string ToString() => System.Text.Encoding.ASCII.GetString(Prefix) + Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
