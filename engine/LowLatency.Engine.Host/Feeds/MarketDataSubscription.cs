using System.Buffers.Text;
using System.Globalization;
using LowLatency.Engine.MarketData;
using LowLatency.Fix.MarketData;

namespace LowLatency.Engine.Host.Feeds;

/// <summary>
/// One instrument's subscription on a FIX market data session: the venue's symbol, the book its messages build,
/// and which request is current. Each request gets a new MDReqID (<c>MD{index}.{generation}</c>), so messages
/// still arriving for an ended one (after a logout, or a rebuild) are told apart and ignored.
/// </summary>
internal sealed class MarketDataSubscription(int index, Instrument instrument, byte[] venueSymbol, int levels)
{
    public Instrument Instrument { get; } = instrument;

    public byte[] VenueSymbol { get; } = venueSymbol;

    public MarketDataBook Book { get; } = new(levels);

    /// <summary>The current request's generation; 0 while none is open.</summary>
    public long Generation { get; private set; }

    /// <summary>The sequence number of the MarketDataRequest that opened the current request.</summary>
    public long RequestSeq { get; set; }

    /// <summary>The venue refused the subscription (MarketDataRequestReject): not asked again until the next logon.</summary>
    public bool Refused { get; set; }

    /// <summary>The last top of book published (a trade is published beside it).</summary>
    public long PublishedBid { get; set; }

    public long PublishedAsk { get; set; }

    public string RequestId => string.Create(CultureInfo.InvariantCulture, $"MD{index}.{Generation}");

    /// <summary>A new request under <paramref name="generation"/>: the book waits for its snapshot.</summary>
    public void Open(long generation)
    {
        Generation = generation;
        Refused = false;
        Book.Invalidate();
        (PublishedBid, PublishedAsk) = (0, 0);
    }

    /// <summary>The request ended (logout, rebuild): its messages are no longer read.</summary>
    public void Close()
    {
        Generation = 0;
        Book.Invalidate();
    }

    /// <summary>Reads the subscription index and generation out of an MDReqID of ours; false for any other.</summary>
    public static bool TryParseRequestId(ReadOnlySpan<byte> id, out int index, out long generation)
    {
        index = -1;
        generation = 0;
        if (!id.StartsWith("MD"u8) || !Utf8Parser.TryParse(id[2..], out index, out var used) || 2 + used >= id.Length || id[2 + used] != (byte)'.')
        {
            return false;
        }

        var rest = id[(3 + used)..];
        return Utf8Parser.TryParse(rest, out generation, out var consumed) && consumed == rest.Length;
    }
}
