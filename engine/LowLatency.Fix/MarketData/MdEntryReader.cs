using System.Buffers.Text;
using LowLatency.Fix.Wire;

namespace LowLatency.Fix.MarketData;

/// <summary>
/// Reads the NoMDEntries group of a W or X message entry by entry, in place and without allocating. An entry
/// starts at the group's first field (MDEntryType in a snapshot, MDUpdateAction in an incremental refresh, as
/// both dictionaries order them) and runs to the next one or the trailer. Fields the engine does not read are skipped.
/// </summary>
public ref struct MdEntryReader
{
    private const int CheckSum = 10;
    private readonly FixMessageView _message;
    private readonly int _delimiter;
    private readonly ReadOnlySpan<byte> _symbol;
    private readonly long _rptSeq;
    private int _position;

    /// <summary>A reader over <paramref name="message"/>'s entries; <paramref name="incremental"/> for X, false for W.</summary>
    public MdEntryReader(in FixMessageView message, bool incremental)
    {
        _message = message;
        _delimiter = incremental ? Tag.MdUpdateAction : Tag.MdEntryType;
        message.TryGetAt(Tag.NoMdEntries, 0, out var count, out _position);
        Count = Utf8Parser.TryParse(count, out int entries, out _) ? entries : 0;
        _symbol = default;
        _rptSeq = -1;
        if (!incremental)
        {
            // A snapshot names its symbol (and FIX 4.4 its RptSeq) once, before the entries.
            message.TryGet(Tag.Symbol, out _symbol);
            _rptSeq = message.TryGetLong(Tag.RptSeq, out var seq) ? seq : -1;
        }
    }

    /// <summary>NoMDEntries as the message states it (0 when absent).</summary>
    public int Count { get; }

    /// <summary>The next entry; false after the last.</summary>
    public bool TryNext(out MdEntry entry)
    {
        entry = default;
        var message = _message;
        var at = _position;
        if (!message.TryReadField(ref at, out var tag, out var value) || tag != _delimiter)
        {
            return false;
        }

        byte action = 0, type = 0;
        if (_delimiter == Tag.MdUpdateAction)
        {
            action = value.Length == 1 ? value[0] : (byte)'?';
        }
        else
        {
            type = value.Length == 1 ? value[0] : (byte)'?';
        }

        decimal price = 0, size = 0;
        bool hasPrice = false, hasSize = false;
        int position = 0;
        long rptSeq = _rptSeq;
        ReadOnlySpan<byte> id = default, refId = default, symbol = _symbol;
        var next = at;
        while (message.TryReadField(ref next, out tag, out value) && tag != _delimiter && tag != CheckSum)
        {
            at = next;
            switch (tag)
            {
                case Tag.MdEntryType:
                    type = value.Length == 1 ? value[0] : (byte)'?';
                    break;
                case Tag.MdEntryPx:
                    hasPrice = Utf8Parser.TryParse(value, out price, out var used) && used == value.Length;
                    break;
                case Tag.MdEntrySize:
                    hasSize = Utf8Parser.TryParse(value, out size, out used) && used == value.Length;
                    break;
                case Tag.MdEntryId:
                    id = value;
                    break;
                case Tag.MdEntryRefId:
                    refId = value;
                    break;
                case Tag.Symbol:
                    symbol = value;
                    break;
                case Tag.MdEntryPositionNo:
                    position = Utf8Parser.TryParse(value, out int at1, out _) ? at1 : 0;
                    break;
                case Tag.RptSeq:
                    rptSeq = Utf8Parser.TryParse(value, out long seq, out used) && used == value.Length ? seq : -1;
                    break;
            }
        }

        _position = at;
        entry = new MdEntry
        {
            Action = action, Type = type, Price = price, HasPrice = hasPrice, Size = size, HasSize = hasSize,
            Id = id, RefId = refId, Symbol = symbol, Position = position, RptSeq = rptSeq,
        };
        return true;
    }
}
