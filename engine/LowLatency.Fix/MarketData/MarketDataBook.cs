using LowLatency.Fix.Messages;

namespace LowLatency.Fix.MarketData;

/// <summary>
/// One instrument's book built from a venue's snapshots and incremental refreshes: bids and offers by MDEntryID
/// or position, the last trade, and the RptSeq that tells when an update was lost. A book that has lost an
/// update is not <see cref="Valid"/> until the next snapshot rebuilds it; nothing should be read from it meanwhile.
/// </summary>
public sealed class MarketDataBook(int levels)
{
    private long _rptSeq = -1;

    public BookSide Bids { get; } = new(bids: true, levels);

    public BookSide Offers { get; } = new(bids: false, levels);

    /// <summary>Whether the book matches the venue's: a snapshot arrived and no update was lost since.</summary>
    public bool Valid { get; private set; }

    public decimal LastTradePrice { get; private set; }

    public decimal LastTradeSize { get; private set; }

    /// <summary>Clears the book for a snapshot's entries; it is valid again once they are applied.</summary>
    public void BeginSnapshot(long rptSeq)
    {
        Bids.Clear();
        Offers.Clear();
        _rptSeq = rptSeq;
        Valid = true;
    }

    /// <summary>Marks the book as no longer matching the venue's (until the next snapshot).</summary>
    public void Invalidate() => Valid = false;

    /// <summary>Applies one entry of a snapshot (<see cref="MdEntry.Action"/> 0) or of an incremental refresh.</summary>
    public BookOutcome Apply(in MdEntry entry)
    {
        if (entry.Action != 0 && entry.RptSeq >= 0)
        {
            // FIX 4.4: RptSeq counts each instrument's updates; a skipped number is a lost update.
            if (_rptSeq >= 0 && entry.RptSeq != _rptSeq + 1)
            {
                if (entry.RptSeq <= _rptSeq)
                {
                    return BookOutcome.Ignored; // an update the snapshot already holds
                }

                Valid = false;
                return BookOutcome.Gap;
            }

            _rptSeq = entry.RptSeq;
        }

        if (entry.Type is not (MdEntryTypes.Bid or MdEntryTypes.Offer or MdEntryTypes.Trade))
        {
            return BookOutcome.Ignored;
        }

        var delete = entry.Action == MdEntryTypes.ActionDelete;
        if (!delete && (!entry.HasPrice || entry.Price <= 0 || !entry.HasSize || entry.Size < 0))
        {
            return BookOutcome.BadEntry;
        }

        if (entry.Type == MdEntryTypes.Trade)
        {
            if (delete || entry.Size <= 0)
            {
                return BookOutcome.Ignored; // a trade bust or a zero print: nothing to quote on
            }

            LastTradePrice = entry.Price;
            LastTradeSize = entry.Size;
            return BookOutcome.Trade;
        }

        var side = entry.Type == MdEntryTypes.Bid ? Bids : Offers;
        var outcome = entry.Action switch
        {
            0 or MdEntryTypes.ActionNew => entry.Size > 0 ? side.Add(entry.Id, entry.Price, entry.Size, entry.Position) : BookOutcome.BadEntry,
            MdEntryTypes.ActionChange => side.Change(entry.Id, entry.RefId, entry.Price, entry.Size, entry.Position),
            MdEntryTypes.ActionDelete => side.Delete(entry.Id.IsEmpty ? entry.RefId : entry.Id, entry.Position),
            _ => BookOutcome.BadEntry,
        };
        if (outcome is BookOutcome.UnknownEntry or BookOutcome.Overflow)
        {
            Valid = false;
        }

        return outcome;
    }
}
