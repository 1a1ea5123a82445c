using LowLatency.Fix.Session;
using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Messages;

/// <summary>
/// MarketDataRequest (V) for one symbol: subscribe to a snapshot then incremental updates, or end a subscription.
/// Bids and offers to <see cref="Depth"/> levels (0: the full book, 1: top of book), aggregated by price, and
/// trades when <see cref="Trades"/>. One symbol per request, so a venue's reject names the one it refuses.
/// </summary>
public readonly record struct MarketDataRequest(string MdReqId, byte[] Symbol, bool Subscribe, int Depth, bool Trades) : IFixBody
{
    public const byte SnapshotPlusUpdates = (byte)'1';
    public const byte Unsubscribe = (byte)'2';

    public void Write(FixWriter writer)
    {
        writer.Add(Tag.MdReqId, MdReqId)
            .Add(Tag.SubscriptionRequestType, [Subscribe ? SnapshotPlusUpdates : Unsubscribe])
            .Add(Tag.MarketDepth, Depth);
        if (Subscribe)
        {
            writer.Add(Tag.MdUpdateType, 1) // incremental refresh after the snapshot
                .Add(Tag.AggregatedBook, "Y"u8); // one entry per price level
        }

        writer.Add(Tag.NoMdEntryTypes, Trades ? 3 : 2)
            .Add(Tag.MdEntryType, [MdEntryTypes.Bid])
            .Add(Tag.MdEntryType, [MdEntryTypes.Offer]);
        if (Trades)
        {
            writer.Add(Tag.MdEntryType, [MdEntryTypes.Trade]);
        }

        writer.Add(Tag.NoRelatedSym, 1).Add(Tag.Symbol, Symbol);
    }
}
