using System.Buffers.Text;
using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Messages;

/// <summary>
/// A ClOrdID made of a session prefix, an incarnation, a number and, for the replaces of one order, a version
/// (<c>LL-812345-42</c>, <c>LL-812345-42.3</c>; without an incarnation <c>LL-42</c>): written and read without
/// strings. The engine's numbers are its journalled order ids and its incarnation is new at every start of its data
/// directory, so no id repeats even when a journal, or its unsynced tail, is lost; each replace of an order takes
/// the next version.
/// </summary>
public readonly record struct ClOrdId(byte[] Prefix, long Number, int Version = 0, int Incarnation = 0)
{
    private const byte VersionSeparator = (byte)'.';
    private const byte IncarnationSeparator = (byte)'-';

    /// <summary>The number and version in <paramref name="value"/> when it starts with <paramref name="prefix"/>; false for anyone else's id.</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, ReadOnlySpan<byte> prefix, out long number, out int version) =>
        TryParse(value, prefix, out _, out number, out version);

    /// <summary>The incarnation (0 when the id has none), number and version in <paramref name="value"/>; false for anyone else's id.</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, ReadOnlySpan<byte> prefix, out int incarnation, out long number, out int version)
    {
        incarnation = 0;
        number = 0;
        version = 0;
        if (!value.StartsWith(prefix) || value.Length == prefix.Length)
        {
            return false;
        }

        var rest = value[prefix.Length..];
        var dash = rest.IndexOf(IncarnationSeparator);
        if (dash >= 0)
        {
            if (!Utf8Parser.TryParse(rest[..dash], out incarnation, out var taken) || taken != dash || incarnation <= 0)
            {
                return false;
            }

            rest = rest[(dash + 1)..];
        }

        var dot = rest.IndexOf(VersionSeparator);
        var digits = dot < 0 ? rest : rest[..dot];
        if (digits.Length == 0 || !Utf8Parser.TryParse(digits, out number, out var consumed) || consumed != digits.Length || number <= 0)
        {
            return false;
        }

        return dot < 0 || (Utf8Parser.TryParse(rest[(dot + 1)..], out version, out consumed) && consumed == rest.Length - dot - 1 && version > 0);
    }

    /// <summary>The field <paramref name="tag"/> with this id as its value.</summary>
    public void WriteTo(FixWriter writer, int tag)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> value = stackalloc byte[Prefix.Length + 48];
        Prefix.CopyTo(value);
        var written = Prefix.Length;
        if (Incarnation > 0)
        {
            Utf8Formatter.TryFormat(Incarnation, value[written..], out var incarnationDigits);
            written += incarnationDigits;
            value[written++] = IncarnationSeparator;
        }

        Utf8Formatter.TryFormat(Number, value[written..], out var numberDigits);
        written += numberDigits;
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
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var text = System.Text.Encoding.ASCII.GetString(Prefix) + (Incarnation > 0 ? Incarnation.ToString(invariant) + "-" : "") + Number.ToString(invariant);
        return Version > 0 ? text + "." + Version.ToString(invariant) : text;
    }
}
