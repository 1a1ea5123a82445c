using System.Buffers.Text;

namespace LowLatency.Fix.Wire;

/// <summary>
/// Read access to the fields of one framed message, in place: a linear scan per lookup, no copies, no
/// allocation. Repeating groups are read with <see cref="TryGetAt"/> from a position.
/// </summary>
public readonly ref struct FixMessageView(ReadOnlySpan<byte> message)
{
    private readonly ReadOnlySpan<byte> _message = message;

    /// <summary>The value of the first field with <paramref name="tag"/>.</summary>
    public bool TryGet(int tag, out ReadOnlySpan<byte> value) => TryGetAt(tag, 0, out value, out _);

    /// <summary>The value of the first field with <paramref name="tag"/> at or after byte <paramref name="from"/>, and where the field after it starts.</summary>
    public bool TryGetAt(int tag, int from, out ReadOnlySpan<byte> value, out int next)
    {
        var position = from;
        while (position < _message.Length)
        {
            var equals = _message[position..].IndexOf((byte)'=');
            if (equals < 0)
            {
                break;
            }

            var end = _message[(position + equals + 1)..].IndexOf(FixWire.Soh);
            if (end < 0)
            {
                break;
            }

            var valueStart = position + equals + 1;
            if (Utf8Parser.TryParse(_message.Slice(position, equals), out int t, out var consumed) && consumed == equals && t == tag)
            {
                value = _message.Slice(valueStart, end);
                next = valueStart + end + 1;
                return true;
            }

            position = valueStart + end + 1;
        }

        value = default;
        next = _message.Length;
        return false;
    }

    /// <summary>The field at byte <paramref name="position"/>, moving it to the next; false at the end (or on a malformed field).</summary>
    public bool TryReadField(scoped ref int position, out int tag, out ReadOnlySpan<byte> value)
    {
        tag = 0;
        value = default;
        if (position >= _message.Length)
        {
            return false;
        }

        var rest = _message[position..];
        var equals = rest.IndexOf((byte)'=');
        var end = equals < 0 ? -1 : rest[(equals + 1)..].IndexOf(FixWire.Soh);
        if (end < 0 || !Utf8Parser.TryParse(rest[..equals], out tag, out var consumed) || consumed != equals)
        {
            return false;
        }

        value = rest.Slice(equals + 1, end);
        position += equals + 1 + end + 1;
        return true;
    }

    /// <summary>A field as text (for logs and error messages; allocates), or null when absent.</summary>
    public string? GetString(int tag) => TryGet(tag, out var value) ? System.Text.Encoding.ASCII.GetString(value) : null;

    public bool TryGetLong(int tag, out long value)
    {
        value = 0;
        return TryGet(tag, out var text) && Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length;
    }

    public bool TryGetDecimal(int tag, out decimal value)
    {
        value = 0;
        return TryGet(tag, out var text) && Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length;
    }

    /// <summary>Whether field <paramref name="tag"/> equals <paramref name="expected"/> (ASCII).</summary>
    public bool Is(int tag, ReadOnlySpan<byte> expected) => TryGet(tag, out var value) && value.SequenceEqual(expected);
}
