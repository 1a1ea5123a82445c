using System.Buffers.Text;
using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Messages;

/// <summary>
/// A ClOrdID made of a session prefix, a number and, for the replaces of one order, a version (<c>LL-42</c>,
/// <c>LL-42.3</c>): written and read without strings. The caller chooses numbers that never repeat (the engine uses
/// its journalled order ids, so a restart continues them); each replace of an order takes the next version.
/// </summary>
public readonly record struct ClOrdId(byte[] Prefix, long Number, int Version = 0)
{
    private const byte VersionSeparator = (byte)'.';

    /// <summary>The number and version in <paramref name="value"/> when it starts with <paramref name="prefix"/>; false for anyone else's id.</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, ReadOnlySpan<byte> prefix, out long number, out int version)
    {
        number = 0;
        version = 0;
        if (!value.StartsWith(prefix) || value.Length == prefix.Length)
        {
            return false;
        }

        var rest = value[prefix.Length..];
        var dot = rest.IndexOf(VersionSeparator);
        var digits = dot < 0 ? rest : rest[..dot];
        if (!Utf8Parser.TryParse(digits, out number, out var consumed) || consumed != digits.Length || number <= 0)
        {
            return false;
        }

        return dot < 0 || (Utf8Parser.TryParse(rest[(dot + 1)..], out version, out consumed) && consumed == rest.Length - dot - 1 && version > 0);
    }

    /// <summary>The field <paramref name="tag"/> with this id as its value.</summary>
    public void WriteTo(FixWriter writer, int tag)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> value = stackalloc byte[Prefix.Length + 32];
        Prefix.CopyTo(value);
        Utf8Formatter.TryFormat(Number, value[Prefix.Length..], out var written);
        written += Prefix.Length;
        if (Version > 0)
        {
            value[written++] = VersionSeparator;
            Utf8Formatter.TryFormat(Version, value[written..], out var versionDigits);
            written += versionDigits;
        }

        writer.Add(tag, value[..written]);
    }

    public override string ToString()
    {
        var text = System.Text.Encoding.ASCII.GetString(Prefix) + Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Version > 0 ? text + "." + Version.ToString(System.Globalization.CultureInfo.InvariantCulture) : text;
    }
}
