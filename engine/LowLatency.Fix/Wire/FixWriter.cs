using System.Buffers.Text;

namespace LowLatency.Fix.Wire;

/// <summary>
/// Builds messages into a reusable buffer: <see cref="Start"/> with BeginString and MsgType, fields in order, then
/// <see cref="Finish"/>, which writes BodyLength and CheckSum and returns the bytes. Allocates nothing once the
/// buffer is large enough; not thread-safe (one writer per session thread).
/// </summary>
public sealed class FixWriter(int capacity = 4096)
{
    // The body is written after a reserved gap for the header, which is filled in once the length is known.
    private const int HeaderRoom = 32;
    private byte[] _buffer = new byte[Math.Max(capacity, 256)];
    private int _bodyStart;
    private int _position;
    private int _beginLength;
    private readonly byte[] _begin = new byte[16];

    public void Start(ReadOnlySpan<byte> beginString, ReadOnlySpan<byte> msgType)
    {
        if (beginString.Length is 0 or > 12)
        {
            throw new ArgumentException("BeginString is FIX.4.2, FIX.4.4 or similar", nameof(beginString));
        }

        beginString.CopyTo(_begin);
        _beginLength = beginString.Length;
        _bodyStart = _position = HeaderRoom;
        Add(FixWire.MsgType, msgType);
    }

    public FixWriter Add(int tag, ReadOnlySpan<byte> value)
    {
        if (value.IndexOf(FixWire.Soh) >= 0)
        {
            throw new ArgumentException($"tag {tag}: a value may not contain SOH", nameof(value));
        }

        Ensure(12 + value.Length);
        WriteTag(tag);
        value.CopyTo(_buffer.AsSpan(_position));
        _position += value.Length;
        _buffer[_position++] = FixWire.Soh;
        return this;
    }

    /// <summary>An ASCII text value (a non-ASCII character is written as '?').</summary>
    public FixWriter Add(int tag, string value)
    {
        Span<byte> small = stackalloc byte[256];
        var bytes = value.Length <= small.Length ? small[..value.Length] : new byte[value.Length];
        System.Text.Encoding.ASCII.GetBytes(value, bytes);
        return Add(tag, bytes);
    }

    public FixWriter Add(int tag, long value) => AddFormatted(tag, value, default);

    public FixWriter Add(int tag, decimal value) => AddFormatted(tag, value, default);

    /// <summary>UTCTimestamp with milliseconds: <c>YYYYMMDD-HH:MM:SS.sss</c>.</summary>
    public FixWriter AddTimestamp(int tag, DateTime utc) => AddFormatted(tag, utc, "yyyyMMdd-HH:mm:ss.fff");

    private FixWriter AddFormatted<T>(int tag, T value, ReadOnlySpan<char> format)
        where T : IUtf8SpanFormattable
    {
        Ensure(64);
        WriteTag(tag);
        value.TryFormat(_buffer.AsSpan(_position), out var written, format, System.Globalization.CultureInfo.InvariantCulture);
        _position += written;
        _buffer[_position++] = FixWire.Soh;
        return this;
    }

    /// <summary>Writes BodyLength and CheckSum; the message is valid until the next <see cref="Start"/>.</summary>
    public ReadOnlySpan<byte> Finish()
    {
        var bodyLength = _position - _bodyStart;
        Span<byte> header = stackalloc byte[HeaderRoom];
        var h = 0;
        header[h++] = (byte)'8';
        header[h++] = (byte)'=';
        _begin.AsSpan(0, _beginLength).CopyTo(header[h..]);
        h += _beginLength;
        header[h++] = FixWire.Soh;
        header[h++] = (byte)'9';
        header[h++] = (byte)'=';
        Utf8Formatter.TryFormat(bodyLength, header[h..], out var written);
        h += written;
        header[h++] = FixWire.Soh;
        var start = _bodyStart - h;
        header[..h].CopyTo(_buffer.AsSpan(start));

        Ensure(7);
        var checksum = FixWire.SumModulo256(_buffer.AsSpan(start, _position - start));
        var trailer = _buffer.AsSpan(_position, 7);
        trailer[0] = (byte)'1';
        trailer[1] = (byte)'0';
        trailer[2] = (byte)'=';
        trailer[3] = (byte)('0' + (checksum / 100));
        trailer[4] = (byte)('0' + (checksum / 10 % 10));
        trailer[5] = (byte)('0' + (checksum % 10));
        trailer[6] = FixWire.Soh;
        return _buffer.AsSpan(start, _position + 7 - start);
    }

    private void WriteTag(int tag)
    {
        Utf8Formatter.TryFormat(tag, _buffer.AsSpan(_position), out var written);
        _position += written;
        _buffer[_position++] = (byte)'=';
    }

    private void Ensure(int more)
    {
        if (_position + more + 8 > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _position + more + 64));
        }
    }
}
