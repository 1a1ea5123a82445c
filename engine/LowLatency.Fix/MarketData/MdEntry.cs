namespace LowLatency.Fix.MarketData;

/// <summary>
/// One entry of a MarketDataSnapshotFullRefresh (W) or MarketDataIncrementalRefresh (X), in place: its spans
/// point into the received message and are valid only while it is being handled.
/// </summary>
public readonly ref struct MdEntry
{
    /// <summary>MDUpdateAction (279) of an incremental entry; 0 in a snapshot.</summary>
    public byte Action { get; init; }

    /// <summary>MDEntryType (269): bid, offer, trade, or another type this engine does not read.</summary>
    public byte Type { get; init; }

    /// <summary>MDEntryPx (270); false in <see cref="HasPrice"/> when absent or not a number.</summary>
    public decimal Price { get; init; }

    public bool HasPrice { get; init; }

    public decimal Size { get; init; }

    public bool HasSize { get; init; }

    /// <summary>MDEntryID (278), empty when the venue keys its book by position.</summary>
    public ReadOnlySpan<byte> Id { get; init; }

    /// <summary>MDEntryRefID (280, FIX 4.4): the entry a change replaces, when it gives the replaced one a new id.</summary>
    public ReadOnlySpan<byte> RefId { get; init; }

    /// <summary>The entry's Symbol (55), or the snapshot's when the entry names none.</summary>
    public ReadOnlySpan<byte> Symbol { get; init; }

    /// <summary>MDEntryPositionNo (290), 1 the best level; 0 when absent.</summary>
    public int Position { get; init; }

    /// <summary>RptSeq (83) of this entry (or of the snapshot), -1 when the venue sends none.</summary>
    public long RptSeq { get; init; }
}
